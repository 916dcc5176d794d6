// SQS002: a dead-letter queue nobody watches hides every failure that reaches it.
import {defineRule} from '../types.js'
import {deadLetterSources} from '../helpers.js'
import {alarmWatchState, bestState, dlqDepthAlarm, mayWatchQueueMetric, userName, type WatchState} from './queues.js'

const METRIC = 'ApproximateNumberOfMessagesVisible'

export default defineRule({
  meta: {
    id: 'SQS002',
    name: 'sqs-dlq-without-alarm',
    title: 'Dead-letter queue without an alarm on its depth',
    severity: 'warning',
    service: 'sqs',
    reads: ['cloudwatch'],
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-ERR-2', 'P-OBS-3'],
    messages: {
      noAlarm: 'Dead-letter queue {{queue}} (of {{sources}}) has no CloudWatch alarm on ApproximateNumberOfMessagesVisible: failed messages pile up unnoticed until they expire.',
      alarmOnUrl: 'Alarm {{alarm}} on dead-letter queue {{queue}} (of {{sources}}) sets the QueueName dimension to the queue URL (!Ref {{queue}}), so it never receives data. Use !GetAtt {{queue}}.QueueName.',
    },
    fixable: 'safe',
    cdkFix: "dlq.metricApproximateNumberOfMessagesVisible().createAlarm(this, 'DlqDepth', {threshold: 0, comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, evaluationPeriods: 1})",
    equivalents: {},
    docs: {
      what: "Finds SQS queues that something sends its failures to — the redrive target of a queue, the DLQ or on-failure destination of a function, an event source mapping or an async invoke configuration, the DLQ of an EventBridge target, an SNS subscription, a Scheduler schedule or a Pipe — and that no `AWS::CloudWatch::Alarm` watches on `AWS/SQS` `ApproximateNumberOfMessagesVisible`. The alarm's `QueueName` dimension may be `!GetAtt Q.QueueName`, a `!Sub`/`!Join` built on it, the same literal or expression as the queue's `QueueName`, a metric math query or a metrics-insights expression; a composite alarm over such an alarm is covered by the alarm itself. An alarm whose dimension is `!Ref Q` (the queue URL) never matches and is reported.",
      why: 'A DLQ is where failures go to be looked at. Without an alarm nobody looks: messages accumulate silently and expire at the end of the retention period. `NumberOfMessagesSent` does not count messages moved by a redrive policy, so it cannot replace the depth metric.',
      failing:
        'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy: {deadLetterTargetArn: !GetAtt OrdersDlq.Arn, maxReceiveCount: 5}\n  OrdersDlq:\n    Type: AWS::SQS::Queue\n    Properties:\n      MessageRetentionPeriod: 1209600',
      fixed:
        'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy: {deadLetterTargetArn: !GetAtt OrdersDlq.Arn, maxReceiveCount: 5}\n  OrdersDlq:\n    Type: AWS::SQS::Queue\n    Properties:\n      MessageRetentionPeriod: 1209600\n  OrdersDlqAlarm:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      Namespace: AWS/SQS\n      MetricName: ApproximateNumberOfMessagesVisible\n      Dimensions:\n        - Name: QueueName\n          Value: !GetAtt OrdersDlq.QueueName\n      Statistic: Maximum\n      Period: 60\n      EvaluationPeriods: 1\n      Threshold: 0\n      ComparisonOperator: GreaterThanThreshold\n      AlarmActions: [!Ref OpsTopic]',
      whenNotToUse: 'DLQs drained automatically by a redrive job that has its own monitoring; suppress the rule on the DLQ with a reason.',
      references: [
        'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/dead-letter-queues-alarms-cloudwatch.html',
        'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html',
      ],
      limitations:
        "Alarms in other accounts, or in stacks lint does not link with the queue's (by exports, SSM parameters, nested stacks or a declared stack group), are not visible; when an alarm's QueueName comes from a parameter or an import the queue is taken as watched.",
    },
  },
  check({graph, report}) {
    // Alarms on other metrics can never count: drop them once rather than for every queue (live accounts hold thousands).
    const alarms = graph.ofKind('alarm').filter((alarm) => mayWatchQueueMetric(alarm, METRIC))
    for (const queue of graph.ofKind('queue')) {
      const sources = deadLetterSources(graph, queue)
      if (sources.length === 0) continue
      const states = alarms.map((alarm) => ({alarm, state: alarmWatchState(graph, alarm, queue, METRIC)}))
      const best: WatchState = bestState(states.map((s) => s.state))
      if (best === 'yes' || best === 'unknown') continue
      const names = [...new Set(sources.map(userName))].join(', ')
      const queueName = userName(queue)
      if (best === 'url') {
        const alarm = states.find((s) => s.state === 'url')!.alarm
        report({
          node: alarm,
          path: [],
          messageId: 'alarmOnUrl',
          data: {alarm: userName(alarm), queue: queueName, sources: names},
          fix: `Set the QueueName dimension to !GetAtt ${queue.id}.QueueName.`,
        })
        continue
      }
      report({
        node: queue,
        path: [],
        messageId: 'noAlarm',
        data: {queue: queueName, sources: names},
        fix: `Add an AWS::CloudWatch::Alarm on AWS/SQS ${METRIC} with Dimensions QueueName: !GetAtt ${queue.id}.QueueName, Threshold 0, ComparisonOperator GreaterThanThreshold and an AlarmActions topic.`,
        autofix: (fixer) => fixer.addAlarm(queue, 'DepthAlarm', dlqDepthAlarm(queueName)),
      })
    }
  },
})
