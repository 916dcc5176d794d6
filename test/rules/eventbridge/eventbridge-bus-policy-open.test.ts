// EVB003: table-driven cases and fixtures for event bus policies open to every account.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const busPolicy = (props: string) => `Resources:
  Bus:
    Type: AWS::Events::EventBus
    Properties:
      Name: !Sub \${AWS::StackName}-orders
  BusPolicy:
    Type: AWS::Events::EventBusPolicy
    Properties:
      EventBusName: !Ref Bus
      StatementId: s
${props}
`

describe('EVB003 eventbridge-bus-policy-open', () => {
  it.each([
    ['legacy Principal "*" without Condition', "      Action: events:PutEvents\n      Principal: '*'", 12],
    ['a Statement with Principal AWS "*"', "      Statement: {Effect: Allow, Principal: {AWS: '*'}, Action: events:PutEvents, Resource: !GetAtt Bus.Arn}", 11],
  ])('reports %s', (_name, props, line) => {
    expect(runRule('EVB003', busPolicy(props))).toMatchObject([{messageId: 'open', data: {policy: 'BusPolicy'}, resource: {id: 'BusPolicy'}, location: {line}}])
  })

  it.each([
    ['legacy Principal "*" with an organisation Condition', "      Action: events:PutEvents\n      Principal: '*'\n      Condition: {Type: StringEquals, Key: aws:PrincipalOrgID, Value: o-abc}"],
    ['a Statement scoped to the organisation', "      Statement: {Effect: Allow, Principal: '*', Action: events:PutEvents, Resource: !GetAtt Bus.Arn, Condition: {StringEquals: {aws:PrincipalOrgID: o-abc}}}"],
    ['an account principal', '      Action: events:PutEvents\n      Principal: "123456789012"'],
  ])('passes %s', (_name, props) => {
    expect(runRule('EVB003', busPolicy(props))).toEqual([])
  })

  it('reads the Policy document of an AWS::Events::EventBus', () => {
    const text = `Resources:
  Bus:
    Type: AWS::Events::EventBus
    Properties:
      Name: orders
      Policy:
        Version: '2012-10-17'
        Statement:
          - {Effect: Allow, Principal: '*', Action: events:PutEvents, Resource: '*'}
`
    expect(runRule('EVB003', text)).toMatchObject([{messageId: 'open', resource: {id: 'Bus'}, location: {line: 9}}])
  })
})
