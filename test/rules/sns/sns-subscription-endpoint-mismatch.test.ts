// SNS004: table-driven cases and fixtures for subscription endpoints that do not fit their protocol.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const subscription = (protocol: string, endpoint: string) => `Resources:
  Topic:
    Type: AWS::SNS::Topic
  Queue:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/r
  Sub:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref Topic
      Protocol: ${protocol}
      Endpoint: ${endpoint}
`

describe('SNS004 sns-subscription-endpoint-mismatch', () => {
  it.each([
    ['sqs', '!Ref Queue', '!Ref Queue', 'the queue URL'],
    ['lambda', '!Ref Fn', '!Ref Fn', 'the function name'],
    ['sqs', '!GetAtt Fn.Arn', '!GetAtt Fn.Arn', 'a resource of type AWS::Lambda::Function'],
    ['lambda', 'arn:aws:sqs:eu-west-1:123456789012:q', 'arn:aws:sqs:eu-west-1:123456789012:q', '"arn:aws:sqs:eu-west-1:123456789012:q"'],
    ['https', 'http://example.com/hook', 'http://example.com/hook', '"http://example.com/hook"'],
    ['email', 'https://example.com', 'https://example.com', '"https://example.com"'],
    ['sms', 'ops@example.com', 'ops@example.com', '"ops@example.com"'],
  ])('reports protocol %s with endpoint %s', (protocol, endpoint, shown, actual) => {
    const findings = runRule('SNS004', subscription(protocol, endpoint))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({messageId: 'mismatch', data: {subscription: 'Sub', protocol, endpoint: shown, actual}, resource: {id: 'Sub'}, location: {line: 15}})
  })

  it.each([
    ['sqs', '!GetAtt Queue.Arn'],
    ['lambda', '!GetAtt Fn.Arn'],
    ['sqs', 'arn:aws:sqs:eu-west-1:123456789012:q'],
    ['https', 'https://example.com/hook'],
    ['email-json', 'ops@example.com'],
    ['sms', '+14155550100'],
    ['sqs', '!Ref QueueArnParam'],
    ['sqs', '!Sub "${Queue.Arn}"'],
    ['sqs', '!ImportValue shared-queue-arn'],
    ['unknown-protocol', 'whatever'],
  ])('passes protocol %s with endpoint %s', (protocol, endpoint) => {
    expect(runRule('SNS004', subscription(protocol, endpoint))).toEqual([])
  })

  it('checks inline topic subscriptions and leaves SAM SNS events alone', () => {
    const findings = runRule(
      'SNS004',
      `Transform: AWS::Serverless-2016-10-31
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      Subscription:
        - Protocol: sqs
          Endpoint: !Ref Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: .
      Events:
        T:
          Type: SNS
          Properties:
            Topic: !Ref Topic
`,
    )
    expect(findings).toMatchObject([{data: {subscription: 'Topic', endpoint: '!Ref Queue'}, resource: {id: 'Topic'}, location: {line: 10}}])
  })
})
