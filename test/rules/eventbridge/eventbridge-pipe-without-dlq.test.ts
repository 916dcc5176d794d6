// EVB006: table-driven cases and fixtures for stream Pipes without a DLQ or retry bounds.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const pipe = (source: string, parameters: string) => `Resources:
  Stream:
    Type: AWS::Kinesis::Stream
    Properties: {ShardCount: 1}
  Pipe:
    Type: AWS::Pipes::Pipe
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/pipe
      Source: ${source}
      Target: arn:aws:events:eu-west-1:123456789012:event-bus/default
${parameters}
`

describe('EVB006 eventbridge-pipe-without-dlq', () => {
  it('reports both a missing DLQ and unbounded retries on the stream parameters', () => {
    const findings = runRule('EVB006', pipe('!GetAtt Stream.Arn', '      SourceParameters:\n        KinesisStreamParameters: {StartingPosition: LATEST}'))
    expect(findings.map((f) => [f.messageId, f.data.parameters, f.location?.line])).toEqual([
      ['noDlq', 'SourceParameters.KinesisStreamParameters', 12],
      ['unboundedRetries', 'SourceParameters.KinesisStreamParameters', 12],
    ])
  })

  it.each([
    ['a Kinesis stream in the template', '!GetAtt Stream.Arn'],
    ['a literal DynamoDB stream ARN', 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2024-01-01T00:00:00.000'],
  ])('reports a pipe on %s without SourceParameters, at the pipe', (_name, source) => {
    expect(runRule('EVB006', pipe(source, '')).map((f) => [f.messageId, f.resource?.id, f.location?.line])).toEqual([
      ['noDlq', 'Pipe', 5],
      ['unboundedRetries', 'Pipe', 5],
    ])
  })

  it.each([
    [
      'a DLQ and bounded retries',
      '      SourceParameters:\n        KinesisStreamParameters: {StartingPosition: LATEST, MaximumRetryAttempts: 10, DeadLetterConfig: {Arn: arn:aws:sqs:eu-west-1:123456789012:dlq}}',
    ],
    ['a DLQ and a bounded record age', '      SourceParameters:\n        KinesisStreamParameters: {StartingPosition: LATEST, MaximumRecordAgeInSeconds: 3600, DeadLetterConfig: {Arn: !Ref DlqArn}}'],
  ])('passes %s', (_name, parameters) => {
    expect(runRule('EVB006', pipe('!GetAtt Stream.Arn', parameters))).toEqual([])
  })

  it('ignores pipes reading SQS (the queue has its own redrive policy)', () => {
    expect(runRule('EVB006', pipe('arn:aws:sqs:eu-west-1:123456789012:q', '      SourceParameters:\n        SqsQueueParameters: {BatchSize: 10}'))).toEqual([])
  })
})
