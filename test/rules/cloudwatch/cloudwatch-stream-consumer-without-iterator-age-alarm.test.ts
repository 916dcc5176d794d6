// CWA003: fixtures and cases for stream consumers without an IteratorAge alarm.
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {runRuleLive} from './live-graph.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/rules/CWA003/${name}`, import.meta.url), 'utf8')

const consumer = (source: string) => `Parameters:
  StreamArn:
    Type: String
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties: {Runtime: nodejs22.x, Handler: index.handler, Role: arn:aws:iam::123456789012:role/fn, Code: {ZipFile: x}}
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Fn
      EventSourceArn: ${source}
      StartingPosition: LATEST
`

describe('CWA003 cloudwatch-stream-consumer-without-iterator-age-alarm', () => {
  it('reports a SAM DynamoDB stream consumer at the function', () => {
    expect(runRule('CWA003', fixture('fail.yaml'))).toMatchObject([{ruleId: 'CWA003', messageId: 'noAlarm', data: {function: 'Projector', stream: 'Events'}, resource: {id: 'Projector'}, location: {line: 10}}])
  })

  it('reports a raw Kinesis consumer in JSON', () => {
    expect(runRule('CWA003', fixture('fail.json'), {}, 'template.json')).toMatchObject([{data: {function: 'Consumer', stream: 'Clicks'}, location: {line: 4}}])
  })

  it('passes a consumer with an IteratorAge alarm', () => {
    expect(runRule('CWA003', fixture('pass.yaml'))).toEqual([])
  })

  it.each([
    ['a literal Kinesis ARN', 'arn:aws:kinesis:eu-west-1:123456789012:stream/clicks', 'clicks'],
    ['a literal DynamoDB stream ARN', 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2024-01-01T00:00:00.000', 'orders'],
  ])('reports a consumer of %s', (_name, source, stream) => {
    expect(runRule('CWA003', consumer(source)).map((f) => f.data)).toEqual([{function: 'Fn', stream}])
  })

  it.each([
    ['an SQS queue', '!GetAtt Queue.Arn'],
    ['an unresolved parameter', '!Ref StreamArn'],
  ])('ignores a function fed by %s', (_name, source) => {
    expect(runRule('CWA003', consumer(source))).toEqual([])
  })

  it('works on live event source mappings', () => {
    const fnArn = 'arn:aws:lambda:eu-west-1:123456789012:function:projector'
    const streamArn = 'arn:aws:kinesis:eu-west-1:123456789012:stream/clicks'
    const resources = [
      {arn: fnArn, type: 'AWS::Lambda::Function', props: {FunctionName: 'projector'}, aliases: ['projector']},
      {arn: streamArn, type: 'AWS::Kinesis::Stream', props: {Name: 'clicks'}, aliases: ['clicks']},
      {arn: 'arn:aws:lambda:eu-west-1:123456789012:event-source-mapping:1', type: 'AWS::Lambda::EventSourceMapping', props: {FunctionName: fnArn, EventSourceArn: streamArn}},
    ]
    expect(runRuleLive('CWA003', resources)).toMatchObject([{data: {function: 'projector', stream: 'clicks'}}])
    const alarm = {
      arn: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:age',
      type: 'AWS::CloudWatch::Alarm',
      props: {Namespace: 'AWS/Lambda', MetricName: 'IteratorAge', Dimensions: [{Name: 'FunctionName', Value: 'projector'}]},
    }
    expect(runRuleLive('CWA003', [...resources, alarm])).toEqual([])
  })
})
