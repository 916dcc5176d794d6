// LMB022: fixtures and cases for permissions granted to any principal.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {fixture} from './fixtures.js'

describe('LMB022 lambda-permission-public', () => {
  it('reports principal "*" at Principal', () => {
    expect(runRule('LMB022', fixture('LMB022', 'fail.yaml'))).toMatchObject([
      {ruleId: 'LMB022', messageId: 'public', data: {permission: 'Invoke', action: 'lambda:InvokeFunction', function: 'Worker'}, location: {line: 16}},
    ])
  })

  it('reports a public URL permission whose URL is not in the template', () => {
    expect(runRule('LMB022', fixture('LMB022', 'fail.json'), {}, 'template.json')).toMatchObject([
      {data: {action: 'lambda:InvokeFunctionUrl', function: 'arn:aws:lambda:us-east-1:123456789012:function:webhook'}, location: {line: 5}},
    ])
  })

  it('passes organisation-scoped permissions and leaves SAM public URLs to LMB021', () => {
    expect(runRule('LMB022', fixture('LMB022', 'pass.yaml'))).toEqual([])
    expect(runRule('LMB021', fixture('LMB022', 'pass.yaml'))).toHaveLength(1)
  })
})
