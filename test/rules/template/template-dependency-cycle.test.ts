// TPL007: cycles through DependsOn and references; SAM event sources do not make a function wait.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

describe('TPL007 template-dependency-cycle', () => {
  it("reports a DependsOn cycle once, at the first resource's DependsOn", () => {
    const text = 'Resources:\n  A:\n    Type: AWS::SQS::Queue\n    DependsOn: B\n  B:\n    Type: AWS::SQS::Queue\n    DependsOn: C\n  C:\n    Type: AWS::SQS::Queue\n    DependsOn: A\n'
    const findings = runRule('TPL007', text)
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({messageId: 'cycle', data: {resource: 'A', cycle: 'A → B → C → A'}, resource: {id: 'A'}, location: {line: 4}})
  })

  it('reports a resource that depends on itself', () => {
    expect(runRule('TPL007', 'Resources:\n  A:\n    Type: AWS::SQS::Queue\n    DependsOn: A\n')[0]).toMatchObject({data: {cycle: 'A → A'}})
  })

  it('reports a cycle through references at the resource', () => {
    const text = `Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      Tags: [{Key: topic, Value: !Ref Topic}]
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      Subscription: [{Protocol: sqs, Endpoint: !GetAtt Queue.Arn}]
`
    expect(runRule('TPL007', text)[0]).toMatchObject({data: {cycle: 'Queue → Topic → Queue'}, location: {line: 2}})
  })

  it('accepts chains and SAM event sources that point back at the function', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      Tags: [{Key: consumer, Value: !Ref Worker}]
  Worker:
    Type: AWS::Serverless::Function
    DependsOn: Other
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      CodeUri: src/
      Events:
        Work:
          Type: SQS
          Properties: {Queue: !GetAtt Queue.Arn}
  Other:
    Type: AWS::SQS::Queue
`
    expect(runRule('TPL007', text)).toEqual([])
  })
})
