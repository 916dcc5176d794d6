// The rule-side view of Fn::If: a property set on one branch is an absence worth an info at most.
import {describe, expect, it} from 'vitest'

import {absenceOf} from '../../src/rules/conditional.js'

describe('absenceOf', () => {
  it('is undefined when every branch sets the property', () => {
    expect(absenceOf({A: {'Fn::If': ['C', 1, 2]}}, 'A')).toBeUndefined()
  })

  it('is conditional, capped at info, when a branch leaves it out', () => {
    expect(absenceOf({A: {'Fn::If': ['IsProd', {B: 1}, {Ref: 'AWS::NoValue'}]}}, 'A', 'B')).toEqual({conditional: true, conditions: 'IsProd', maxSeverity: 'info'})
  })

  it('is a plain absence, at the rule\'s severity, when nothing sets it', () => {
    expect(absenceOf({}, 'A')).toEqual({conditional: false, conditions: ''})
  })
})
