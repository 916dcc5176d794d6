// LMB015: fixtures and cases for secrets in environment variables; the value never reaches a finding.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {cfn, fixture, rawFunction} from './fixtures.js'

const withVariable = (name: string, value: string) => cfn(rawFunction('Fn', `      Environment:\n        Variables:\n          ${name}: ${value}\n`))

describe('LMB015 lambda-environment-secret', () => {
  it('reports a secret-named variable at the variable, without its value', () => {
    const findings = runRule('LMB015', fixture('LMB015', 'fail.yaml'))
    expect(findings).toMatchObject([{ruleId: 'LMB015', messageId: 'secretName', data: {function: 'Worker', variable: 'API_KEY'}, location: {line: 12}}])
    expect(JSON.stringify(findings)).not.toContain('9f8e7d6c5b4a39281706')
  })

  it('reports credential-shaped values and resolved secrets in JSON', () => {
    const findings = runRule('LMB015', fixture('LMB015', 'fail-cfn.json'), {}, 'template.json')
    expect(findings).toMatchObject([
      {messageId: 'secretValue', data: {variable: 'UPSTREAM', kind: 'an AWS access key id'}, location: {line: 13}},
      {messageId: 'resolvedSecret', data: {variable: 'DB_PASSWORD'}, location: {line: 14}},
    ])
    expect(JSON.stringify(findings)).not.toContain('AKIAIOSFODNN7EXAMPLE')
  })

  it('passes references, settings and parameters', () => {
    expect(runRule('LMB015', fixture('LMB015', 'pass.yaml'))).toEqual([])
  })

  it.each([
    ['DB_PASSWORD', 'correct-horse-battery'],
    ['GITHUB', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789AB'],
    ['clientSecret', 'Zm9vYmFyYmF6cXV4'],
  ])('reports %s', (name, value) => {
    const findings = runRule('LMB015', withVariable(name, value))
    expect(findings).toHaveLength(1)
    expect(findings[0]?.message).not.toContain(value)
  })

  it.each([
    ['PASSWORD_SECRET_ARN', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:x'],
    ['TOKEN_URL', 'https://auth.example.com/token'],
    ['API_KEY', '!Ref ApiKey'],
    ['SECRET', '""'],
    ['DB_SECRET', 'orders/prod/db'],
  ])('passes %s', (name, value) => {
    expect(runRule('LMB015', withVariable(name, value))).toEqual([])
  })
})
