// SQS004: table-driven cases and fixtures for maxReceiveCount of 1 or far too high.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const queue = (redrive: string) => `Resources:
  Orders:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy: ${redrive}
  OrdersDlq:
    Type: AWS::SQS::Queue
`

describe('SQS004 sqs-max-receive-count-out-of-range', () => {
  it.each([
    ['1', '{deadLetterTargetArn: !GetAtt OrdersDlq.Arn, maxReceiveCount: 1}', 'noRetry', 1],
    ['"1" as a string', "{deadLetterTargetArn: !GetAtt OrdersDlq.Arn, maxReceiveCount: '1'}", 'noRetry', 1],
    ['1000', '{deadLetterTargetArn: !GetAtt OrdersDlq.Arn, maxReceiveCount: 1000}', 'tooHigh', 1000],
    ['live JSON text', `'{"deadLetterTargetArn":"arn:aws:sqs:eu-west-1:1:d","maxReceiveCount":1}'`, 'noRetry', 1],
  ])('reports maxReceiveCount %s', (_name, redrive, messageId, count) => {
    const findings = runRule('SQS004', queue(redrive))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({messageId, data: {queue: 'Orders', count}, resource: {id: 'Orders'}, location: {line: 5}})
  })

  it.each([
    ['5', '{deadLetterTargetArn: !GetAtt OrdersDlq.Arn, maxReceiveCount: 5}'],
    ['100 (the default maximum)', '{deadLetterTargetArn: !GetAtt OrdersDlq.Arn, maxReceiveCount: 100}'],
    ['a parameter', '{deadLetterTargetArn: !GetAtt OrdersDlq.Arn, maxReceiveCount: !Ref Count}'],
    ['junk JSON text', "'not json'"],
  ])('passes %s', (_name, redrive) => {
    expect(runRule('SQS004', queue(redrive))).toEqual([])
  })

  it('honours the maximum option', () => {
    expect(runRule('SQS004', queue('{deadLetterTargetArn: !GetAtt OrdersDlq.Arn, maxReceiveCount: 20}'), {maximum: 10})).toMatchObject([{messageId: 'tooHigh', data: {maximum: 10}}])
  })
})
