// Relations the model derives once for every rule: what a role may invoke or publish to, and which sources invoke a function asynchronously.
import {describe, expect, it} from 'vitest'

import {PUBLISH_ACTIONS} from '../../src/model/relations.js'
import type {EdgeKind} from '../../src/model/types.js'
import {graphOf} from '../helpers/lint.js'

function edges(text: string, kind: EdgeKind): string[] {
  return graphOf(text)
    .edges.filter((edge) => edge.kind === kind)
    .map((edge) => `${edge.from} -> ${edge.to}`)
    .sort()
}

const FN = '  Fn:\n    Type: AWS::Lambda::Function\n    Properties: {Handler: a, Runtime: nodejs20.x, Role: !GetAtt FnRole.Arn, Code: {ZipFile: x}}\n'
const TARGETS =
  '  Queue:\n    Type: AWS::SQS::Queue\n  Flow:\n    Type: AWS::StepFunctions::StateMachine\n    Properties: {RoleArn: x, DefinitionString: "{}"}\n  Other:\n    Type: AWS::Lambda::Function\n    Properties: {Handler: a, Runtime: nodejs20.x, Role: x, Code: {ZipFile: x}}\n'
const role = (statement: string): string =>
  `  FnRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {}\n      Policies: [{PolicyName: p, PolicyDocument: {Statement: [${statement}]}}]\n`
const template = (statement: string, extra = ''): string => `Resources:\n${FN}${TARGETS}${role(statement)}${extra}`

describe('what a role may call', () => {
  it.each<[string, string, EdgeKind, string[]]>([
    ['sqs:SendMessage on a queue', '{Effect: Allow, Action: sqs:SendMessage, Resource: !GetAtt Queue.Arn}', 'publishes-to', ['FnRole -> Queue']],
    ['a wildcard action', '{Effect: Allow, Action: "sqs:Send*", Resource: !GetAtt Queue.Arn}', 'publishes-to', ['FnRole -> Queue']],
    ['states:StartSyncExecution (Express workflows)', '{Effect: Allow, Action: states:StartSyncExecution, Resource: !Ref Flow}', 'publishes-to', ['FnRole -> Flow']],
    // Not an IAM action: SQS authorises SendMessageBatch with sqs:SendMessage, so this statement allows nothing.
    ['sqs:SendMessageBatch alone', '{Effect: Allow, Action: sqs:SendMessageBatch, Resource: !GetAtt Queue.Arn}', 'publishes-to', []],
    ['a Deny', '{Effect: Deny, Action: sqs:SendMessage, Resource: !GetAtt Queue.Arn}', 'publishes-to', []],
    // The shape of SAM policy templates: the resource is named in the Fn::Sub variable map.
    [
      'a Fn::Sub with a variable map',
      "{Effect: Allow, Action: lambda:InvokeFunction, Resource: {'Fn::Sub': ['arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Name}', {Name: !Ref Other}]}}",
      'invokes',
      ['FnRole -> Other'],
    ],
    ['lambda:InvokeFunction on a queue', '{Effect: Allow, Action: lambda:InvokeFunction, Resource: !GetAtt Queue.Arn}', 'invokes', []],
  ])('%s', (_, statement, kind, expected) => {
    expect(edges(template(statement), kind)).toEqual(expected)
  })

  it('lists each publishing action once, all of them IAM actions', () => {
    expect(PUBLISH_ACTIONS).toEqual(['sqs:SendMessage', 'sns:Publish', 'events:PutEvents', 'states:StartExecution', 'states:StartSyncExecution'])
  })
})

describe('invoked asynchronously by', () => {
  const permission = (principal: string): string => `  P:\n    Type: AWS::Lambda::Permission\n    Properties: {FunctionName: !Ref Fn, Action: lambda:InvokeFunction, Principal: ${principal}}\n`
  const base = `Resources:\n${FN}${role('{Effect: Allow, Action: logs:PutLogEvents, Resource: "*"}')}`
  it.each<[string, string, string[]]>([
    ['an SNS permission', permission('sns.amazonaws.com'), ['P -> Fn']],
    ['a Scheduler permission', permission('scheduler.amazonaws.com'), ['P -> Fn']],
    ['an API Gateway permission (synchronous)', permission('apigateway.amazonaws.com'), []],
    ['a subscription', '  T:\n    Type: AWS::SNS::Topic\n  S:\n    Type: AWS::SNS::Subscription\n    Properties: {TopicArn: !Ref T, Protocol: lambda, Endpoint: !GetAtt Fn.Arn}\n', ['S -> Fn']],
    ['an EventBridge rule', '  R:\n    Type: AWS::Events::Rule\n    Properties: {ScheduleExpression: rate(1 hour), Targets: [{Id: t, Arn: !GetAtt Fn.Arn}]}\n', ['R -> Fn']],
    ['a request-response pipe', '  Q:\n    Type: AWS::SQS::Queue\n  Pipe:\n    Type: AWS::Pipes::Pipe\n    Properties: {Source: !GetAtt Q.Arn, Target: !GetAtt Fn.Arn, RoleArn: x}\n', []],
    [
      'a fire-and-forget pipe',
      '  Q:\n    Type: AWS::SQS::Queue\n  Pipe:\n    Type: AWS::Pipes::Pipe\n    Properties: {Source: !GetAtt Q.Arn, Target: !GetAtt Fn.Arn, RoleArn: x, TargetParameters: {LambdaFunctionParameters: {InvocationType: FIRE_AND_FORGET}}}\n',
      ['Pipe -> Fn'],
    ],
    ['an event source mapping (synchronous)', '  Q:\n    Type: AWS::SQS::Queue\n  M:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties: {FunctionName: !Ref Fn, EventSourceArn: !GetAtt Q.Arn}\n', []],
  ])('%s', (_, extra, expected) => {
    expect(edges(`${base}${extra}`, 'invokes-async')).toEqual(expected)
  })
})
