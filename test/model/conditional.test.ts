// Reading properties through Fn::If: values on every branch and whether the property is always, sometimes or never set.
import {describe, expect, it} from 'vitest'

import {lookupBranches} from '../../src/model/conditional.js'

const noValue = {Ref: 'AWS::NoValue'}

describe('lookupBranches', () => {
  it('is get() when there is no Fn::If', () => {
    expect(lookupBranches({A: {B: 1}}, 'A', 'B')).toEqual({values: [1], presence: 'set', conditions: []})
    expect(lookupBranches({A: {}}, 'A', 'B')).toEqual({values: [], presence: 'absent', conditions: []})
  })

  it('sees a property set on one branch of an Fn::If above it as conditional', () => {
    const props = {DeadLetterConfig: {'Fn::If': ['IsProd', {TargetArn: 'arn'}, noValue]}}
    expect(lookupBranches(props, 'DeadLetterConfig', 'TargetArn')).toEqual({values: ['arn'], presence: 'conditional', conditions: ['IsProd']})
  })

  it('sees an Fn::If at the property itself, and nested ones', () => {
    const props = {TargetArn: {'Fn::If': ['A', {'Fn::If': ['B', 'x', 'y']}, 'z']}}
    expect(lookupBranches(props, 'TargetArn')).toEqual({values: ['x', 'y', 'z'], presence: 'set', conditions: ['A', 'B']})
  })

  it('counts a branch whose object lacks the key as leaving the property out', () => {
    const props = {Config: {'Fn::If': ['C', {TargetArn: 'a'}, {Other: 1}]}}
    expect(lookupBranches(props, 'Config', 'TargetArn').presence).toBe('conditional')
  })
})
