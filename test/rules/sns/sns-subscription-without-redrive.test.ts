// SNS001: table-driven cases and fixtures for subscriptions without a dead-letter queue.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const subscription = (extra: string) => `Resources:
  Topic:
    Type: AWS::SNS::Topic
  Sub:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref Topic
      Protocol: sqs
      Endpoint: arn:aws:sqs:eu-west-1:123456789012:q
${extra}
`

describe('SNS001 sns-subscription-without-redrive', () => {
  it.each([
    ['no RedrivePolicy', ''],
    ['an empty live RedrivePolicy', "      RedrivePolicy: ''"],
  ])('reports %s', (_name, extra) => {
    expect(runRule('SNS001', subscription(extra))).toMatchObject([{messageId: 'noRedrive', data: {subscription: 'Sub', protocol: 'sqs'}, resource: {id: 'Sub'}, location: {line: 4}}])
  })

  it.each([
    ['an object', '      RedrivePolicy: {deadLetterTargetArn: arn:aws:sqs:eu-west-1:123456789012:dlq}'],
    ['live JSON text', `      RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:eu-west-1:123456789012:dlq"}'`],
    ['an intrinsic', '      RedrivePolicy: !Ref RedrivePolicyParameter'],
    ['an Fn::If whose branches both set it', '      RedrivePolicy: !If [HasDlq, {deadLetterTargetArn: x}, {deadLetterTargetArn: y}]'],
  ])('passes a RedrivePolicy given as %s', (_name, extra) => {
    expect(runRule('SNS001', subscription(extra))).toEqual([])
  })

  it('reports a RedrivePolicy one Fn::If branch leaves out as an info, not a warning', () => {
    const findings = runRule('SNS001', subscription('      RedrivePolicy: !If [HasDlq, {deadLetterTargetArn: x}, !Ref AWS::NoValue]'))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({messageId: 'conditionalRedrive', severity: 'info', data: {conditions: 'HasDlq'}})
  })

  it('reports a SAM SNS event at the event and an inline topic subscription at its entry', () => {
    const findings = runRule(
      'SNS001',
      `Transform: AWS::Serverless-2016-10-31
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      Subscription:
        - Protocol: email
          Endpoint: ops@example.com
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: .
      Events:
        Orders:
          Type: SNS
          Properties:
            Topic: !Ref Topic
`,
    )
    expect(findings.map((f) => [f.messageId, f.resource?.id, f.location?.line, f.data.protocol])).toEqual([
      ['noRedrive', 'FnOrders', 18, 'lambda'],
      ['inline', 'Topic', 7, 'email'],
    ])
  })
})
