// LMB014: fixtures and cases for functions logging in plain text.
import {describe, expect, it} from 'vitest'

import {CATALOGUE, DEFAULT_CONFIG} from '../../helpers/lint.js'
import {resolveRules} from '../../../src/engine/config.js'
import {runRule} from '../../helpers/lint.js'
import {cfn, fixture, rawFunction} from './fixtures.js'

describe('LMB014 lambda-logs-not-structured', () => {
  it('reports Text at LogFormat and the default at the logical id', () => {
    expect(runRule('LMB014', fixture('LMB014', 'fail.yaml'))).toMatchObject([{ruleId: 'LMB014', messageId: 'text', data: {function: 'Worker', format: 'Text'}, location: {line: 10}}])
    expect(runRule('LMB014', fixture('LMB014', 'fail-cfn.json'), {}, 'template.json')).toMatchObject([{data: {format: 'Text (the default)'}, location: {line: 4}}])
  })

  it('passes JSON from Globals and intrinsic formats', () => {
    expect(runRule('LMB014', fixture('LMB014', 'pass.yaml'))).toEqual([])
    expect(runRule('LMB014', cfn(rawFunction('Fn', '      LoggingConfig:\n        LogFormat: !Ref Format\n')))).toEqual([])
  })

  it('is not in the recommended preset', () => {
    expect(resolveRules(CATALOGUE, DEFAULT_CONFIG).active.map((active) => active.rule.meta.id)).not.toContain('LMB014')
  })
})
