// LMB024: fixtures and cases for functions granted to several principals.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {fixture} from './fixtures.js'

describe('LMB024 lambda-permission-multiple-principals', () => {
  it('reports a SAM function with HTTP API and S3 events', () => {
    expect(runRule('LMB024', fixture('LMB024', 'fail.yaml'))).toMatchObject([
      {ruleId: 'LMB024', messageId: 'several', data: {function: 'Worker', count: 2, principals: 'apigateway.amazonaws.com, s3.amazonaws.com'}, location: {line: 5}},
    ])
  })

  it('reports raw permissions in JSON', () => {
    expect(runRule('LMB024', fixture('LMB024', 'fail-cfn.json'), {}, 'template.json')).toMatchObject([{data: {count: 2, principals: 'events.amazonaws.com, sns.amazonaws.com'}, location: {line: 4}}])
  })

  it('passes several triggers of one principal', () => {
    expect(runRule('LMB024', fixture('LMB024', 'pass.yaml'))).toEqual([])
  })
})
