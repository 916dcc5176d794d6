// SQS007: table-driven cases and fixtures for queue policies that do not require TLS.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const policy = (extra: string) => `Resources:
  Orders:
    Type: AWS::SQS::Queue
  OrdersPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Orders]
      PolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: sns.amazonaws.com}, Action: sqs:SendMessage, Resource: !GetAtt Orders.Arn}
${extra}
`

describe('SQS007 sqs-queue-policy-without-secure-transport', () => {
  it('reports a policy without a TLS deny', () => {
    expect(runRule('SQS007', policy(''))).toMatchObject([{messageId: 'noSecureTransport', data: {policy: 'OrdersPolicy'}, resource: {id: 'OrdersPolicy'}, location: {line: 8}}])
  })

  it.each([
    ['an Allow on SecureTransport true only', "          - {Effect: Allow, Principal: '*', Action: sqs:*, Resource: '*', Condition: {Bool: {aws:SecureTransport: true}}}"],
    ['a Deny on another condition', "          - {Effect: Deny, Principal: '*', Action: sqs:*, Resource: '*', Condition: {Bool: {aws:MultiFactorAuthPresent: false}}}"],
  ])('reports %s', (_name, extra) => {
    expect(runRule('SQS007', policy(extra))).toHaveLength(1)
  })

  it.each([
    ['Bool false', "          - {Effect: Deny, Principal: '*', Action: sqs:*, Resource: '*', Condition: {Bool: {aws:SecureTransport: false}}}"],
    ['"false" as text, any key case', "          - {Effect: Deny, Principal: '*', Action: sqs:*, Resource: '*', Condition: {Bool: {AWS:securetransport: 'false'}}}"],
  ])('passes a TLS deny with %s', (_name, extra) => {
    expect(runRule('SQS007', policy(extra))).toEqual([])
  })
})
