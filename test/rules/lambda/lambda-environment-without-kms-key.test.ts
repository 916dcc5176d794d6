// LMB016: fixtures and cases for environment variables without a customer managed key.
import {describe, expect, it} from 'vitest'

import {resolveRules} from '../../../src/engine/config.js'
import {CATALOGUE, DEFAULT_CONFIG, runRule} from '../../helpers/lint.js'
import {fixture} from './fixtures.js'

describe('LMB016 lambda-environment-without-kms-key', () => {
  it('reports functions with variables and no KmsKeyArn at Environment', () => {
    expect(runRule('LMB016', fixture('LMB016', 'fail.yaml'))).toMatchObject([{ruleId: 'LMB016', messageId: 'noKey', data: {function: 'Worker', count: 1}, location: {line: 9}}])
    expect(runRule('LMB016', fixture('LMB016', 'fail-cfn.json'), {}, 'template.json')).toMatchObject([{data: {count: 2}, location: {line: 10}}])
  })

  it('passes a key and functions without variables', () => {
    expect(runRule('LMB016', fixture('LMB016', 'pass.yaml'))).toEqual([])
  })

  it('is off by default and on in strict', () => {
    expect(resolveRules(CATALOGUE, DEFAULT_CONFIG).active.map((a) => a.rule.meta.id)).not.toContain('LMB016')
    expect(resolveRules(CATALOGUE, {...DEFAULT_CONFIG, preset: 'strict'}).active.map((a) => a.rule.meta.id)).toContain('LMB016')
  })
})
