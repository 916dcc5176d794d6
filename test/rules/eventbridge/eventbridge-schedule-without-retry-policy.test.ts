// EVB008: table-driven cases and fixtures for Scheduler schedules without an explicit retry policy.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const schedule = (extra: string) => `Resources:
  Nightly:
    Type: AWS::Scheduler::Schedule
    Properties:
      ScheduleExpression: cron(0 2 * * ? *)
      FlexibleTimeWindow: {Mode: 'OFF'}
      Target:
        Arn: arn:aws:lambda:eu-west-1:123456789012:function:job
        RoleArn: arn:aws:iam::123456789012:role/scheduler
${extra}
`

describe('EVB008 eventbridge-schedule-without-retry-policy', () => {
  it('reports a schedule without Target.RetryPolicy', () => {
    expect(runRule('EVB008', schedule(''))).toMatchObject([{messageId: 'noRetryPolicy', data: {schedule: 'Nightly'}, resource: {id: 'Nightly'}, location: {line: 7}}])
  })

  it('passes a schedule with a retry policy', () => {
    expect(runRule('EVB008', schedule('        RetryPolicy: {MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600}'))).toEqual([])
  })
})
