// LMB019: fixtures and cases for execution roles shared by several functions.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {fixture} from './fixtures.js'

describe('LMB019 lambda-shared-execution-role', () => {
  it('reports a template role used by two SAM functions, on the role', () => {
    expect(runRule('LMB019', fixture('LMB019', 'fail.yaml'))).toMatchObject([
      {ruleId: 'LMB019', messageId: 'shared', data: {role: 'AppRole', count: 2, functions: 'Orders, Billing'}, resource: {id: 'AppRole'}, location: {line: 3}},
    ])
  })

  it('reports the same literal role ARN on the second function in JSON', () => {
    expect(runRule('LMB019', fixture('LMB019', 'fail-cfn.json'), {}, 'template.json')).toMatchObject([
      {data: {role: 'arn:aws:iam::123456789012:role/app', count: 2}, resource: {id: 'Billing'}, location: {line: 10}},
    ])
  })

  it('passes one role per function and unresolved roles', () => {
    expect(runRule('LMB019', fixture('LMB019', 'pass.yaml'))).toEqual([])
  })
})
