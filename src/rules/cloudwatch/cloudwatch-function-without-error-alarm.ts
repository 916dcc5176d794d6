// CWA001: every function should have an alarm on its Errors metric (or an error-rate expression over it).
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {functionAlarm, hasAlarm} from './alarm-coverage.js'

export default defineRule({
  meta: {
    id: 'CWA001',
    name: 'cloudwatch-function-without-error-alarm',
    title: 'Lambda function without an alarm on Errors',
    severity: 'warning',
    service: 'cloudwatch',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-OBS-3'],
    messages: {
      noAlarm: 'Function {{function}} has no alarm on AWS/Lambda Errors: when it starts failing, nobody is told.',
    },
    fixable: 'safe',
    cdkFix: "fn.metricErrors().createAlarm(this, 'Errors', {threshold: 1, evaluationPeriods: 1}) plus alarm.addAlarmAction(new actions.SnsAction(topic))",
    equivalents: {},
    docs: {
      what: 'Finds functions that no `AWS::CloudWatch::Alarm` watches on the `AWS/Lambda` `Errors` metric — directly with a `FunctionName` (or `Resource`) dimension resolved through `Ref`, `GetAtt`, `Sub` or the function name, or in metric math such as an error rate `errors / invocations`.',
      why: 'Errors are the first sign that a consumer is failing; in an event-driven system the failures go to retries and dead-letter queues quietly, and without an alarm the first person to notice is a customer.',
      failing: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n  WorkerErrors:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      Namespace: AWS/Lambda\n      MetricName: Errors\n      Dimensions:\n        - Name: FunctionName\n          Value: !Ref Worker\n      Statistic: Sum\n      Period: 60\n      EvaluationPeriods: 1\n      Threshold: 1\n      ComparisonOperator: GreaterThanOrEqualToThreshold\n      TreatMissingData: notBreaching\n      AlarmActions: [!Ref AlertsTopic]',
      whenNotToUse: 'Alarms defined in another stack or another monitoring tool: turn the rule off for the template, or lint with the monitoring stack alongside.',
      references: ['https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html', 'https://docs.aws.amazon.com/wellarchitected/latest/serverless-applications-lens/alerting.html'],
      limitations:
        'Alarms in other stacks are seen only when lint links those stacks with this one into an application (exports, SSM parameters, nested stacks, or a declared stack group); audit of a live account sees them. An alarm whose dimension is a parameter or import counts for every function (lenient).',
    },
  },
  check({graph, report}) {
    for (const fn of graph.ofKind('function')) {
      if (fn.managed) continue
      if (hasAlarm(graph, fn, {namespace: 'AWS/Lambda', metrics: ['Errors']})) continue
      report({
        node: fn,
        path: [],
        messageId: 'noAlarm',
        data: {function: displayName(fn)},
        fix: `Add an AWS::CloudWatch::Alarm on AWS/Lambda Errors (Sum ≥ 1 over 60 s) with dimension FunctionName: !Ref ${displayName(fn)} and an AlarmActions topic.`,
        autofix: (fixer) => fixer.addAlarm(fn, 'Errors', functionAlarm('Errors', `Function ${displayName(fn)} is failing`, 'Sum', 1, 'GreaterThanOrEqualToThreshold')),
      })
    }
  },
})
