// Every fixable rule, on its own failing fixtures: --fix removes the rule's fixable findings, adds no finding at warning or above (nor any template error), keeps every comment, and a second run changes nothing.
import {copyFileSync, mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {DEFAULT_CONFIG} from '../../src/engine/config.js'
import type {Finding} from '../../src/engine/finding.js'
import {lint} from '../../src/lint/lint.js'
import {CATALOGUE} from '../../src/rules/index.js'
import {SEVERITY_RANK, type Rule} from '../../src/rules/types.js'
import {FIXTURES, fixtureOptionsOf, fixturesOf} from '../helpers/fixtures.js'
import {FIXED_NOW} from '../helpers/lint.js'

const FIXABLE = CATALOGUE.filter((rule) => rule.meta.fixable)
const EVERY_RULE = {...DEFAULT_CONFIG, preset: 'strict' as const}

function configFor(rule: Rule) {
  const options = fixtureOptionsOf(rule.meta.id)
  return {...DEFAULT_CONFIG, rules: {[rule.meta.id]: options ? {severity: rule.meta.severity, options} : rule.meta.severity}}
}

function findings(file: string, catalogue: readonly Rule[], config = EVERY_RULE): Finding[] {
  return lint({paths: [file], config, catalogue, cwd: path.dirname(file), now: FIXED_NOW, edits: true}).files.flatMap((entry) => entry.findings)
}

/** --fix, with --unsafe-fixes for unsafe rules and for findings whose fix is unsafe here (an alarm with no topic to notify). */
function fix(file: string, rule: Rule, unsafe: boolean): void {
  lint({paths: [file], config: configFor(rule), catalogue: [rule], cwd: path.dirname(file), now: FIXED_NOW, fix: {write: true, unsafe}})
}

/** What identifies a finding across edits that move lines. */
const key = (finding: Finding): string => `${finding.ruleId}|${finding.resource?.id ?? ''}|${finding.messageId}|${JSON.stringify(finding.data)}`

/** Comment lines of a YAML file: each must survive the fix. */
const comments = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .filter((line) => /^\s*#/.test(line))
    .map((line) => line.trim())

describe('fixable rules fix their own failing fixtures', () => {
  it('at least 30 rules are fixable', () => {
    expect(FIXABLE.length).toBeGreaterThanOrEqual(30)
  })

  for (const rule of FIXABLE) {
    const fails = fixturesOf(rule.meta.id).filter((name) => name.startsWith('fail'))
    it(`${rule.meta.id} ${rule.meta.name} (${rule.meta.fixable})`, () => {
      expect(fails.length, 'a fixable rule needs a failing fixture').toBeGreaterThan(0)
      let fixedAny = false
      for (const name of fails) {
        const dir = mkdtempSync(path.join(tmpdir(), 'sls-eda-fix-'))
        const file = path.join(dir, name)
        copyFileSync(path.join(FIXTURES, rule.meta.id, name), file)
        const original = readFileSync(file, 'utf8')
        const ownBefore = findings(file, [rule], configFor(rule))
        const allBefore = new Set(findings(file, CATALOGUE).map(key))
        const unsafe = rule.meta.fixable === 'unsafe' || ownBefore.some((finding) => finding.autofix?.applicability === 'unsafe')
        fix(file, rule, unsafe)
        const fixed = readFileSync(file, 'utf8')
        const fixable = ownBefore.filter((finding) => finding.autofix)
        if (fixable.length === 0) {
          expect(fixed, `${name}: nothing to fix, nothing changed`).toBe(original)
          continue
        }
        fixedAny = true
        expect(fixed, name).not.toBe(original)
        const ownAfter = findings(file, [rule], configFor(rule))
        expect(ownAfter.length, `${name}: the fixable findings are gone\n${fixed}`).toBe(ownBefore.length - fixable.length)
        const added = findings(file, CATALOGUE).filter((finding) => !allBefore.has(key(finding)))
        const worse = added.filter((finding) => SEVERITY_RANK[finding.severity] >= SEVERITY_RANK.warning || finding.ruleId.startsWith('TPL') || finding.ruleId.startsWith('SLS'))
        expect(
          worse.map((finding) => `${finding.ruleId} ${finding.message}`),
          `${name}: no new finding\n${fixed}`,
        ).toEqual([])
        for (const comment of comments(original)) expect(fixed, `${name}: comment kept`).toContain(comment)
        fix(file, rule, unsafe)
        expect(readFileSync(file, 'utf8'), `${name}: a second run changes nothing`).toBe(fixed)
      }
      expect(fixedAny, 'at least one failing fixture is fixed').toBe(true)
    })
  }
})
