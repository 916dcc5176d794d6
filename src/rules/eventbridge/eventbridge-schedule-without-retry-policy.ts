// EVB008: EventBridge Scheduler targets should state how long and how often an invocation is retried.
import {userName} from '../sqs/queues.js'
import {absenceOf, absenceReport} from '../conditional.js'
import {defineRule} from '../types.js'
import {DEFAULT_RETRY_POLICY} from './targets.js'

export default defineRule({
  meta: {
    id: 'EVB008',
    name: 'eventbridge-schedule-without-retry-policy',
    title: 'Scheduler schedule without an explicit retry policy',
    severity: 'info',
    service: 'eventbridge',
    // No audit collector reads these resources, so the rule cannot see them on a live account.
    sources: ['template'],
    status: 'stable',
    recommended: false,
    practices: ['P-ERR-6'],
    messages: {
      noRetryPolicy: 'Schedule {{schedule}} has no Target.RetryPolicy: Scheduler retries a failed invocation for up to 24 hours and 185 attempts.',
      conditionalRetryPolicy:
        'Schedule {{schedule}} has a Target.RetryPolicy only when {{conditions}} chooses it: on the other branch Scheduler retries a failed invocation for up to 24 hours and 185 attempts.',
    },
    fixable: 'safe',
    cdkFix: 'retryAttempts: 185, maxEventAge: cdk.Duration.hours(24) (on the schedule target)',
    equivalents: {},
    docs: {
      what: 'Finds `AWS::Scheduler::Schedule` resources (SAM: `ScheduleV2` events) without `Target.RetryPolicy`.',
      why: 'A run retried a day later may overlap the next run or act on stale data. An explicit retry policy bounds the delay, after which the DLQ records the failure.',
      failing:
        'Resources:\n  Nightly:\n    Type: AWS::Scheduler::Schedule\n    Properties:\n      ScheduleExpression: cron(0 2 * * ? *)\n      FlexibleTimeWindow: {Mode: "OFF"}\n      Target: {Arn: !GetAtt Job.Arn, RoleArn: !GetAtt SchedulerRole.Arn}',
      fixed:
        'Resources:\n  Nightly:\n    Type: AWS::Scheduler::Schedule\n    Properties:\n      ScheduleExpression: cron(0 2 * * ? *)\n      FlexibleTimeWindow: {Mode: "OFF"}\n      Target:\n        Arn: !GetAtt Job.Arn\n        RoleArn: !GetAtt SchedulerRole.Arn\n        RetryPolicy: {MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600}',
      whenNotToUse: 'When the 24-hour default suits the job.',
      references: ['https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-retry-policy.html'],
    },
  },
  check({graph, report}) {
    for (const schedule of graph.ofKind('schedule')) {
      const absence = absenceOf(schedule.props, 'Target', 'RetryPolicy')
      if (!absence) continue
      report(
        absenceReport(absence, {
          node: schedule,
          path: schedule.props.Target === undefined ? [] : ['Target'],
          messageId: 'noRetryPolicy',
          conditionalMessageId: 'conditionalRetryPolicy',
          data: {schedule: userName(schedule)},
          fix: 'Add Target.RetryPolicy with MaximumRetryAttempts and MaximumEventAgeInSeconds.',
          autofix: (fixer) =>
            fixer.propose('Write the default retry policy (185 attempts, 24 hours)', [
              fixer.samEventOf(schedule) !== undefined
                ? fixer.setEventProperty(schedule, ['RetryPolicy'], DEFAULT_RETRY_POLICY, ['ScheduleV2'])
                : fixer.setProperty(schedule, ['Target', 'RetryPolicy'], DEFAULT_RETRY_POLICY),
            ]),
        }),
      )
    }
  },
})
