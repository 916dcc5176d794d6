// SFN007: fixtures and table-driven cases for definitions with a missing start, unknown targets or unreachable states.
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/rules/SFN007/${name}`, import.meta.url), 'utf8')

const run = (definition: Record<string, unknown>) =>
  runRule('SFN007', JSON.stringify({Resources: {M: {Type: 'AWS::StepFunctions::StateMachine', Properties: {RoleArn: 'r', Definition: definition}}}}, null, 2), {}, 'template.json').map((f) => ({
    messageId: f.messageId,
    ...f.data,
  }))

describe('SFN007 stepfunctions-definition-invalid-transition', () => {
  it('reports a Next to an unknown state on the Next line, and the state it leaves unreachable', () => {
    const findings = runRule('SFN007', fixture('fail.yaml'))
    expect(findings.map((f) => ({messageId: f.messageId, data: f.data, line: f.location?.line}))).toEqual([
      {messageId: 'unknownNext', data: {state: 'Charge', stateMachine: 'Orders', target: 'Shipp', field: 'Next', states: 'Validate, Charge, Ship'}, line: 14},
      {messageId: 'unreachable', data: {state: 'Ship', stateMachine: 'Orders', start: 'Validate'}, line: 15},
    ])
  })

  it('reports an unreachable state in a JSON DefinitionString', () => {
    expect(runRule('SFN007', fixture('fail-cfn.json'), {}, 'template.json')).toMatchObject([{messageId: 'unreachable', data: {state: 'Orphan', start: 'Start'}, location: {line: 7}}])
  })

  it('passes the fixed fixtures', () => {
    expect(runRule('SFN007', fixture('pass.yaml'))).toEqual([])
    expect(runRule('SFN007', fixture('pass-cfn.json'), {}, 'template.json')).toEqual([])
  })

  it('reports a missing StartAt and a StartAt naming no state', () => {
    expect(run({States: {A: {Type: 'Succeed'}}})).toEqual([{messageId: 'noStartAt', stateMachine: 'M', where: ''}])
    expect(run({StartAt: 'B', States: {A: {Type: 'Succeed'}}})).toEqual([{messageId: 'unknownStartAt', stateMachine: 'M', target: 'B', where: '', states: 'A'}])
  })

  it('checks Choice rules, Default and Catch targets', () => {
    const findings = run({
      StartAt: 'C',
      States: {
        C: {Type: 'Choice', Choices: [{Variable: '$.x', IsPresent: true, Next: 'Nope'}], Default: 'T'},
        T: {Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Catch: [{ErrorEquals: ['States.ALL'], Next: 'Gone'}], End: true},
      },
    })
    expect(findings.map((f) => [f.messageId, f.target, f.field])).toEqual([
      ['unknownNext', 'Nope', 'Choices.0.Next'],
      ['unknownNext', 'Gone', 'Catch.0.Next'],
    ])
  })

  it('counts Catch targets as reachable', () => {
    expect(run({StartAt: 'T', States: {T: {Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Catch: [{ErrorEquals: ['States.ALL'], Next: 'F'}], End: true}, F: {Type: 'Fail'}}})).toEqual([])
  })

  it('checks each Parallel branch and Map processor in its own scope', () => {
    const findings = run({
      StartAt: 'P',
      States: {
        P: {Type: 'Parallel', Branches: [{StartAt: 'X', States: {X: {Type: 'Pass', Next: 'P2'}}}], Next: 'M'},
        P2: {Type: 'Succeed'},
        M: {Type: 'Map', ItemProcessor: {StartAt: 'Missing', States: {Y: {Type: 'Pass', End: true}}}, End: true},
      },
    })
    expect(findings.map((f) => [f.messageId, f.target ?? f.state])).toEqual([
      ['unreachable', 'P2'],
      ['unknownNext', 'P2'],
      ['unknownStartAt', 'Missing'],
    ])
  })

  it('does not guess about targets built from substitutions', () => {
    const text = '{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"${Target}"},"B":{"Type":"Succeed"}}}'
    expect(runRule('SFN007', `Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      RoleArn: r\n      DefinitionString: !Sub '${text}'\n`)).toEqual([])
  })

  it('skips a definition that is not an object or has no States', () => {
    expect(run({Comment: 'nothing'})).toEqual([])
  })
})
