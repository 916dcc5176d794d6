// LMB027: fixtures and cases for functions behind many routes or event sources.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {fixture, sam, samFunction} from './fixtures.js'

describe('LMB027 lambda-monolith', () => {
  it('reports a SAM catch-all route at the event', () => {
    expect(runRule('LMB027', fixture('LMB027', 'fail.yaml'))).toMatchObject([
      {ruleId: 'LMB027', messageId: 'proxy', data: {function: 'Api', route: 'ANY /{proxy+}'}, resource: {id: expect.stringMatching(/^(ApiProxyRoute|ServerlessHttpApi)$/)}, location: {line: 12}},
    ])
  })

  it('counts raw HTTP API routes through their integration', () => {
    const findings = runRule('LMB027', fixture('LMB027', 'fail-cfn.json'), {}, 'template.json')
    expect(findings).toMatchObject([{messageId: 'routes', data: {function: 'App', count: 6, max: 5}, resource: {id: 'App'}}])
    expect(findings[0]?.data.routes).toContain('GET /invoices')
    expect(runRule('LMB027', fixture('LMB027', 'fail-cfn.json'), {maxRoutes: 6}, 'template.json')).toEqual([])
  })

  it('passes one operation per function', () => {
    expect(runRule('LMB027', fixture('LMB027', 'pass.yaml'))).toEqual([])
  })

  it('reports many event sources, with the threshold from the options', () => {
    const events = ['A', 'B', 'C', 'D'].map((name) => `        ${name}:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Q${name}.Arn\n`).join('')
    const queues = ['A', 'B', 'C', 'D'].map((name) => `  Q${name}:\n    Type: AWS::SQS::Queue\n`).join('')
    const text = sam(samFunction('Fn', `      Events:\n${events}`) + queues)
    expect(runRule('LMB027', text)).toMatchObject([{messageId: 'eventSources', data: {count: 4, max: 3, sources: 'SQS queue QA, SQS queue QB, SQS queue QC, SQS queue QD'}}])
    expect(runRule('LMB027', text, {maxEventSources: 4})).toEqual([])
  })
})
