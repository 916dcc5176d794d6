// SQS001: fixtures and table-driven cases for queues without a dead-letter queue.
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/rules/SQS001/${name}`, import.meta.url), 'utf8')

describe('SQS001 sqs-queue-without-dlq', () => {
  it('reports a queue without RedrivePolicy at its logical id, as a warning when nothing in the template consumes it', () => {
    const findings = runRule('SQS001', fixture('fail.yaml'))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ruleId: 'SQS001', severity: 'warning', messageId: 'noRedriveNoConsumer', data: {queue: 'Orders'}, resource: {id: 'Orders'}, location: {line: 3, column: 3}})
  })

  it('is an error when a function in the template consumes the queue', () => {
    const findings = runRule('SQS001', fixture('fail-consumed.yaml'))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({severity: 'error', messageId: 'noRedrive', data: {queue: 'Orders'}})
  })

  it('is an error when a role may receive from the queue (a worker polling in code)', () => {
    const findings = runRule(
      'SQS001',
      `Resources:
  Jobs:
    Type: AWS::SQS::Queue
  PollerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: sts:AssumeRole}]}
      Policies:
        - PolicyName: poll
          PolicyDocument:
            Statement:
              - {Effect: Allow, Action: [sqs:ReceiveMessage, sqs:DeleteMessage], Resource: !GetAtt Jobs.Arn}
`,
    )
    expect(findings).toMatchObject([{severity: 'error', messageId: 'noRedrive', data: {queue: 'Jobs'}}])
  })

  it('reports a RedrivePolicy set on one branch of Fn::If as info only, and links the DLQ on that branch', () => {
    const findings = runRule('SQS001', fixture('fail-conditional.yaml'))
    expect(findings).toMatchObject([{severity: 'info', messageId: 'conditionalRedrive', data: {queue: 'Orders', conditions: 'IsProd'}}])
  })

  it('sees a function DLQ set inside Fn::If as a dead-letter queue', () => {
    expect(runRule('SQS001', fixture('pass-conditional-dlq-of-function.yaml'))).toEqual([])
  })

  it('follows a RedrivePolicy written as JSON text in Fn::Sub', () => {
    expect(runRule('SQS001', fixture('pass-redrive-sub-json.yaml'))).toEqual([])
  })

  it('follows a DLQ ARN built with Fn::Sub from the queue name', () => {
    expect(runRule('SQS001', fixture('pass-dlq-arn-by-name.yaml'))).toEqual([])
  })

  it('passes a queue with a DLQ and exempts the DLQ itself', () => {
    expect(runRule('SQS001', fixture('pass.yaml'))).toEqual([])
  })

  it('exempts a queue that is a function dead-letter queue in SAM', () => {
    const findings = runRule(
      'SQS001',
      `Transform: AWS::Serverless-2016-10-31
Resources:
  FnDlq:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: .
      DeadLetterQueue:
        Type: SQS
        TargetArn: !GetAtt FnDlq.Arn
`,
    )
    expect(findings).toEqual([])
  })

  it('reads JSON templates and points at the line of the logical id', () => {
    const findings = runRule('SQS001', JSON.stringify({Resources: {Q: {Type: 'AWS::SQS::Queue'}}}, null, 2), {}, 'template.json')
    expect(findings[0]?.location).toMatchObject({file: 'template.json', line: 3})
  })

  it.each([
    [
      'an event source mapping on-failure destination',
      `  Src:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: fn
      EventSourceArn: arn:aws:kinesis:eu-west-1:123456789012:stream/s
      DestinationConfig: {OnFailure: {Destination: !GetAtt Q.Arn}}`,
    ],
    [
      'an async invoke on-failure destination',
      `  Src:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: fn
      Qualifier: $LATEST
      DestinationConfig: {OnFailure: {Destination: !GetAtt Q.Arn}}`,
    ],
    [
      'an EventBridge target DLQ',
      `  Src:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(1 hour)
      Targets: [{Id: t, Arn: arn:aws:lambda:eu-west-1:123456789012:function:f, DeadLetterConfig: {Arn: !GetAtt Q.Arn}}]`,
    ],
    [
      'an SNS subscription redrive queue',
      `  Src:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: arn:aws:sns:eu-west-1:123456789012:t
      Protocol: lambda
      Endpoint: arn:aws:lambda:eu-west-1:123456789012:function:f
      RedrivePolicy: {deadLetterTargetArn: !GetAtt Q.Arn}`,
    ],
    [
      'a Scheduler target DLQ',
      `  Src:
    Type: AWS::Scheduler::Schedule
    Properties:
      ScheduleExpression: rate(1 hour)
      FlexibleTimeWindow: {Mode: 'OFF'}
      Target: {Arn: arn:aws:lambda:eu-west-1:123456789012:function:f, RoleArn: arn:aws:iam::123456789012:role/r, DeadLetterConfig: {Arn: !GetAtt Q.Arn}}`,
    ],
    [
      'a Pipe stream source DLQ',
      `  Src:
    Type: AWS::Pipes::Pipe
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/r
      Source: arn:aws:kinesis:eu-west-1:123456789012:stream/s
      Target: arn:aws:lambda:eu-west-1:123456789012:function:f
      SourceParameters: {KinesisStreamParameters: {StartingPosition: LATEST, DeadLetterConfig: {Arn: !GetAtt Q.Arn}}}`,
    ],
  ])('exempts a queue that is %s', (_name, source) => {
    expect(runRule('SQS001', `Resources:\n  Q:\n    Type: AWS::SQS::Queue\n${source}\n`)).toEqual([])
  })

  it.each([
    ['a redrive policy from an intrinsic', 'RedrivePolicy: !ImportValue shared-redrive-policy'],
    [
      'a redrive policy set on both branches of Fn::If',
      'RedrivePolicy: !If [HasDlq, {deadLetterTargetArn: arn:aws:sqs:eu-west-1:1:d, maxReceiveCount: 5}, {deadLetterTargetArn: arn:aws:sqs:eu-west-1:1:e, maxReceiveCount: 3}]',
    ],
    ['live redrive JSON text', `RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:eu-west-1:1:d","maxReceiveCount":5}'`],
  ])('passes %s', (_name, redrive) => {
    expect(runRule('SQS001', `Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      ${redrive}\n`)).toEqual([])
  })

  it('reports the queue SAM creates for SqsSubscription, located at the event', () => {
    const findings = runRule(
      'SQS001',
      `Transform: AWS::Serverless-2016-10-31
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: .
      Events:
        Fanout:
          Type: SNS
          Properties:
            Topic: !Ref Topic
            SqsSubscription: true
`,
    )
    expect(findings).toMatchObject([{messageId: 'noRedrive', data: {queue: 'FnFanoutQueue'}, resource: {id: 'FnFanoutQueue', logicalId: 'Fn'}, location: {line: 16}}])
  })
})
