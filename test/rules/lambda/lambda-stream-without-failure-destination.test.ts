// LMB009: fixtures and cases for stream mappings without an on-failure destination.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {cfn, fixture, rawFunction} from './fixtures.js'

describe('LMB009 lambda-stream-without-failure-destination', () => {
  it('reports a SAM DynamoDB event at the event properties', () => {
    expect(runRule('LMB009', fixture('LMB009', 'fail.yaml'))).toMatchObject([
      {ruleId: 'LMB009', messageId: 'noDestination', data: {mapping: 'WorkerChanges', source: 'DynamoDB stream Table', function: 'Worker'}, resource: {id: 'WorkerChanges'}, location: {line: 24}},
    ])
  })

  it('reports a destination set on one branch of Fn::If as info only', () => {
    expect(runRule('LMB009', fixture('LMB009', 'fail-conditional.yaml'))).toMatchObject([
      {severity: 'info', messageId: 'conditionalDestination', data: {mapping: 'Mapping', function: 'Projector', conditions: 'IsProd'}},
    ])
  })

  it('reports an empty OnFailure in JSON at DestinationConfig', () => {
    expect(runRule('LMB009', fixture('LMB009', 'fail-cfn.json'), {}, 'template.json')).toMatchObject([{data: {source: 'Kinesis stream Stream', function: 'unknown'}, location: {line: 11}}])
  })

  it('passes mappings with destinations, SQS and unknown sources', () => {
    expect(runRule('LMB009', fixture('LMB009', 'pass.yaml'))).toEqual([])
    expect(runRule('LMB009', fixture('LMB009', 'pass-cfn.yaml'))).toEqual([])
  })

  it.each([
    ['self-managed Kafka', '      SelfManagedEventSource:\n        Endpoints:\n          KafkaBootstrapServers: [b:9092]\n      Topics: [t]\n', 'Kafka topic'],
    ['MSK by ARN', '      EventSourceArn: arn:aws:kafka:us-east-1:123456789012:cluster/c/1\n      Topics: [t]\n', 'Kafka topic'],
    ['DynamoDB stream ARN by Sub', '      EventSourceArn: !Sub arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/t/stream/x\n', 'DynamoDB stream'],
  ])('reports %s', (_name, properties, source) => {
    const text = cfn(rawFunction('Fn') + `  M:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      FunctionName: !Ref Fn\n${properties}`)
    expect(runRule('LMB009', text)).toMatchObject([{data: {source, function: 'Fn'}}])
  })

  it('accepts an intrinsic destination', () => {
    const text = cfn(
      rawFunction('Fn') +
        '  M:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      FunctionName: !Ref Fn\n      EventSourceArn: arn:aws:kinesis:us-east-1:123456789012:stream/s\n      DestinationConfig:\n        OnFailure:\n          Destination: !ImportValue failures-arn\n',
    )
    expect(runRule('LMB009', text)).toEqual([])
  })
})
