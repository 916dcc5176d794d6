// LMB023: fixtures and cases for service-principal permissions without a source condition.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {fixture} from './fixtures.js'

describe('LMB023 lambda-permission-without-source', () => {
  it('reports an S3 permission without SourceArn or SourceAccount', () => {
    expect(runRule('LMB023', fixture('LMB023', 'fail.yaml'))).toMatchObject([
      {ruleId: 'LMB023', messageId: 'unscoped', data: {permission: 'Invoke', principal: 's3.amazonaws.com', function: 'Worker'}, location: {line: 16}},
    ])
  })

  it('reports an EventBridge permission in JSON', () => {
    expect(runRule('LMB023', fixture('LMB023', 'fail.json'), {}, 'template.json')).toMatchObject([{data: {principal: 'events.amazonaws.com', function: 'worker'}, location: {line: 5}}])
  })

  it('passes scoped permissions, account principals and SAM-generated permissions', () => {
    expect(runRule('LMB023', fixture('LMB023', 'pass.yaml'))).toEqual([])
  })
})
