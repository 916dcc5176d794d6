// LMB007: fixtures and cases for runtimes deprecated within the warning window.
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {runRules} from '../../../src/engine/run.js'
import {findRule} from '../../../src/rules/index.js'
import {graphOf, runRule} from '../../helpers/lint.js'
import {cfn, fixture, rawFunction} from './fixtures.js'

const fixtureOptions = JSON.parse(readFileSync(new URL('../../fixtures/rules/LMB007/options.json', import.meta.url), 'utf8')) as Record<string, unknown>

function runAt(now: string, text: string, options: Record<string, unknown> = {}) {
  const rule = findRule('LMB007')!
  return runRules(graphOf(text), [{rule, severity: 'warning', options: {...rule.meta.options, ...options}}], {now: new Date(now)})
}

describe('LMB007 lambda-runtime-deprecating-soon', () => {
  it('reports ruby3.3 when the window reaches its deprecation (fixture options widen it)', () => {
    const findings = runRule('LMB007', fixture('LMB007', 'fail.yaml'), fixtureOptions)
    expect(findings).toMatchObject([{ruleId: 'LMB007', messageId: 'soon', data: {function: 'Worker', runtime: 'ruby3.3', date: '2027-03-31', days: 128, successor: 'ruby3.4'}, location: {line: 6}}])
  })

  it('passes far-away and already-deprecated runtimes', () => {
    expect(runRule('LMB007', fixture('LMB007', 'pass.yaml'), fixtureOptions)).toEqual([])
    expect(runRule('LMB007', fixture('LMB007', 'pass-cfn.json'), fixtureOptions, 'template.json')).toEqual([])
  })

  it.each([
    ['2027-01-31', 89, ['soon']],
    ['2027-01-30', 90, ['soon']],
    ['2027-01-29', 91, []],
    ['2027-04-30', 0, []],
  ])('uses the default window of 90 days on %s (%i days before nodejs22.x)', (now, _days, messageIds) => {
    expect(runAt(`${now}T00:00:00Z`, cfn(rawFunction('Fn'))).map((f) => f.messageId)).toEqual(messageIds)
  })

  it('takes the window from the options', () => {
    expect(runAt('2026-11-23T00:00:00Z', cfn(rawFunction('Fn')), {days: 200})).toMatchObject([{data: {runtime: 'nodejs22.x', days: 158}}])
    expect(runAt('2026-11-23T00:00:00Z', cfn(rawFunction('Fn')), {days: 100})).toEqual([])
  })
})
