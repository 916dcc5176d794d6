// SFN003: fixtures and table-driven cases for Lambda tasks that do not retry transient Lambda errors.
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {runRuleLive} from '../cloudwatch/live-graph.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/rules/SFN003/${name}`, import.meta.url), 'utf8')

const ALL = 'Lambda.ServiceException, Lambda.TooManyRequestsException, Lambda.SdkClientException'

/** A CloudFormation state machine whose Definition object has one state named Work (lines: Work is on line 12). */
const machine = (state: string, extra = '') => `Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties: {Runtime: nodejs22.x, Handler: index.handler, Role: arn:aws:iam::123456789012:role/fn, Code: {ZipFile: x}}
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/sm
${extra}      Definition:
        StartAt: Work
        States:
          Work:
${state}
`

describe('SFN003 stepfunctions-lambda-task-without-retry', () => {
  it('reports a SAM lambda:invoke task without Retry on the state', () => {
    const findings = runRule('SFN003', fixture('fail-sam.yaml'))
    expect(findings).toMatchObject([{ruleId: 'SFN003', messageId: 'noRetry', data: {state: 'Charge', stateMachine: 'Checkout', missing: ALL}, resource: {id: 'Checkout'}, location: {line: 18}}])
  })

  it('reads a Fn::Sub DefinitionString in JSON and names the errors still missing', () => {
    const findings = runRule('SFN003', fixture('fail-cfn.json'), {}, 'template.json')
    expect(findings).toMatchObject([{data: {state: 'Charge', missing: 'Lambda.TooManyRequestsException, Lambda.SdkClientException'}, location: {line: 11}}])
  })

  it('passes the fixed fixtures', () => {
    expect(runRule('SFN003', fixture('pass-sam.yaml'))).toEqual([])
    expect(runRule('SFN003', fixture('pass-cfn.json'), {}, 'template.json')).toEqual([])
  })

  it.each([
    ['a function ARN as Resource', '            Type: Task\n            Resource: !GetAtt Fn.Arn\n            End: true', ALL, 12],
    ['a literal function ARN', '            Type: Task\n            Resource: arn:aws:lambda:eu-west-1:123456789012:function:charge\n            End: true', ALL, 12],
    ['the callback flavour of lambda:invoke', '            Type: Task\n            Resource: arn:aws:states:::lambda:invoke.waitForTaskToken\n            TimeoutSeconds: 60\n            End: true', ALL, 12],
    [
      'a retrier with MaxAttempts 0',
      '            Type: Task\n            Resource: arn:aws:states:::lambda:invoke\n            Retry:\n              - ErrorEquals: [States.ALL]\n                MaxAttempts: 0\n            End: true',
      ALL,
      15,
    ],
    [
      'a retrier for one error only',
      '            Type: Task\n            Resource: arn:aws:states:::lambda:invoke\n            Retry:\n              - ErrorEquals: [Lambda.TooManyRequestsException]\n            End: true',
      'Lambda.ServiceException, Lambda.SdkClientException',
      15,
    ],
  ])('reports %s', (_name, state, missing, line) => {
    const findings = runRule('SFN003', machine(state))
    expect(findings.map((f) => ({messageId: f.messageId, data: f.data, line: f.location?.line}))).toEqual([{messageId: 'noRetry', data: {state: 'Work', stateMachine: 'Machine', missing}, line}])
  })

  it.each([
    ['States.ALL', '            Type: Task\n            Resource: arn:aws:states:::lambda:invoke\n            Retry:\n              - ErrorEquals: [States.ALL]\n            End: true'],
    [
      'the three errors spread over two retriers',
      '            Type: Task\n            Resource: arn:aws:states:::lambda:invoke\n            Retry:\n              - ErrorEquals: [Lambda.ServiceException, Lambda.SdkClientException]\n              - ErrorEquals: [Lambda.TooManyRequestsException]\n                MaxAttempts: 6\n            End: true',
    ],
    ['a non-Lambda task', '            Type: Task\n            Resource: arn:aws:states:::dynamodb:putItem\n            End: true'],
    ['a Pass state', '            Type: Pass\n            End: true'],
    [
      'an unresolved MaxAttempts',
      '            Type: Task\n            Resource: arn:aws:states:::lambda:invoke\n            Retry:\n              - ErrorEquals: [Lambda.ServiceException]\n                MaxAttempts: !Ref N\n            End: true',
    ],
    ['a junk Retry', '            Type: Task\n            Resource: arn:aws:states:::lambda:invoke\n            Retry: nope\n            End: true'],
  ])('passes %s', (_name, state) => {
    expect(runRule('SFN003', machine(state))).toEqual([])
  })

  it('walks Parallel branches and Map processors', () => {
    const task = (name: string) => `{"${name}":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}`
    const definition = `{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"A","States":${task('A')}}],"Next":"M"},"M":{"Type":"Map","ItemProcessor":{"StartAt":"B","States":${task('B')}},"Next":"I"},"I":{"Type":"Map","Iterator":{"StartAt":"C","States":${task('C')}},"End":true}}}`
    const findings = runRule('SFN003', `Resources:\n  Machine:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      RoleArn: r\n      DefinitionString: '${definition}'\n`)
    expect(findings.map((f) => f.data.state)).toEqual(['A', 'B', 'C'])
    expect(findings.every((f) => f.location?.line === 6)).toBe(true)
  })

  it('recognises a function given through DefinitionSubstitutions', () => {
    const findings = runRule(
      'SFN003',
      `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: {Runtime: nodejs22.x, Handler: index.handler, CodeUri: .}
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionSubstitutions:
        FnArn: !GetAtt Fn.Arn
      Definition:
        StartAt: Work
        States:
          Work:
            Type: Task
            Resource: \${FnArn}
            End: true
`,
    )
    expect(findings).toMatchObject([{data: {state: 'Work'}, location: {line: 14}}])
  })

  it('skips definitions stored in S3 and unparseable text', () => {
    expect(runRule('SFN003', 'Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionS3Location: {Bucket: b, Key: k}\n')).toEqual([])
    expect(runRule('SFN003', "Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionString: '{not json'\n")).toEqual([])
    expect(runRule('SFN003', 'Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionString: !GetAtt X.Y\n')).toEqual([])
  })

  it('reads live definitions given as JSON text', () => {
    const arn = 'arn:aws:states:eu-west-1:123456789012:stateMachine:checkout'
    const definition = JSON.stringify({StartAt: 'A', States: {A: {Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true}}})
    expect(runRuleLive('SFN003', [{arn, type: 'AWS::StepFunctions::StateMachine', props: {DefinitionString: definition}}])).toMatchObject([{data: {state: 'A', stateMachine: 'checkout', missing: ALL}}])
  })
})
