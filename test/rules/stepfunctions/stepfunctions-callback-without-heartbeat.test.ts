// SFN006: fixtures and table-driven cases for callback and activity tasks without a heartbeat.
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {findRule} from '../../../src/rules/index.js'
import {runRule} from '../../helpers/lint.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/rules/SFN006/${name}`, import.meta.url), 'utf8')

const run = (state: Record<string, unknown>) =>
  runRule(
    'SFN006',
    JSON.stringify({Resources: {M: {Type: 'AWS::StepFunctions::StateMachine', Properties: {RoleArn: 'r', Definition: {StartAt: 'T', States: {T: {Type: 'Task', End: true, ...state}}}}}}}),
    {},
    'template.json',
  ).map((f) => f.data.waitsFor)

describe('SFN006 stepfunctions-callback-without-heartbeat', () => {
  it('is advice, off in the recommended preset, and documents the polling anti-pattern it cannot see', () => {
    const meta = findRule('SFN006')!.meta
    expect(meta).toMatchObject({severity: 'info', recommended: false})
    expect(meta.practices).toContain('P-ANTI-4')
    expect(meta.docs.limitations).toMatch(/not checked statically/)
  })

  it('reports a SAM callback task without HeartbeatSeconds on the state', () => {
    expect(runRule('SFN006', fixture('fail.yaml'))).toMatchObject([
      {messageId: 'noHeartbeat', data: {state: 'WaitForApproval', stateMachine: 'Approval', waitsFor: 'a callback (.waitForTaskToken)'}, location: {line: 11}},
    ])
  })

  it('reports an activity in a JSON DefinitionString', () => {
    expect(runRule('SFN006', fixture('fail-cfn.json'), {}, 'template.json')).toMatchObject([{data: {state: 'Export', waitsFor: 'an activity worker'}, location: {line: 7}}])
  })

  it('passes the fixed fixtures', () => {
    expect(runRule('SFN006', fixture('pass.yaml'))).toEqual([])
    expect(runRule('SFN006', fixture('pass-cfn.json'), {}, 'template.json')).toEqual([])
  })

  it.each([
    ['a .sync job (the service reports progress itself)', {Resource: 'arn:aws:states:::glue:startJobRun.sync'}],
    ['a heartbeat from the input', {Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', HeartbeatSecondsPath: '$.hb'}],
    ['a request-response task', {Resource: 'arn:aws:states:::sns:publish'}],
  ])('passes %s', (_name, state) => {
    expect(run(state)).toEqual([])
  })
})
