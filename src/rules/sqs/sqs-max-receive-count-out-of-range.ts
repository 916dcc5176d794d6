// SQS004: maxReceiveCount should allow a few retries, but not so many that a poison message is retried for days.
import {get, literalNumber} from '../../model/intrinsics.js'
import {defineRule} from '../types.js'
import {redrivePolicyOf, userName} from './queues.js'

export default defineRule({
  meta: {
    id: 'SQS004',
    name: 'sqs-max-receive-count-out-of-range',
    title: 'Redrive policy retries not at all, or far too often',
    severity: 'warning',
    service: 'sqs',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-ERR-1', 'P-ERR-6'],
    options: {maximum: 100},
    messages: {
      noRetry: 'Queue {{queue}} has maxReceiveCount {{count}}: a message goes to the dead-letter queue after its first failed receive, with no retry, even for a transient error or a throttled consumer.',
      tooHigh: 'Queue {{queue}} has maxReceiveCount {{count}} (more than {{maximum}}): a poison message is retried that many times before it reaches the dead-letter queue, blocking and costing the consumer.',
    },
    equivalents: {},
    docs: {
      what: 'Reads `RedrivePolicy.maxReceiveCount` (object or live JSON text) and reports 1 (no retry at all) and values above the `maximum` option (100 by default).',
      why: 'With 1, a Lambda consumer that is throttled, times out once or hits a transient error sends the message straight to the DLQ. With hundreds, a message that can never succeed is received again and again for its whole retention period before anyone sees it.',
      failing: 'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy: {deadLetterTargetArn: !GetAtt OrdersDlq.Arn, maxReceiveCount: 1}',
      fixed: 'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy: {deadLetterTargetArn: !GetAtt OrdersDlq.Arn, maxReceiveCount: 5}',
      whenNotToUse: "Queues whose consumer does its own retrying and must never see a message twice; set the rule's options or suppress it on that queue.",
      references: ['https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html', 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html'],
    },
  },
  check({graph, options, report}) {
    const maximum = typeof options.maximum === 'number' ? options.maximum : 100
    for (const queue of graph.ofKind('queue')) {
      const count = literalNumber(get(redrivePolicyOf(queue), 'maxReceiveCount'))
      if (count === undefined) continue
      const path = typeof queue.props.RedrivePolicy === 'string' ? ['RedrivePolicy'] : ['RedrivePolicy', 'maxReceiveCount']
      if (count <= 1) {
        report({node: queue, path, messageId: 'noRetry', data: {queue: userName(queue), count}, fix: 'Set RedrivePolicy.maxReceiveCount to at least 3 (5 is a common choice).'})
      } else if (count > maximum) {
        report({node: queue, path, messageId: 'tooHigh', data: {queue: userName(queue), count, maximum}, fix: `Set RedrivePolicy.maxReceiveCount to ${maximum} or less (5 is a common choice).`})
      }
    }
  },
})
