// LMB018: fixtures and cases for functions allowed to invoke other functions.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {fixture, sam, samFunction} from './fixtures.js'

describe('LMB018 lambda-function-chaining', () => {
  it('reports LambdaInvokePolicy on a sibling in SAM', () => {
    expect(runRule('LMB018', fixture('LMB018', 'fail.yaml'))).toMatchObject([
      {ruleId: 'LMB018', messageId: 'chains', data: {function: 'Orders', target: 'Billing'}, resource: {id: 'Orders'}, location: {line: 3}},
    ])
  })

  it('reports an inline role statement in JSON', () => {
    expect(runRule('LMB018', fixture('LMB018', 'fail-cfn.json'), {}, 'template.json')).toMatchObject([{data: {function: 'Orders', target: 'Billing'}}])
  })

  it('passes a state machine invoking functions', () => {
    expect(runRule('LMB018', fixture('LMB018', 'pass.yaml'))).toEqual([])
  })

  it('leaves self-invocation to LMB017 and matches wildcard actions', () => {
    expect(runRule('LMB018', sam(samFunction('Fn', '      Policies:\n        - LambdaInvokePolicy:\n            FunctionName: !Ref Fn\n')))).toEqual([])
    const text = sam(samFunction('A', '      Policies:\n        - Statement:\n            - Effect: Allow\n              Action: lambda:Invoke*\n              Resource: !GetAtt B.Arn\n') + samFunction('B'))
    expect(runRule('LMB018', text)).toMatchObject([{data: {function: 'A', target: 'B'}}])
  })
})
