// LMB006: fixtures and cases for deprecated runtimes, with the clock pinned.
import {describe, expect, it} from 'vitest'

import {DEFAULT_CONFIG, resolveRules} from '../../../src/engine/config.js'
import {runRules} from '../../../src/engine/run.js'
import {findRule} from '../../../src/rules/index.js'
import {graphOf, runRule} from '../../helpers/lint.js'
import {cfn, fixture, rawFunction} from './fixtures.js'

/** Runs LMB006 with a chosen "today". */
function runAt(now: string, text: string) {
  const rule = findRule('LMB006')!
  return runRules(graphOf(text), [{rule, severity: 'error', options: {}}], {now: new Date(now)})
}

describe('LMB006 lambda-runtime-deprecated', () => {
  it('reports a runtime from Globals at the Globals line, once updates are blocked', () => {
    const findings = runRule('LMB006', fixture('LMB006', 'fail.yaml'))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({
      ruleId: 'LMB006',
      messageId: 'updateBlocked',
      data: {function: 'Worker', runtime: 'nodejs18.x', date: '2025-09-01', blocked: '2025-11-01', successor: 'nodejs24.x'},
      location: {line: 4},
    })
  })

  it('reports a deprecated runtime without announced block dates in JSON', () => {
    const findings = runRule('LMB006', fixture('LMB006', 'fail-cfn.json'), {}, 'template.json')
    expect(findings).toMatchObject([{messageId: 'deprecated', data: {runtime: 'python3.9', date: '2025-12-15', successor: 'python3.14'}, location: {line: 7}}])
  })

  it('is a warning while deployments still succeed, an error once Lambda blocks them', () => {
    const text = cfn(rawFunction('Fn').replace('nodejs22.x', 'nodejs20.x'))
    expect(runAt('2026-06-30T00:00:00Z', text).map((f) => f.severity)).toEqual(['warning'])
    expect(runAt('2026-07-01T00:00:00Z', text).map((f) => f.severity)).toEqual(['error'])
    expect(runRule('LMB006', fixture('LMB006', 'fail.yaml')).map((f) => f.severity)).toEqual(['error'])
  })

  it('passes supported, unresolved, custom and image functions', () => {
    expect(runRule('LMB006', fixture('LMB006', 'pass.yaml'))).toEqual([])
    expect(runRule('LMB006', fixture('LMB006', 'pass-cfn.yaml'))).toEqual([])
  })

  it.each([
    ['2026-04-29', []],
    ['2026-04-30', ['deprecated']],
    ['2026-06-30', ['deprecated']],
    ['2026-07-01', ['updateBlocked']],
  ])('follows the clock for nodejs20.x on %s', (now, messageIds) => {
    expect(runAt(`${now}T00:00:00Z`, cfn(rawFunction('Fn').replace('nodejs22.x', 'nodejs20.x'))).map((f) => f.messageId)).toEqual(messageIds)
  })

  it('says when creation is blocked but updates are not yet', () => {
    const findings = runAt('2024-03-01T00:00:00Z', cfn(rawFunction('Fn').replace('nodejs22.x', 'python3.7')))
    expect(findings).toMatchObject([{messageId: 'createBlocked', data: {blocked: '2024-01-09'}}])
  })

  it('is part of the recommended preset', () => {
    expect(resolveRules([findRule('LMB006')!], DEFAULT_CONFIG).active).toHaveLength(1)
  })
})
