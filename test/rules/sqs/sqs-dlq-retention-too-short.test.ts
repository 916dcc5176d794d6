// SQS003: table-driven cases and fixtures for dead-letter queues that do not outlive their source's retention.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const pair = (source: string, dlq: string) => `Resources:
  Orders:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy: {deadLetterTargetArn: !GetAtt OrdersDlq.Arn, maxReceiveCount: 5}
${source}
  OrdersDlq:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 30
${dlq}
`

describe('SQS003 sqs-dlq-retention-too-short', () => {
  it.each([
    ['both on the 4-day default', '', '', 345600, 345600, 7],
    ['a DLQ shorter than the source', '      MessageRetentionPeriod: 1209600', '      MessageRetentionPeriod: 86400', 86400, 1209600, 11],
    ['a numeric string', '', "      MessageRetentionPeriod: '3600'", 3600, 345600, 11],
  ])('reports %s', (_name, source, dlq, dlqRetention, sourceRetention, line) => {
    const findings = runRule('SQS003', pair(source, dlq))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({messageId: 'tooShort', data: {dlq: 'OrdersDlq', source: 'Orders', dlqRetention, sourceRetention}, resource: {id: 'OrdersDlq'}, location: {line}})
  })

  it.each([
    ['a DLQ keeping messages 14 days', '', '      MessageRetentionPeriod: 1209600'],
    ['a retention from a parameter', '', '      MessageRetentionPeriod: !Ref Retention'],
    ['FIFO queues (the enqueue time is reset)', '      FifoQueue: true', '      FifoQueue: true'],
  ])('passes %s', (_name, source, dlq) => {
    expect(runRule('SQS003', pair(source, dlq))).toEqual([])
  })

  it('ignores DLQs of functions and rule targets', () => {
    const text = `Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::1:role/r
      DeadLetterConfig: {TargetArn: !GetAtt Dlq.Arn}
`
    expect(runRule('SQS003', text)).toEqual([])
  })
})
