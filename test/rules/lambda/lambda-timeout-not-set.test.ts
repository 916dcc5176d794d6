// LMB005: fixtures and cases for functions without an explicit timeout.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {cfn, fixture, rawFunction} from './fixtures.js'

describe('LMB005 lambda-timeout-not-set', () => {
  it('reports SAM and raw functions without Timeout at their logical id', () => {
    expect(runRule('LMB005', fixture('LMB005', 'fail.yaml'))).toMatchObject([{ruleId: 'LMB005', messageId: 'notSet', data: {function: 'Worker'}, resource: {id: 'Worker'}, location: {line: 6}}])
    expect(runRule('LMB005', fixture('LMB005', 'fail-cfn.json'), {}, 'template.json')).toMatchObject([{data: {function: 'Worker'}, location: {line: 4}}])
  })

  it('passes Timeout from Globals, literal or parameter', () => {
    expect(runRule('LMB005', fixture('LMB005', 'pass.yaml'))).toEqual([])
    expect(runRule('LMB005', fixture('LMB005', 'pass-cfn.yaml'))).toEqual([])
    expect(runRule('LMB005', cfn(rawFunction('Fn', '      Timeout: 900\n')))).toEqual([])
  })
})
