// SQS008: table-driven cases and fixtures for queue policies open to any principal or action.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const policy = (statement: string) => `Resources:
  Orders:
    Type: AWS::SQS::Queue
  OrdersPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Orders]
      PolicyDocument:
        Statement:
          - ${statement}
`

describe('SQS008 sqs-queue-policy-wildcard', () => {
  it.each([
    ['Principal "*"', "{Effect: Allow, Principal: '*', Action: sqs:SendMessage, Resource: !GetAtt Orders.Arn}", 'wildcardPrincipal', {}],
    ['Principal AWS "*"', "{Effect: Allow, Principal: {AWS: '*'}, Action: sqs:SendMessage, Resource: !GetAtt Orders.Arn}", 'wildcardPrincipal', {}],
    ['Action sqs:*', '{Effect: Allow, Principal: {AWS: arn:aws:iam::1:root}, Action: "sqs:*", Resource: !GetAtt Orders.Arn}', 'wildcardAction', {action: 'sqs:*'}],
  ])('reports %s', (_name, statement, messageId, data) => {
    expect(runRule('SQS008', policy(statement))).toMatchObject([{messageId, data: {policy: 'OrdersPolicy', ...data}, resource: {id: 'OrdersPolicy'}, location: {line: 10}}])
  })

  it.each([
    ['"*" scoped by aws:SourceArn', "{Effect: Allow, Principal: '*', Action: sqs:SendMessage, Resource: !GetAtt Orders.Arn, Condition: {ArnEquals: {aws:SourceArn: !Ref Topic}}}"],
    ['a service principal', '{Effect: Allow, Principal: {Service: sns.amazonaws.com}, Action: sqs:SendMessage, Resource: !GetAtt Orders.Arn}'],
    ['a Deny on "*"', "{Effect: Deny, Principal: '*', Action: 'sqs:*', Resource: !GetAtt Orders.Arn, Condition: {Bool: {aws:SecureTransport: false}}}"],
  ])('passes %s', (_name, statement) => {
    expect(runRule('SQS008', policy(statement))).toEqual([])
  })
})
