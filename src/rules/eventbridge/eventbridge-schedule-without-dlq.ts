// EVB007: EventBridge Scheduler targets should have a dead-letter queue for invocations that fail.
import {userName} from '../sqs/queues.js'
import {absenceReport} from '../conditional.js'
import {defineRule} from '../types.js'
import {deadLetterAbsence} from './targets.js'

export default defineRule({
  meta: {
    id: 'EVB007',
    name: 'eventbridge-schedule-without-dlq',
    title: 'Scheduler schedule without a dead-letter queue',
    severity: 'warning',
    service: 'eventbridge',
    // No audit collector reads these resources, so the rule cannot see them on a live account.
    sources: ['template'],
    status: 'stable',
    recommended: true,
    practices: ['P-ERR-4', 'P-ERR-6'],
    messages: {
      noDlq: 'Schedule {{schedule}} has no Target.DeadLetterConfig: invocations that fail after their retries are dropped without a trace.',
      conditionalDlq: 'Schedule {{schedule}} has a Target.DeadLetterConfig only when {{conditions}} chooses it: on the other branch invocations that fail after their retries are dropped without a trace.',
    },
    equivalents: {},
    docs: {
      what: 'Finds `AWS::Scheduler::Schedule` resources (SAM: `ScheduleV2` events) without `Target.DeadLetterConfig`.',
      why: 'A scheduled job that cannot invoke its target — permission missing, target throttled past its retry window — simply does not run. With a DLQ the missed run is recorded and can be replayed.',
      failing:
        'Resources:\n  Nightly:\n    Type: AWS::Scheduler::Schedule\n    Properties:\n      ScheduleExpression: cron(0 2 * * ? *)\n      FlexibleTimeWindow: {Mode: "OFF"}\n      Target:\n        Arn: !GetAtt Job.Arn\n        RoleArn: !GetAtt SchedulerRole.Arn',
      fixed:
        'Resources:\n  Nightly:\n    Type: AWS::Scheduler::Schedule\n    Properties:\n      ScheduleExpression: cron(0 2 * * ? *)\n      FlexibleTimeWindow: {Mode: "OFF"}\n      Target:\n        Arn: !GetAtt Job.Arn\n        RoleArn: !GetAtt SchedulerRole.Arn\n        DeadLetterConfig: {Arn: !GetAtt NightlyDlq.Arn}\n        RetryPolicy: {MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600}',
      whenNotToUse: 'Schedules whose missed runs are harmless because the next run catches up.',
      references: ['https://docs.aws.amazon.com/scheduler/latest/UserGuide/configuring-schedule-dlq.html'],
    },
  },
  check({graph, report}) {
    for (const schedule of graph.ofKind('schedule')) {
      const absence = deadLetterAbsence(schedule.props, 'Target')
      if (!absence) continue
      report(
        absenceReport(absence, {
          node: schedule,
          path: schedule.props.Target === undefined ? [] : ['Target'],
          messageId: 'noDlq',
          conditionalMessageId: 'conditionalDlq',
          data: {schedule: userName(schedule)},
          fix: 'Add Target.DeadLetterConfig.Arn pointing at a standard SQS queue the scheduler role may send to.',
        }),
      )
    }
  },
})
