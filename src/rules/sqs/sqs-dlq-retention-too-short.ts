// SQS003: a standard DLQ must keep messages longer than its source, or they expire soon after they arrive.
import {defineRule} from '../types.js'
import {deadLetterSources} from '../helpers.js'
import {DEFAULT_RETENTION_SECONDS, humanDuration, MAX_RETENTION_SECONDS, isFifoQueue, retentionSeconds, userName} from './queues.js'

export default defineRule({
  meta: {
    id: 'SQS003',
    name: 'sqs-dlq-retention-too-short',
    title: 'Dead-letter queue does not keep messages longer than its source queue',
    severity: 'warning',
    service: 'sqs',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-ERR-1'],
    messages: {
      tooShort:
        'Dead-letter queue {{dlq}} keeps messages {{dlqRetention}} s ({{dlqHuman}}), not longer than its source {{source}} ({{sourceRetention}} s, {{sourceHuman}}): a message keeps its original enqueue time, so it expires in the DLQ shortly after it arrives.',
    },
    fixable: 'safe',
    cdkFix: 'retentionPeriod: cdk.Duration.days(14)',
    equivalents: {},
    docs: {
      what: "Compares the `MessageRetentionPeriod` of a standard dead-letter queue with that of each standard queue whose redrive policy points at it (4 days when unset). Reports when the DLQ's is not longer. FIFO queues are exempt: their enqueue time is reset when a message is moved.",
      why: 'For standard queues the expiration of a message is based on its original enqueue timestamp, which does not change when the message is moved to the DLQ. A message that spent 3 of its 4 days being retried has one day left in a 4-day DLQ — often less than a weekend.',
      failing:
        'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy: {deadLetterTargetArn: !GetAtt OrdersDlq.Arn, maxReceiveCount: 5}\n  OrdersDlq:\n    Type: AWS::SQS::Queue',
      fixed:
        'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy: {deadLetterTargetArn: !GetAtt OrdersDlq.Arn, maxReceiveCount: 5}\n  OrdersDlq:\n    Type: AWS::SQS::Queue\n    Properties:\n      MessageRetentionPeriod: 1209600  # 14 days, the maximum',
      whenNotToUse: 'When messages of the DLQ are consumed automatically within minutes.',
      references: [
        'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html',
        'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-dead-letter-queue.html',
      ],
    },
  },
  check({graph, report}) {
    for (const dlq of graph.ofKind('queue')) {
      const dlqRetention = retentionSeconds(dlq)
      if (dlqRetention === undefined || isFifoQueue(dlq) !== false) continue
      for (const source of deadLetterSources(graph, dlq)) {
        if (source.kind !== 'queue' || isFifoQueue(source) !== false) continue
        const sourceRetention = retentionSeconds(source)
        if (sourceRetention === undefined || dlqRetention > sourceRetention) continue
        report({
          node: dlq,
          path: dlq.props.MessageRetentionPeriod === undefined ? [] : ['MessageRetentionPeriod'],
          messageId: 'tooShort',
          data: {
            dlq: userName(dlq),
            dlqRetention,
            dlqHuman: humanDuration(dlqRetention),
            source: userName(source),
            sourceRetention,
            sourceHuman: humanDuration(sourceRetention),
          },
          // 14 days is SQS's maximum: only a source that keeps messages less long can have a longer-lived DLQ.
          autofix: (fixer) => (sourceRetention < MAX_RETENTION_SECONDS ? fixer.propose('Keep dead letters 14 days', [fixer.setProperty(dlq, ['MessageRetentionPeriod'], MAX_RETENTION_SECONDS)]) : undefined),
          fix: `Set MessageRetentionPeriod of ${userName(dlq)} above ${sourceRetention} (e.g. 1209600, 14 days${sourceRetention === DEFAULT_RETENTION_SECONDS ? '; the source keeps the 4-day default' : ''}).`,
        })
      }
    }
  },
})
