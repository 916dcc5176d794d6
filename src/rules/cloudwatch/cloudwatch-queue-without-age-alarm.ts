// CWA005: work queues should have an alarm on the age of their oldest message.
import {displayName, isDeadLetterTarget} from '../helpers.js'
import {defineRule} from '../types.js'
import {hasAlarm} from './alarm-coverage.js'

export default defineRule({
  meta: {
    id: 'CWA005',
    name: 'cloudwatch-queue-without-age-alarm',
    title: 'SQS queue without an alarm on ApproximateAgeOfOldestMessage',
    severity: 'info',
    service: 'cloudwatch',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: false,
    practices: ['P-OBS-3'],
    messages: {
      noAlarm: 'Queue {{queue}} has no alarm on AWS/SQS ApproximateAgeOfOldestMessage: a stalled or too slow consumer goes unnoticed until messages expire.',
    },
    fixable: 'safe',
    cdkFix: "queue.metricApproximateAgeOfOldestMessage().createAlarm(this, 'Age', {threshold: 300, evaluationPeriods: 5})",
    equivalents: {},
    docs: {
      what: 'Finds queues (other than dead-letter queues, which want a depth alarm instead) that no alarm watches on `AWS/SQS` `ApproximateAgeOfOldestMessage` with a `QueueName` dimension (`!GetAtt Queue.QueueName` or the literal name).',
      why: 'Queue age is the backlog measured in time: it rises when the consumer fails, is throttled, or cannot keep up, and messages are deleted once they reach the retention period.',
      failing: 'Resources:\n  Orders:\n    Type: AWS::SQS::Queue',
      fixed:
        'Resources:\n  OrdersAge:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      Namespace: AWS/SQS\n      MetricName: ApproximateAgeOfOldestMessage\n      Dimensions:\n        - Name: QueueName\n          Value: !GetAtt Orders.QueueName\n      Statistic: Maximum\n      Period: 300\n      EvaluationPeriods: 1\n      Threshold: 900\n      ComparisonOperator: GreaterThanThreshold\n      AlarmActions: [!Ref AlertsTopic]',
      whenNotToUse: 'Queues that hold messages for a long time by design (delay queues, buffers drained on a schedule).',
      references: ['https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html'],
      limitations: 'Alarms in other stacks are seen only when lint links those stacks with this one into an application (exports, SSM parameters, nested stacks, or a declared stack group).',
    },
  },
  check({graph, report}) {
    for (const queue of graph.ofKind('queue')) {
      if (isDeadLetterTarget(graph, queue)) continue
      if (hasAlarm(graph, queue, {namespace: 'AWS/SQS', metrics: ['ApproximateAgeOfOldestMessage']})) continue
      report({
        node: queue,
        path: [],
        messageId: 'noAlarm',
        data: {queue: displayName(queue)},
        fix: `Add an AWS::CloudWatch::Alarm on AWS/SQS ApproximateAgeOfOldestMessage with dimension QueueName: !GetAtt ${displayName(queue)}.QueueName.`,
        autofix: (fixer) =>
          fixer.addAlarm(queue, 'AgeAlarm', {
            description: `Messages wait too long in ${displayName(queue)}`,
            namespace: 'AWS/SQS',
            metric: 'ApproximateAgeOfOldestMessage',
            dimension: 'QueueName',
            value: (id) => fixer.getAtt(id, 'QueueName'),
            statistic: 'Maximum',
            evaluationPeriods: 5,
            threshold: 300,
            comparison: 'GreaterThanThreshold',
          }),
      })
    }
  },
})
