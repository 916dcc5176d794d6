// SFN004: fixtures and table-driven cases for saga steps without a Catch that leads to compensation.
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/rules/SFN004/${name}`, import.meta.url), 'utf8')

const task = (next: string, catchTo?: string) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  ...(catchTo ? {Catch: [{ErrorEquals: ['States.ALL'], Next: catchTo}]} : {}),
  ...(next === 'End' ? {End: true} : {Next: next}),
})

const template = (states: Record<string, unknown>, startAt = Object.keys(states)[0]) =>
  JSON.stringify({Resources: {Saga: {Type: 'AWS::StepFunctions::StateMachine', Properties: {RoleArn: 'r', Definition: {StartAt: startAt, States: states}}}}}, null, 2)

const reported = (states: Record<string, unknown>) => runRule('SFN004', template(states), {}, 'template.json').map((f) => [f.data.state, f.data.compensated])

describe('SFN004 stepfunctions-saga-task-without-catch', () => {
  it('reports the step after a compensated step that has no Catch, on the state', () => {
    const findings = runRule('SFN004', fixture('fail.yaml'))
    expect(findings).toMatchObject([{ruleId: 'SFN004', messageId: 'noCatch', data: {state: 'Ship', stateMachine: 'Checkout', compensated: 'Charge'}, resource: {id: 'Checkout'}, location: {line: 26}}])
  })

  it('reads JSON DefinitionString and points at the definition', () => {
    const findings = runRule('SFN004', fixture('fail-cfn.json'), {}, 'template.json')
    expect(findings).toMatchObject([{data: {state: 'Pay', compensated: 'Reserve'}, location: {line: 7}}])
  })

  it('passes the fixed fixtures', () => {
    expect(runRule('SFN004', fixture('pass.yaml'))).toEqual([])
    expect(runRule('SFN004', fixture('pass-cfn.json'), {}, 'template.json')).toEqual([])
  })

  it('is not a saga when every Catch leads straight to Fail or Succeed', () => {
    expect(reported({A: task('B', 'Failed'), B: task('C'), C: task('End'), Failed: {Type: 'Fail'}})).toEqual([])
  })

  it('is not a saga without any Catch', () => {
    expect(reported({A: task('B'), B: task('End')})).toEqual([])
  })

  it('does not require a Catch on the compensation steps themselves', () => {
    expect(reported({A: task('B', 'UndoA'), B: task('End', 'UndoA'), UndoA: task('UndoA2'), UndoA2: task('Failed'), Failed: {Type: 'Fail'}})).toEqual([])
  })

  it('does not require a Catch before the first compensated step', () => {
    expect(reported({First: task('A'), A: task('B', 'UndoA'), B: task('End', 'UndoA'), UndoA: task('Failed'), Failed: {Type: 'Fail'}})).toEqual([])
  })

  it('follows Choice branches and defaults after a compensated step', () => {
    const states = {
      A: task('Decide', 'UndoA'),
      Decide: {Type: 'Choice', Choices: [{Variable: '$.x', BooleanEquals: true, Next: 'B'}], Default: 'C'},
      B: task('End'),
      C: {Type: 'Pass', Next: 'D'},
      D: task('End'),
      UndoA: task('Failed'),
      Failed: {Type: 'Fail'},
    }
    expect(reported(states)).toEqual([
      ['B', 'A'],
      ['D', 'A'],
    ])
  })

  it('checks each Parallel branch on its own', () => {
    const branch = {StartAt: 'X', States: {X: task('Y', 'UndoX'), Y: task('End'), UndoX: task('Failed'), Failed: {Type: 'Fail'}}}
    expect(reported({P: {Type: 'Parallel', Branches: [branch, {StartAt: 'Z', States: {Z: task('End')}}], End: true}})).toEqual([['Y', 'X']])
  })
})
