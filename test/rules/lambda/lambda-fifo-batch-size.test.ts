// LMB012: fixtures and cases for FIFO queue mappings with batches above 10.
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
})
