// SQS001: a queue that is consumed should send messages that keep failing to a dead-letter queue.
import type {Fixer} from '../../fix/fixer.js'
import {absenceOf} from '../conditional.js'
import {displayName, isDeadLetterTarget} from '../helpers.js'
import {defineRule} from '../types.js'
import {dlqDepthAlarm, isFifoQueue, MAX_RETENTION_SECONDS, queueConsumers} from './queues.js'

export default defineRule({
  meta: {
    id: 'SQS001',
    name: 'sqs-queue-without-dlq',
    title: 'SQS queue has no dead-letter queue',
    severity: 'error',
    service: 'sqs',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-ERR-1'],
    messages: {
      noRedrive: 'Queue {{queue}} has no RedrivePolicy: a message that keeps failing is retried until it expires and is lost.',
      noRedriveNoConsumer:
        'Queue {{queue}} has no RedrivePolicy and nothing in this template consumes it: if its consumer (elsewhere, or code) fails on a message, the message is retried until it expires and is lost.',
      conditionalRedrive: 'Queue {{queue}} has a RedrivePolicy only when {{conditions}} chooses it: on the other branch failing messages are retried until they expire.',
    },
    fixable: 'unsafe',
    fixUnsafeReason:
      'A dead-letter queue changes where failed messages go: after 5 failed receives a message moves to the DLQ instead of being retried until it expires, so whoever watched the source queue must now watch the DLQ (the fix adds its depth alarm).',
    cdkFix: 'deadLetterQueue: {queue: dlq, maxReceiveCount: 5}',
    equivalents: {'serverless-rules': ['ES6000'], 'cdk-nag': ['Serverless-SQSRedrivePolicy', 'AwsSolutions-SQS3']},
    docs: {
      what: "Finds SQS queues without a `RedrivePolicy`. A queue that is itself the dead-letter queue of another queue, function, event source mapping, subscription or rule target is exempt. The finding is an error only when something in the template receives the queue's messages (an event source mapping, a pipe, or a role allowed `sqs:ReceiveMessage` on it); a queue whose consumer is not in view gets a warning, and a `RedrivePolicy` set on one branch of an `Fn::If` only an info.",
      why: 'Without a dead-letter queue, a poison message is received and fails again and again until its retention period ends, costing invocations and then disappearing without a trace.',
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Orders:\n    Type: AWS::SQS::Queue\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Events:\n        Orders:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Orders.Arn',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Events:\n        Orders:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Orders.Arn\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt OrdersDlq.Arn\n        maxReceiveCount: 5\n  OrdersDlq:\n    Type: AWS::SQS::Queue\n    Properties:\n      MessageRetentionPeriod: 1209600',
      whenNotToUse: 'Queues whose messages may be dropped on failure by design (e.g. best-effort telemetry); suppress the rule on that queue with a reason.',
      references: [
        'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html',
        'https://docs.aws.amazon.com/wellarchitected/latest/serverless-applications-lens/failure-management.html',
      ],
    },
  },
  check({graph, report}) {
    for (const queue of graph.ofKind('queue')) {
      if (isDeadLetterTarget(graph, queue)) continue
      const absence = absenceOf(queue.props, 'RedrivePolicy')
      if (!absence) continue
      const fix = 'Add RedrivePolicy with deadLetterTargetArn pointing at a dead-letter queue and a maxReceiveCount such as 5.'
      if (absence.conditional) {
        report({node: queue, path: ['RedrivePolicy'], messageId: 'conditionalRedrive', data: {queue: displayName(queue), conditions: absence.conditions}, fix, maxSeverity: absence.maxSeverity})
        continue
      }
      const consumed = queueConsumers(graph, queue).length > 0
      const autofix = (fixer: Fixer) => {
        const written = fixer.written(queue)
        if (!written || written.sam) return undefined
        const fifo = isFifoQueue(queue)
        if (fifo === undefined) return undefined
        const dlq = fixer.newResourceId(`${written.id}Dlq`)
        const alarm = fixer.newResourceId(`${dlq}DepthAlarm`)
        const target = fixer.alarmTarget()
        // The DLQ keeps messages as long as SQS allows (14 days), longer than any source but one that already keeps 14 days.
        const dlqProps = {...(fifo ? {FifoQueue: true} : {}), MessageRetentionPeriod: MAX_RETENTION_SECONDS, SqsManagedSseEnabled: true}
        return fixer.propose(
          `Add dead-letter queue ${dlq} with a depth alarm, and a redrive policy to it`,
          [
            fixer.setProperty(queue, ['RedrivePolicy'], {deadLetterTargetArn: fixer.getAtt(dlq, 'Arn'), maxReceiveCount: 5}),
            fixer.addResourcesAfter(queue, {
              [dlq]: {Type: 'AWS::SQS::Queue', Properties: dlqProps},
              [alarm]: fixer.alarm(dlqDepthAlarm(dlq), dlq, target.action),
            }),
            target.edits,
          ],
          target.unsafe,
        )
      }
      report({
        node: queue,
        path: [],
        messageId: consumed ? 'noRedrive' : 'noRedriveNoConsumer',
        data: {queue: displayName(queue)},
        fix,
        autofix,
        // Redrive acts only on messages that are received: without a consumer in view the loss is a guess.
        ...(consumed ? {} : {maxSeverity: 'warning' as const}),
      })
    }
  },
})
