// LMB012: fixtures and cases for SQS mappings with batches above 10: FIFO queues, and standard queues without a batching window.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {cfn, fixture} from './fixtures.js'

describe('LMB012 lambda-fifo-batch-size', () => {
  it('reports a SAM SQS event on a FIFO queue at BatchSize', () => {
    expect(runRule('LMB012', fixture('LMB012', 'fail.yaml'))).toMatchObject([{ruleId: 'LMB012', messageId: 'tooLarge', data: {mapping: 'WorkerOrders', queue: 'Orders', batchSize: 100}, location: {line: 18}}])
  })

  it('reports a .fifo ARN with a string batch size in JSON', () => {
    expect(runRule('LMB012', fixture('LMB012', 'fail-cfn.json'), {}, 'template.json')).toMatchObject([{data: {queue: 'arn:aws:sqs:us-east-1:123456789012:orders.fifo', batchSize: 50}, location: {line: 9}}])
  })

  it('passes 10 on FIFO and large batches on standard queues', () => {
    expect(runRule('LMB012', fixture('LMB012', 'pass.yaml'))).toEqual([])
  })

  it('recognises a FIFO queue by its name and skips intrinsic batch sizes', () => {
    const queue = '  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: orders.fifo\n'
    const mapping = (size: string) => `  M:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      EventSourceArn: !GetAtt Q.Arn\n      FunctionName: worker\n      BatchSize: ${size}\n`
    expect(runRule('LMB012', cfn(queue + mapping('11')))).toHaveLength(1)
    expect(runRule('LMB012', cfn(queue + mapping('!Ref Size')))).toEqual([])
  })

  it('reports a standard queue read in batches above 10 without a batching window of at least 1, at the setting', () => {
    const findings = runRule('LMB012', fixture('LMB012', 'fail-no-window.yaml')).sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0))
    expect(findings).toMatchObject([
      {messageId: 'noBatchingWindow', severity: 'error', data: {mapping: 'WorkerOrders', queue: 'Orders', batchSize: 100, window: 'no MaximumBatchingWindowInSeconds'}, location: {line: 18}},
      {messageId: 'noBatchingWindow', data: {mapping: 'WorkerAudit', queue: 'Audit', batchSize: 11, window: 'MaximumBatchingWindowInSeconds 0'}, location: {line: 24}},
    ])
  })

  it.each([
    ['10 messages without a window', 'BatchSize: 10'],
    ['a window of 1 second', 'BatchSize: 10000\n      MaximumBatchingWindowInSeconds: 1'],
    ['a window given by a parameter', 'BatchSize: 500\n      MaximumBatchingWindowInSeconds: !Ref Window'],
  ])('accepts a standard queue with %s', (_name, settings) => {
    const template = cfn(
      `  Q:\n    Type: AWS::SQS::Queue\n  M:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      EventSourceArn: !GetAtt Q.Arn\n      FunctionName: worker\n      ${settings}\n`,
    )
    expect(runRule('LMB012', template)).toEqual([])
  })
})
