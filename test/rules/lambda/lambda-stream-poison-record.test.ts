// LMB010: fixtures and cases for stream mappings where a poison record blocks the shard.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {cfn, fixture} from './fixtures.js'

const mapping = (properties: string) =>
  cfn(
    `  M:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      EventSourceArn: arn:aws:kinesis:us-east-1:123456789012:stream/s\n      FunctionName: worker\n      StartingPosition: LATEST\n${properties}`,
  )

describe('LMB010 lambda-stream-poison-record', () => {
  it('reports a SAM Kinesis event with default retries and age', () => {
    expect(runRule('LMB010', fixture('LMB010', 'fail.yaml'))).toMatchObject([{ruleId: 'LMB010', messageId: 'unbounded', data: {mapping: 'WorkerRecords', source: 'Kinesis stream Stream'}, location: {line: 16}}])
  })

  it('reports a bounded mapping that does not bisect, at BisectBatchOnFunctionError', () => {
    expect(runRule('LMB010', fixture('LMB010', 'fail-cfn.json'), {}, 'template.json')).toMatchObject([{messageId: 'noBisect', data: {source: 'Kinesis stream Stream'}, location: {line: 12}}])
  })

  it('passes bounded mappings that bisect or report partial failures, and SQS', () => {
    expect(runRule('LMB010', fixture('LMB010', 'pass.yaml'))).toEqual([])
    expect(runRule('LMB010', fixture('LMB010', 'pass-cfn.yaml'))).toEqual([])
  })

  it.each([
    ['-1 everywhere', '      MaximumRetryAttempts: -1\n      MaximumRecordAgeInSeconds: -1\n      BisectBatchOnFunctionError: true\n', 'unbounded'],
    ['retries as a string', '      MaximumRetryAttempts: "2"\n', 'noBisect'],
  ])('reports %s', (_name, properties, messageId) => {
    expect(runRule('LMB010', mapping(properties))).toMatchObject([{messageId}])
  })

  it.each([
    ['intrinsic retries', '      MaximumRetryAttempts: !Ref Retries\n'],
    ['intrinsic bisect', '      MaximumRetryAttempts: 2\n      BisectBatchOnFunctionError: !Ref Bisect\n'],
  ])('passes %s', (_name, properties) => {
    expect(runRule('LMB010', mapping(properties))).toEqual([])
  })
})
