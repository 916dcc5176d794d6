// CWA002: functions should have an alarm on Throttles, so concurrency limits are noticed.
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {functionAlarm, hasAlarm} from './alarm-coverage.js'

export default defineRule({
  meta: {
    id: 'CWA002',
    name: 'cloudwatch-function-without-throttle-alarm',
    title: 'Lambda function without an alarm on Throttles',
    severity: 'info',
    service: 'cloudwatch',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: false,
    practices: ['P-OBS-3', 'P-DES-2'],
    messages: {
      noAlarm: 'Function {{function}} has no alarm on AWS/Lambda Throttles: hitting its concurrency limit goes unnoticed.',
    },
    fixable: 'safe',
    cdkFix: "fn.metricThrottles().createAlarm(this, 'Throttles', {threshold: 1, evaluationPeriods: 1})",
    equivalents: {},
    docs: {
      what: 'Finds functions that no alarm watches on the `AWS/Lambda` `Throttles` metric (directly by dimension or through metric math).',
      why: 'Throttled synchronous calls fail for the caller; throttled asynchronous and queue-driven work piles up and ages. A throttle alarm tells you the reserved or account concurrency is too low before messages expire.',
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      ReservedConcurrentExecutions: 5',
      fixed:
        'Resources:\n  WorkerThrottles:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      Namespace: AWS/Lambda\n      MetricName: Throttles\n      Dimensions:\n        - Name: FunctionName\n          Value: !Ref Worker\n      Statistic: Sum\n      Period: 300\n      EvaluationPeriods: 1\n      Threshold: 1\n      ComparisonOperator: GreaterThanOrEqualToThreshold\n      AlarmActions: [!Ref AlertsTopic]',
      whenNotToUse: 'Functions behind queues where throttling is the intended back-pressure (e.g. a small reserved concurrency that protects a database).',
      references: ['https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html', 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html'],
      limitations: 'Alarms in other stacks are seen only when lint links those stacks with this one into an application (exports, SSM parameters, nested stacks, or a declared stack group).',
    },
  },
  check({graph, report}) {
    for (const fn of graph.ofKind('function')) {
      if (fn.managed) continue
      if (hasAlarm(graph, fn, {namespace: 'AWS/Lambda', metrics: ['Throttles']})) continue
      report({
        node: fn,
        path: [],
        messageId: 'noAlarm',
        data: {function: displayName(fn)},
        fix: `Add an AWS::CloudWatch::Alarm on AWS/Lambda Throttles with dimension FunctionName: !Ref ${displayName(fn)}.`,
        autofix: (fixer) => fixer.addAlarm(fn, 'Throttles', functionAlarm('Throttles', `Function ${displayName(fn)} is throttled`, 'Sum', 1, 'GreaterThanOrEqualToThreshold')),
      })
    }
  },
})
