// SFN005: fixtures and table-driven cases for waiting tasks without a timeout.
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/rules/SFN005/${name}`, import.meta.url), 'utf8')

const machine = (state: Record<string, unknown>, top: Record<string, unknown> = {}) =>
  JSON.stringify({Resources: {M: {Type: 'AWS::StepFunctions::StateMachine', Properties: {RoleArn: 'r', Definition: {...top, StartAt: 'T', States: {T: {Type: 'Task', End: true, ...state}}}}}}}, null, 2)

const run = (state: Record<string, unknown>, top?: Record<string, unknown>) => runRule('SFN005', machine(state, top), {}, 'template.json').map((f) => f.data.waitsFor)

describe('SFN005 stepfunctions-task-without-timeout', () => {
  it('reports a SAM callback task without TimeoutSeconds on the state', () => {
    expect(runRule('SFN005', fixture('fail.yaml'))).toMatchObject([
      {ruleId: 'SFN005', messageId: 'noTimeout', data: {state: 'WaitForApproval', stateMachine: 'Approval', waitsFor: 'a callback (.waitForTaskToken)'}, location: {line: 11}},
    ])
  })

  it('reports a .sync job in a JSON DefinitionString', () => {
    expect(runRule('SFN005', fixture('fail-cfn.json'), {}, 'template.json')).toMatchObject([{data: {state: 'Export', waitsFor: 'a job to finish (.sync)'}, location: {line: 7}}])
  })

  it('passes the fixed fixtures', () => {
    expect(runRule('SFN005', fixture('pass.yaml'))).toEqual([])
    expect(runRule('SFN005', fixture('pass-cfn.json'), {}, 'template.json')).toEqual([])
  })

  it.each([
    ['an activity', {Resource: 'arn:aws:states:eu-west-1:123456789012:activity:review'}, 'an activity worker'],
    ['a .sync:2 job', {Resource: 'arn:aws:states:::states:startExecution.sync:2'}, 'a job to finish (.sync)'],
    ['lambda:invoke.waitForTaskToken', {Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken'}, 'a callback (.waitForTaskToken)'],
  ])('reports %s', (_name, state, waitsFor) => {
    expect(run(state)).toEqual([waitsFor])
  })

  it.each([
    ['a request-response Lambda invoke', {Resource: 'arn:aws:states:::lambda:invoke'}],
    ['a timeout from the input', {Resource: 'arn:aws:states:::ecs:runTask.sync', TimeoutSecondsPath: '$.t'}],
    ['an unresolved resource', {Resource: {'Fn::GetAtt': ['Fn', 'Arn']}}],
  ])('passes %s', (_name, state) => {
    expect(run(state)).toEqual([])
  })

  it('accepts a top-level TimeoutSeconds as a bound on every task', () => {
    expect(run({Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken'}, {TimeoutSeconds: 3600})).toEqual([])
  })
})
