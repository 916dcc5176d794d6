// SNS003: table-driven cases and fixtures for topic policies open to every principal.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const policy = (statement: string) => `Resources:
  Orders:
    Type: AWS::SNS::Topic
  OrdersPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [!Ref Orders]
      PolicyDocument:
        Statement:
          - ${statement}
`

describe('SNS003 sns-topic-policy-wildcard-principal', () => {
  it.each([
    ['Principal "*"', "{Effect: Allow, Principal: '*', Action: sns:Publish, Resource: !Ref Orders}"],
    ['Principal AWS ["*"]', "{Effect: Allow, Principal: {AWS: ['*']}, Action: sns:Subscribe, Resource: !Ref Orders}"],
    ['a condition that does not restrict the caller', "{Effect: Allow, Principal: '*', Action: sns:Publish, Resource: !Ref Orders, Condition: {Bool: {aws:SecureTransport: true}}}"],
  ])('reports %s', (_name, statement) => {
    expect(runRule('SNS003', policy(statement))).toMatchObject([{messageId: 'wildcardPrincipal', data: {policy: 'OrdersPolicy'}, resource: {id: 'OrdersPolicy'}, location: {line: 10}}])
  })

  it.each([
    ['"*" scoped to the account', "{Effect: Allow, Principal: '*', Action: sns:Publish, Resource: !Ref Orders, Condition: {StringEquals: {AWS:SourceOwner: !Ref AWS::AccountId}}}"],
    ['a service principal', '{Effect: Allow, Principal: {Service: events.amazonaws.com}, Action: sns:Publish, Resource: !Ref Orders}'],
    ['a Deny', "{Effect: Deny, Principal: '*', Action: sns:Publish, Resource: !Ref Orders}"],
  ])('passes %s', (_name, statement) => {
    expect(runRule('SNS003', policy(statement))).toEqual([])
  })
})
