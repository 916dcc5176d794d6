// Every rule's pass and fail fixture templates, in one runner: each fail fixture gives exactly the findings (message id and line) its folder's expected.json records, each pass fixture none, and no rule of the catalogue crashes on any of them.
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {DEFAULT_CONFIG} from '../../src/engine/config.js'
import {lint} from '../../src/lint/lint.js'
import {CATALOGUE, findRule} from '../../src/rules/index.js'
import {defineRule, type Rule} from '../../src/rules/types.js'
import {FIXTURES, fixtureOptionsOf, fixturesOf} from '../helpers/fixtures.js'
import {FIXED_NOW, runCatalogue} from '../helpers/lint.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
/** `UPDATE_FIXTURES=1 npx vitest run test/rules/fixtures.test.ts` rewrites every expected.json from what the rules report now: review the diff. */
const UPDATE = process.env.UPDATE_FIXTURES === '1'

/** Throws on any resource marked `Metadata: {test-crash: true}`, so SLS002's fixtures can show a crashing rule being reported. */
const CRASH_ON_MARKER = defineRule({
  meta: {...findRule('SLS002')!.meta, id: 'TST900', name: 'test-crash-on-marker', title: 'Test-only rule that throws'},
  check({graph}) {
    for (const node of graph.nodes) if (node.metadata?.['test-crash'] === true) throw new Error(`test crash on ${node.id}`)
  },
})

/** Rules run alongside a rule's fixtures: engine rules report on other rules' behaviour. */
const COMPANIONS: Record<string, () => Rule[]> = {
  SLS002: () => [CRASH_ON_MARKER],
  SLS003: () => [findRule('SQS001')!],
}

/** What a fixture is expected to give: its findings of the rule, as message id and line. */
type Expected = Record<string, Array<{messageId: string; line: number | undefined}>>

function expectedOf(id: string): Expected {
  const file = path.join(FIXTURES, id, 'expected.json')
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Expected) : {}
}

function findingsOf(rule: Rule, file: string) {
  const companions = COMPANIONS[rule.meta.id]?.() ?? []
  const catalogue = [rule, ...companions]
  // Naming every rule in the configuration turns it on whatever its preset or status.
  const setting = (r: Rule) => {
    const options = fixtureOptionsOf(r.meta.id)
    return options ? {severity: r.meta.severity, options} : r.meta.severity
  }
  const config = {...DEFAULT_CONFIG, rules: Object.fromEntries(catalogue.map((r) => [r.meta.id, setting(r)]))}
  const result = lint({paths: [file], config, catalogue, cwd: ROOT, now: FIXED_NOW})
  return result.files.flatMap((entry) => entry.findings)
}

const updated = new Map<string, Expected>()

/** One fixture a line, one finding an object: diffs of expected.json read as what changed. */
function serializeExpected(expected: Expected): string {
  const entries = Object.keys(expected)
    .sort()
    .map((name) => `  ${JSON.stringify(name)}: [${expected[name]!.map((finding) => `{"messageId": ${JSON.stringify(finding.messageId)}, "line": ${finding.line}}`).join(', ')}]`)
  return `{\n${entries.join(',\n')}\n}\n`
}

describe('rule fixtures', () => {
  for (const rule of CATALOGUE) {
    const {meta} = rule
    // Live-only rules are checked by the audit collectors' tests; templates cannot express them.
    if (!meta.sources.includes('template')) continue
    const fixtures = fixturesOf(meta.id)
    describe(`${meta.id} ${meta.name}`, () => {
      it('has fail and pass fixtures, and expectations for exactly the fail fixtures', () => {
        const fail = fixtures.filter((name) => name.startsWith('fail'))
        expect(fail.length, `add test/fixtures/rules/${meta.id}/fail.yaml (a template this rule reports)`).toBeGreaterThan(0)
        expect(fixtures.filter((name) => name.startsWith('pass')).length, `add test/fixtures/rules/${meta.id}/pass.yaml (a template this rule accepts)`).toBeGreaterThan(0)
        if (!UPDATE) expect(Object.keys(expectedOf(meta.id)).sort(), `test/fixtures/rules/${meta.id}/expected.json names each fail fixture`).toEqual(fail)
      })

      for (const name of fixtures) {
        const file = path.join(FIXTURES, meta.id, name)
        it(`${name.startsWith('fail') ? 'reports' : 'accepts'} ${name}`, () => {
          const findings = findingsOf(rule, file)
          if (meta.id !== 'SLS001')
            expect(
              findings.filter((finding) => finding.ruleId === 'SLS001').map((finding) => finding.message),
              `${name} must be a usable template`,
            ).toEqual([])
          const own = findings
            .filter((finding) => finding.ruleId === meta.id)
            .map((finding) => ({messageId: finding.messageId, line: finding.location?.line}))
            .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.messageId.localeCompare(b.messageId))
          if (name.startsWith('pass')) {
            expect(own, `${name} should produce no ${meta.id} finding`).toEqual([])
            return
          }
          expect(own.length, `${name} should produce at least one ${meta.id} finding`).toBeGreaterThan(0)
          if (UPDATE) {
            updated.set(meta.id, {...updated.get(meta.id), [name]: own})
            writeFileSync(path.join(FIXTURES, meta.id, 'expected.json'), serializeExpected(updated.get(meta.id)!))
          } else {
            expect(own, `${meta.id} findings of ${name} (message id and line; UPDATE_FIXTURES=1 rewrites expected.json)`).toEqual(expectedOf(meta.id)[name])
          }
        })

        // SLS001's fixtures are the templates that cannot be read: there is no graph to run rules on.
        if (meta.id === 'SLS001') continue
        it(`runs the strict catalogue over ${name} without a rule crashing`, () => {
          const text = readFileSync(file, 'utf8')
          expect(runCatalogue(text, 'strict', name).filter((finding) => finding.ruleId === 'SLS002')).toEqual([])
        })
      }
    })
  }
})
