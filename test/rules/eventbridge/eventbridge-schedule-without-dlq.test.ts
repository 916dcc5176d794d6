// EVB007: table-driven cases and fixtures for Scheduler schedules without a dead-letter queue.
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

describe('EVB007 eventbridge-schedule-without-dlq', () => {
  it('reports a schedule without Target.DeadLetterConfig at its Target', () => {
    expect(runRule('EVB007', schedule(''))).toMatchObject([{messageId: 'noDlq', data: {schedule: 'Nightly'}, resource: {id: 'Nightly'}, location: {line: 7}}])
  })

  it('passes a schedule with a DLQ', () => {
    expect(runRule('EVB007', schedule('        DeadLetterConfig: {Arn: !Ref DlqArn}'))).toEqual([])
  })

  it('reports a SAM ScheduleV2 event at the event', () => {
    const findings = runRule(
      'EVB007',
      `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: .
      Events:
        Nightly:
          Type: ScheduleV2
          Properties:
            ScheduleExpression: rate(1 day)
`,
    )
    expect(findings).toMatchObject([{data: {schedule: 'Fn'}, resource: {id: 'FnNightly'}, location: {line: 12}}])
  })
})
