// LMB021: fixtures and cases for function URLs without authentication.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {fixture} from './fixtures.js'

describe('LMB021 lambda-url-without-auth', () => {
  it('reports a SAM FunctionUrlConfig at its AuthType', () => {
    expect(runRule('LMB021', fixture('LMB021', 'fail.yaml'))).toMatchObject([
      {ruleId: 'LMB021', messageId: 'public', data: {url: 'WebhookUrl', function: 'Webhook'}, resource: {id: 'WebhookUrl', logicalId: 'Webhook'}, location: {line: 10}},
    ])
  })

  it('reports a raw URL in JSON', () => {
    expect(runRule('LMB021', fixture('LMB021', 'fail-cfn.json'), {}, 'template.json')).toMatchObject([{data: {url: 'Url', function: 'Webhook'}, location: {line: 6}}])
  })

  it('passes AWS_IAM and unresolved auth types', () => {
    expect(runRule('LMB021', fixture('LMB021', 'pass.yaml'))).toEqual([])
  })
})
