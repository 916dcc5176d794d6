// SQS001: a queue that is consumed should send messages that keep failing to a dead-letter queue.
import {displayName, isDeadLetterTarget} from '../helpers.js'
import {defineRule} from '../types.js'

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
    },
    equivalents: {'serverless-rules': ['ES6000'], 'cdk-nag': ['Serverless-SQSRedrivePolicy', 'AwsSolutions-SQS3']},
    docs: {
      what: 'Finds SQS queues without a `RedrivePolicy`. A queue that is itself the dead-letter queue of another queue, function, event source mapping, subscription or rule target is exempt.',
      why: 'Without a dead-letter queue, a poison message is received and fails again and again until its retention period ends, costing invocations and then disappearing without a trace.',
      failing: 'Resources:\n  Orders:\n    Type: AWS::SQS::Queue',
      fixed:
        'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt OrdersDlq.Arn\n        maxReceiveCount: 5\n  OrdersDlq:\n    Type: AWS::SQS::Queue\n    Properties:\n      MessageRetentionPeriod: 1209600',
      whenNotToUse: 'Queues whose messages may be dropped on failure by design (e.g. best-effort telemetry); suppress the rule on that queue with a reason.',
      references: [
        'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html',
        'https://docs.aws.amazon.com/wellarchitected/latest/serverless-applications-lens/failure-management.html',
      ],
    },
  },
  check({graph, report}) {
    for (const queue of graph.ofKind('queue')) {
      if (queue.props.RedrivePolicy !== undefined) continue
      if (isDeadLetterTarget(graph, queue)) continue
      report({
        node: queue,
        path: [],
        messageId: 'noRedrive',
        data: {queue: displayName(queue)},
        fix: 'Add RedrivePolicy with deadLetterTargetArn pointing at a dead-letter queue and a maxReceiveCount such as 5.',
      })
    }
  },
})
