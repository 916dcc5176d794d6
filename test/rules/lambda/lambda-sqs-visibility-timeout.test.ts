// LMB011: fixtures and cases for SQS visibility timeouts against the consumer's timeout.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {cfn, fixture, rawFunction} from './fixtures.js'

const template = (visibility: string, timeout: string, window = '') =>
  cfn(
    rawFunction('Fn', timeout ? `      Timeout: ${timeout}\n` : '') +
      `  Q:\n    Type: AWS::SQS::Queue\n${visibility ? `    Properties:\n      VisibilityTimeout: ${visibility}\n` : ''}  M:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      EventSourceArn: !GetAtt Q.Arn\n      FunctionName: !GetAtt Fn.Arn\n${window}`,
  )

describe('LMB011 lambda-sqs-visibility-timeout', () => {
  it('reports the default 30 s visibility against a 25 s SAM function at the queue', () => {
    expect(runRule('LMB011', fixture('LMB011', 'fail.yaml'))).toMatchObject([
      {ruleId: 'LMB011', messageId: 'belowSixTimes', data: {queue: 'Orders', visibility: 30, function: 'Worker', timeout: 25, window: 0, required: 150}, resource: {id: 'Orders'}, location: {line: 3}},
    ])
  })

  it('reports a visibility below the function timeout in JSON at VisibilityTimeout', () => {
    expect(runRule('LMB011', fixture('LMB011', 'fail-cfn.json'), {}, 'template.json')).toMatchObject([{messageId: 'belowTimeout', data: {visibility: 20, timeout: 30, required: 180}, location: {line: 4}}])
  })

  it('passes enough visibility (batching window included) and unresolved values', () => {
    expect(runRule('LMB011', fixture('LMB011', 'pass.yaml'))).toEqual([])
    expect(runRule('LMB011', fixture('LMB011', 'pass-cfn.yaml'))).toEqual([])
  })

  it.each([
    ['default function timeout', '17', '', '', 18],
    ['string values', '"59"', '"10"', '', 60],
    ['batching window', '60', '10', '      MaximumBatchingWindowInSeconds: 5\n', 65],
  ])('reports %s', (_name, visibility, timeout, window, required) => {
    expect(runRule('LMB011', template(visibility, timeout, window))).toMatchObject([{data: {required}}])
  })

  it.each([
    ['exactly six times', '60', '10', ''],
    ['intrinsic timeout', '30', '!Ref T', ''],
    ['intrinsic window', '30', '10', '      MaximumBatchingWindowInSeconds: !Ref W\n'],
    ['disabled mapping', '30', '10', '      Enabled: false\n'],
  ])('passes %s', (_name, visibility, timeout, window) => {
    expect(runRule('LMB011', template(visibility, timeout, window))).toEqual([])
  })
})
