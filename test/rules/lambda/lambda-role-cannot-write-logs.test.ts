// LMB020: fixtures and cases for execution roles without CloudWatch Logs permissions.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {fixture} from './fixtures.js'

describe('LMB020 lambda-role-cannot-write-logs', () => {
  it('reports a role that can create streams but not put events', () => {
    expect(runRule('LMB020', fixture('LMB020', 'fail.yaml'))).toMatchObject([
      {ruleId: 'LMB020', messageId: 'noLogs', data: {role: 'WorkerRole', function: 'Worker'}, resource: {id: 'WorkerRole'}, location: {line: 3}},
    ])
  })

  it('reports a role with an unrelated AWS managed policy in JSON', () => {
    expect(runRule('LMB020', fixture('LMB020', 'fail.json'), {}, 'template.json')).toMatchObject([{data: {role: 'WorkerRole'}, location: {line: 3}}])
  })

  it('passes SAM roles, basic execution by Sub, explicit statements and unreadable policies', () => {
    expect(runRule('LMB020', fixture('LMB020', 'pass.yaml'))).toEqual([])
  })
})
