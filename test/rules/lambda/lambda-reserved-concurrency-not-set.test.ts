// LMB025: fixtures and cases for queue consumers writing to shared downstreams without a concurrency bound.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {fixture} from './fixtures.js'

describe('LMB025 lambda-reserved-concurrency-not-set', () => {
  it('reports a SAM queue consumer writing to a table another function reads', () => {
    expect(runRule('LMB025', fixture('LMB025', 'fail.yaml'))).toMatchObject([
      {ruleId: 'LMB025', messageId: 'unbounded', data: {function: 'Importer', queue: 'Jobs', downstream: 'Orders', others: 'Api'}, resource: {id: 'Importer'}, location: {line: 15}},
    ])
  })

  it('reports a raw consumer publishing to a shared topic in JSON', () => {
    expect(runRule('LMB025', fixture('LMB025', 'fail-cfn.json'), {}, 'template.json')).toMatchObject([{data: {function: 'Consumer', downstream: 'Shared', others: 'Other'}}])
  })

  it('passes a mapping with MaximumConcurrency', () => {
    expect(runRule('LMB025', fixture('LMB025', 'pass.yaml'))).toEqual([])
  })

  it('passes reserved concurrency on the function', () => {
    const text = fixture('LMB025', 'fail.yaml').replace(
      '      Handler: index.handler\n      CodeUri: src/\n      Policies:\n        - DynamoDBCrudPolicy',
      '      Handler: index.handler\n      CodeUri: src/\n      ReservedConcurrentExecutions: 10\n      Policies:\n        - DynamoDBCrudPolicy',
    )
    expect(runRule('LMB025', text)).toEqual([])
  })
})
