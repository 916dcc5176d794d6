// LMB001: fixtures and table-driven cases for functions without active tracing.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {cfn, fixture, rawFunction, sam, samFunction} from './fixtures.js'

describe('LMB001 lambda-tracing-disabled', () => {
  it('reports a SAM function without Tracing at its logical id', () => {
    const findings = runRule('LMB001', fixture('LMB001', 'fail.yaml'))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ruleId: 'LMB001', messageId: 'notActive', data: {function: 'Worker', mode: 'PassThrough (the default)'}, resource: {id: 'Worker'}, location: {line: 3}})
  })

  it('reports PassThrough in JSON at the Mode property', () => {
    const findings = runRule('LMB001', fixture('LMB001', 'fail-cfn.json'), {}, 'template.json')
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({data: {function: 'Worker', mode: 'PassThrough'}, location: {file: 'template.json', line: 11}})
  })

  it('passes Active from Globals, a literal Active and an unresolved parameter', () => {
    expect(runRule('LMB001', fixture('LMB001', 'pass.yaml'))).toEqual([])
    expect(runRule('LMB001', fixture('LMB001', 'pass-cfn.yaml'))).toEqual([])
  })

  it.each([
    ['SAM Tracing PassThrough', sam(samFunction('Fn', '      Tracing: PassThrough\n')), 'PassThrough', 9],
    ['raw Mode junk', cfn(rawFunction('Fn', '      TracingConfig:\n        Mode: 42\n')), '42', 12],
    ['raw without TracingConfig', cfn(rawFunction('Fn')), 'PassThrough (the default)', 3],
  ])('%s', (_name, text, mode, line) => {
    const findings = runRule('LMB001', text)
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({messageId: 'notActive', data: {function: 'Fn', mode}, location: {line}})
  })

  it('points at Globals when the mode comes from there', () => {
    const findings = runRule('LMB001', sam(samFunction('Fn'), 'Globals:\n  Function:\n    Tracing: PassThrough\n'))
    expect(findings[0]?.location?.line).toBe(4)
  })
})
