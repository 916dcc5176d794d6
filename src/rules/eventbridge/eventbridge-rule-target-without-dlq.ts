// EVB001: EventBridge rule targets should have a dead-letter queue for events that cannot be delivered.
import type {Fixer} from '../../fix/fixer.js'
import type {FixProposal} from '../../fix/types.js'
import type {GraphNode} from '../../model/types.js'
import {deadLetterQueueResources, dlqDepthAlarm, userName} from '../sqs/queues.js'
import {absenceReport} from '../conditional.js'
import {defineRule} from '../types.js'
import {deadLetterAbsence, ruleTargets} from './targets.js'

export default defineRule({
  meta: {
    id: 'EVB001',
    name: 'eventbridge-rule-target-without-dlq',
    title: 'EventBridge rule target without a dead-letter queue',
    severity: 'warning',
    service: 'eventbridge',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-ERR-4', 'P-ERR-6'],
    messages: {
      noDlq: 'Target {{target}} of rule {{rule}} has no DeadLetterConfig: events EventBridge cannot deliver (missing permission, deleted target, retries exhausted) are dropped.',
      conditionalDlq: 'Target {{target}} of rule {{rule}} has a DeadLetterConfig only when {{conditions}} chooses it: on the other branch events EventBridge cannot deliver are dropped.',
    },
    fixable: 'unsafe',
    fixUnsafeReason: 'Events EventBridge cannot deliver after its retries go to the new dead-letter queue instead of being dropped: someone must watch it (the fix adds its depth alarm).',
    cdkFix: 'deadLetterQueue: dlq (on the target)',
    equivalents: {'serverless-rules': ['ES4000'], 'cdk-nag': ['Serverless-EventBusDLQ']},
    docs: {
      what: 'Finds targets of enabled `AWS::Events::Rule` resources (SAM: `EventBridgeRule`, `CloudWatchEvent` and `Schedule` events) without `DeadLetterConfig`.',
      why: 'EventBridge drops an event once its retry policy is exhausted, and immediately for errors it does not retry — a target that no longer exists or a missing resource policy. With a DLQ the event and the error code are kept for inspection and redrive.',
      failing: 'Resources:\n  OrderPlaced:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern: {source: [shop.orders]}\n      Targets:\n        - Id: billing\n          Arn: !GetAtt Billing.Arn',
      fixed:
        'Resources:\n  OrderPlaced:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern: {source: [shop.orders]}\n      Targets:\n        - Id: billing\n          Arn: !GetAtt Billing.Arn\n          DeadLetterConfig: {Arn: !GetAtt OrderPlacedDlq.Arn}\n          RetryPolicy: {MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 3600}',
      whenNotToUse: 'Targets whose events may be lost by design (best-effort notifications).',
      references: ['https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html', 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html'],
    },
  },
  check({graph, report}) {
    for (const {rule, target, path, name} of ruleTargets(graph.ofKind('rule'))) {
      const absence = deadLetterAbsence(target)
      if (!absence) continue
      report(
        absenceReport(absence, {
          node: rule,
          path,
          conditionalPath: [...path, 'DeadLetterConfig'],
          messageId: 'noDlq',
          conditionalMessageId: 'conditionalDlq',
          data: {rule: userName(rule), target: name},
          fix: 'Add DeadLetterConfig.Arn pointing at a standard SQS queue (SAM: DeadLetterConfig: {Type: SQS}) and a queue policy letting events.amazonaws.com send to it.',
          autofix: (fixer) => targetDlqFix(fixer, rule, path as Array<string | number>),
        }),
      )
    }
  },
})

/**
 * A dead-letter queue for a rule target. A SAM event gets `DeadLetterConfig: {Type: SQS}` (SAM then creates the
 * queue and its policy, named `<function><event>Queue`) and the queue's depth alarm; a rule written in
 * CloudFormation gets the queue, its policy and alarm after it, and the target's DeadLetterConfig.
 */
function targetDlqFix(fixer: Fixer, rule: GraphNode, path: Array<string | number>): FixProposal | undefined {
  const written = fixer.written(rule)
  if (!written) return undefined
  const event = fixer.samEventOf(rule)
  if (written.sam) {
    if (event === undefined) return undefined
    const queue = `${written.id}${event}Queue`
    const alarm = fixer.newResourceId(`${queue}DepthAlarm`)
    const target = fixer.alarmTarget()
    return fixer.propose(
      `Send undeliverable events to a dead-letter queue SAM creates (${queue}), with its depth alarm`,
      [
        fixer.setEventProperty(rule, ['DeadLetterConfig'], {Type: 'SQS'}, ['EventBridgeRule', 'CloudWatchEvent', 'Schedule']),
        fixer.addResourceAfter(written.id, alarm, fixer.alarm(dlqDepthAlarm(queue), queue, target.action)),
        target.edits,
      ],
      target.unsafe,
    )
  }
  if (written.type !== rule.type) return undefined
  const dlq = fixer.newResourceId(`${written.id}Dlq`)
  const resources = deadLetterQueueResources(fixer, dlq, {service: 'events.amazonaws.com', sourceArn: fixer.getAtt(written.id, 'Arn'), fifo: false})
  return fixer.propose(
    `Add dead-letter queue ${dlq} (with its policy and depth alarm) for the target`,
    [fixer.setProperty(rule, [...path, 'DeadLetterConfig'], {Arn: fixer.getAtt(dlq, 'Arn')}), fixer.addResourcesAfter(written.id, resources.resources), resources.edits],
    resources.unsafe,
  )
}
