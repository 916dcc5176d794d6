// SQS005: table-driven cases and fixtures for dead-letter queues of the wrong type.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const pair = (source: string, dlq: string) => `Resources:
  Src:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 5}
${source}
  Dlq:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 30
${dlq}
`

describe('SQS005 sqs-dlq-type-mismatch', () => {
  it.each([
    ['FIFO source, standard DLQ', '      FifoQueue: true', '', 'FIFO', 'standard'],
    ['standard source, FIFO DLQ by name', '', '      QueueName: dlq.fifo\n      FifoQueue: "true"', 'standard', 'FIFO'],
  ])('reports %s', (_name, source, dlq, sourceType, dlqType) => {
    const findings = runRule('SQS005', pair(source, dlq))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({messageId: 'mismatch', data: {source: 'Src', dlq: 'Dlq', sourceType, dlqType}, resource: {id: 'Src'}, location: {line: 5}})
  })

  it.each([
    ['two standard queues', '', ''],
    ['two FIFO queues', '      FifoQueue: true', '      FifoQueue: true'],
    ['a type given by an intrinsic', '      FifoQueue: !Ref IsFifo', ''],
  ])('passes %s', (_name, source, dlq) => {
    expect(runRule('SQS005', pair(source, dlq))).toEqual([])
  })

  it('reports a FIFO DLQ of an EventBridge target and of a FIFO topic subscription that uses a standard queue', () => {
    const findings = runRule(
      'SQS005',
      `Resources:
  FifoDlq:
    Type: AWS::SQS::Queue
    Properties: {FifoQueue: true}
  StdDlq:
    Type: AWS::SQS::Queue
  Rule:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: {source: [app]}
      Targets:
        - Id: t
          Arn: arn:aws:sqs:eu-west-1:123456789012:q
          DeadLetterConfig: {Arn: !GetAtt FifoDlq.Arn}
  Topic:
    Type: AWS::SNS::Topic
    Properties: {FifoTopic: true, TopicName: t.fifo}
  Subscription:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref Topic
      Protocol: sqs
      Endpoint: arn:aws:sqs:eu-west-1:123456789012:q.fifo
      RedrivePolicy: {deadLetterTargetArn: !GetAtt StdDlq.Arn}
`,
    )
    expect(findings.map((f) => [f.messageId, f.resource?.id, f.location?.line])).toEqual([
      ['fifoNotSupported', 'Rule', 14],
      ['mismatch', 'Subscription', 24],
    ])
  })
})
