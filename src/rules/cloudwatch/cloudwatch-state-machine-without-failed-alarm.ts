// CWA004: every state machine should have an alarm on ExecutionsFailed.
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {hasAlarm} from './alarm-coverage.js'

export default defineRule({
  meta: {
    id: 'CWA004',
    name: 'cloudwatch-state-machine-without-failed-alarm',
    title: 'Step Functions state machine without an alarm on ExecutionsFailed',
    severity: 'warning',
    service: 'cloudwatch',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-OBS-3'],
    messages: {
      noAlarm: 'State machine {{stateMachine}} has no alarm on AWS/States ExecutionsFailed: failed workflows are only seen in the console.',
    },
    fixable: 'safe',
    cdkFix: "stateMachine.metricFailed().createAlarm(this, 'ExecutionsFailed', {threshold: 1, evaluationPeriods: 1})",
    equivalents: {},
    docs: {
      what: 'Finds state machines that no alarm watches on the `AWS/States` `ExecutionsFailed` metric with a `StateMachineArn` dimension (resolved through `Ref`, which returns the ARN, or literal), directly or in metric math.',
      why: 'A failed execution is a business process that stopped half way — an order not shipped, a refund not made. Without an alarm it waits in the execution history until someone happens to look.',
      failing: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Checkout:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: statemachine/checkout.asl.json',
      fixed:
        'Resources:\n  CheckoutFailed:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      Namespace: AWS/States\n      MetricName: ExecutionsFailed\n      Dimensions:\n        - Name: StateMachineArn\n          Value: !Ref Checkout\n      Statistic: Sum\n      Period: 300\n      EvaluationPeriods: 1\n      Threshold: 1\n      ComparisonOperator: GreaterThanOrEqualToThreshold\n      TreatMissingData: notBreaching\n      AlarmActions: [!Ref AlertsTopic]',
      whenNotToUse: 'State machines whose failures are handled inside (every failure caught and compensated, then Succeed) and alarmed on another metric.',
      references: ['https://docs.aws.amazon.com/step-functions/latest/dg/procedure-cw-metrics.html'],
      limitations: 'Alarms in other stacks are seen only when lint links those stacks with this one into an application (exports, SSM parameters, nested stacks, or a declared stack group).',
    },
  },
  check({graph, report}) {
    for (const machine of graph.ofKind('stateMachine')) {
      if (hasAlarm(graph, machine, {namespace: 'AWS/States', metrics: ['ExecutionsFailed']})) continue
      report({
        node: machine,
        path: [],
        messageId: 'noAlarm',
        data: {stateMachine: displayName(machine)},
        fix: `Add an AWS::CloudWatch::Alarm on AWS/States ExecutionsFailed (Sum ≥ 1) with dimension StateMachineArn: !Ref ${displayName(machine)}.`,
        autofix: (fixer) =>
          fixer.addAlarm(machine, 'ExecutionsFailed', {
            description: `Executions of ${displayName(machine)} are failing`,
            namespace: 'AWS/States',
            metric: 'ExecutionsFailed',
            dimension: 'StateMachineArn',
            value: (id) => fixer.ref(id),
            statistic: 'Sum',
            threshold: 1,
            comparison: 'GreaterThanOrEqualToThreshold',
          }),
      })
    }
  },
})
