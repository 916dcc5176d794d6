// LMB003: fixtures and table-driven cases for batch mappings without partial batch responses.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {cfn, fixture, rawFunction, sam, samFunction} from './fixtures.js'

describe('LMB003 lambda-batch-without-partial-failures', () => {
  it('reports a SAM SQS event at the event properties', () => {
    const findings = runRule('LMB003', fixture('LMB003', 'fail.yaml'))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({
      ruleId: 'LMB003',
      messageId: 'noPartialFailures',
      data: {mapping: 'WorkerOrders', source: 'SQS queue OrdersQueue', function: 'Worker', batchSize: 10},
      resource: {id: 'WorkerOrders', logicalId: 'Worker'},
      location: {line: 14},
    })
  })

  it('reports a raw Kinesis mapping with an empty FunctionResponseTypes at that property', () => {
    const findings = runRule('LMB003', fixture('LMB003', 'fail-cfn.json'), {}, 'template.json')
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({data: {source: 'Kinesis stream Stream', function: 'Worker', batchSize: 100}, location: {line: 11}})
  })

  it('passes mappings that report failures, batches of one and unknown sources', () => {
    expect(runRule('LMB003', fixture('LMB003', 'pass.yaml'))).toEqual([])
    expect(runRule('LMB003', fixture('LMB003', 'pass-cfn.yaml'))).toEqual([])
  })

  const mapping = (source: string, extra = '') => `  M:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: ${source}
      FunctionName: !Ref Fn
${extra}`

  it.each([
    ['DynamoDB stream by GetAtt', cfn(rawFunction('Fn') + mapping('!GetAtt T.StreamArn') + '  T:\n    Type: AWS::DynamoDB::Table\n'), 'DynamoDB stream T', 100],
    ['SQS ARN by Sub', cfn(rawFunction('Fn') + mapping('!Sub arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:orders', '      BatchSize: "25"\n')), 'SQS queue', 25],
    ['other response types only', cfn(rawFunction('Fn') + mapping('arn:aws:sqs:us-east-1:123456789012:q', '      FunctionResponseTypes: [Other]\n')), 'SQS queue', 10],
    [
      'SAM Kinesis event',
      sam(
        samFunction('Fn', '      Events:\n        S:\n          Type: Kinesis\n          Properties:\n            Stream: !GetAtt K.Arn\n            StartingPosition: LATEST\n') +
          '  K:\n    Type: AWS::Kinesis::Stream\n',
      ),
      'Kinesis stream K',
      100,
    ],
  ])('reports %s', (_name, text, source, batchSize) => {
    const findings = runRule('LMB003', text)
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({messageId: 'noPartialFailures', data: {source, function: 'Fn', batchSize}})
  })

  it.each([
    ['Kafka (no partial batch responses there)', cfn(rawFunction('Fn') + mapping('arn:aws:kafka:us-east-1:123456789012:cluster/c/1', '      Topics: [t]\n'))],
    ['intrinsic response types', cfn(rawFunction('Fn') + mapping('arn:aws:sqs:us-east-1:123456789012:q', '      FunctionResponseTypes: !If [C, [ReportBatchItemFailures], !Ref AWS::NoValue]\n'))],
    ['intrinsic batch size', cfn(rawFunction('Fn') + mapping('arn:aws:sqs:us-east-1:123456789012:q', '      BatchSize: !Ref Size\n'))],
  ])('passes %s', (_name, text) => {
    expect(runRule('LMB003', text)).toEqual([])
  })
})
