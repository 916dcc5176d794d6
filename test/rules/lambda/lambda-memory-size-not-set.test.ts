// LMB004: fixtures and cases for functions without an explicit memory size.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {cfn, fixture, rawFunction, sam, samFunction} from './fixtures.js'

describe('LMB004 lambda-memory-size-not-set', () => {
  it('reports SAM and raw functions without MemorySize at their logical id', () => {
    expect(runRule('LMB004', fixture('LMB004', 'fail.yaml'))).toMatchObject([{ruleId: 'LMB004', messageId: 'notSet', data: {function: 'Worker'}, resource: {id: 'Worker'}, location: {line: 6}}])
    expect(runRule('LMB004', fixture('LMB004', 'fail-cfn.json'), {}, 'template.json')).toMatchObject([{data: {function: 'Worker'}, location: {line: 4}}])
  })

  it('passes MemorySize from Globals, literal or parameter', () => {
    expect(runRule('LMB004', fixture('LMB004', 'pass.yaml'))).toEqual([])
    expect(runRule('LMB004', fixture('LMB004', 'pass-cfn.yaml'))).toEqual([])
    expect(runRule('LMB004', sam(samFunction('Fn', '      MemorySize: "1024"\n')))).toEqual([])
    expect(runRule('LMB004', cfn(rawFunction('Fn', '      MemorySize: !If [Big, 2048, 512]\n')))).toEqual([])
  })
})
