// EVB005: table-driven cases and fixtures for hard-coded physical names.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const one = (type: string, property: string, value: string) => `Resources:\n  Res:\n    Type: ${type}\n    Properties:\n      ${property}: ${value}\n`

describe('EVB005 eventbridge-hard-coded-name', () => {
  it.each([
    ['AWS::SQS::Queue', 'QueueName', 'orders', 'orders'],
    ['AWS::SNS::Topic', 'TopicName', 'events.fifo', 'events.fifo'],
    ['AWS::Events::EventBus', 'Name', 'shop', 'shop'],
    ['AWS::DynamoDB::Table', 'TableName', 'Orders', 'Orders'],
    ['AWS::Lambda::Function', 'FunctionName', 'billing', 'billing'],
    ['AWS::StepFunctions::StateMachine', 'StateMachineName', '!Sub checkout', 'checkout'],
  ])('reports %s %s', (type, property, value, name) => {
    expect(runRule('EVB005', one(type, property, value))).toMatchObject([{messageId: 'hardCoded', data: {type, property, name, resource: 'Res'}, resource: {id: 'Res'}, location: {line: 5}}])
  })

  it.each([
    ['built from the stack name', '!Sub ${AWS::StackName}-orders'],
    ['from a parameter', '!Ref QueueNameParam'],
    ['joined with a parameter', "!Join ['-', [!Ref Stage, orders]]"],
  ])('passes a name %s', (_name, value) => {
    expect(runRule('EVB005', one('AWS::SQS::Queue', 'QueueName', value))).toEqual([])
  })

  it('locates SAM names where the user wrote them', () => {
    const findings = runRule(
      'EVB005',
      `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: billing
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: .
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Name: checkout
      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}
`,
    )
    expect(findings.map((f) => [f.resource?.id, f.data.name, f.location?.line])).toEqual([
      ['Fn', 'billing', 6],
      ['Flow', 'checkout', 13],
    ])
  })
})
