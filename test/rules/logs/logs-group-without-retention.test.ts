// LOG001: fixtures and cases for log groups without retention.
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/rules/LOG001/${name}`, import.meta.url), 'utf8')

describe('LOG001 logs-group-without-retention', () => {
  it('reports groups without RetentionInDays at their logical id, YAML and JSON', () => {
    expect(runRule('LOG001', fixture('fail.yaml'))).toMatchObject([{ruleId: 'LOG001', messageId: 'noRetention', data: {group: 'WorkerLogs'}, resource: {id: 'WorkerLogs'}, location: {line: 3}}])
    expect(runRule('LOG001', fixture('fail.json'), {}, 'template.json')).toMatchObject([{data: {group: 'AccessLogs'}, location: {file: 'template.json', line: 3}}])
  })

  it('passes literal and parameter retention', () => {
    expect(runRule('LOG001', fixture('pass.yaml'))).toEqual([])
  })
})
