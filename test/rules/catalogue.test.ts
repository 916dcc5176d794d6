// The whole catalogue: naming conventions, docs pages in step with metadata, references, and every rule's pass/fail fixtures.
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {DEFAULT_CONFIG} from '../../src/engine/config.js'
import {renderRuleIndex, renderRuleMarkdown} from '../../src/lib/rule-docs.js'
import {lint} from '../../src/lint/lint.js'
import {CATALOGUE, findRule} from '../../src/rules/index.js'
import {defineRule, EQUIVALENT_TOOLS, type Rule} from '../../src/rules/types.js'
import {FIXED_NOW} from '../helpers/lint.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const DOCS = path.join(ROOT, 'docs/rules')
const FIXTURES = path.join(ROOT, 'test/fixtures/rules')
const STALE = 'run `npm run docs` to regenerate docs/rules/'

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

const fixturesOf = (id: string): string[] => {
  const dir = path.join(FIXTURES, id)
  return existsSync(dir) ? readdirSync(dir).filter((name) => /^(pass|fail).*\.(ya?ml|json)$/.test(name)).sort() : []
}

/** Options a rule's fixtures run with, from an optional options.json next to them (for clock-dependent rules whose window must reach real dates). */
const fixtureOptionsOf = (id: string): Record<string, unknown> | undefined => {
  const file = path.join(FIXTURES, id, 'options.json')
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : undefined
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

const ids = CATALOGUE.map((rule) => rule.meta.id)
const names = CATALOGUE.map((rule) => rule.meta.name)

describe('rule catalogue', () => {
  it('has unique ids and unique names', () => {
    expect(ids.filter((id, i) => ids.indexOf(id) !== i), 'duplicate rule ids').toEqual([])
    expect(names.filter((name, i) => names.indexOf(name) !== i), 'duplicate rule names').toEqual([])
    expect(
      names.filter((name) => ids.includes(name.toUpperCase())),
      'a name that reads as an id',
    ).toEqual([])
  })

  it('is sorted by id', () => {
    expect(ids).toEqual([...ids].sort())
  })

  it('uses one id prefix per service (SLS is reserved for the engine)', () => {
    const prefixes = new Map<string, Set<string>>()
    for (const {meta} of CATALOGUE) {
      const prefix = meta.id.slice(0, 3)
      if (prefix === 'SLS') continue
      prefixes.set(meta.service, (prefixes.get(meta.service) ?? new Set()).add(prefix))
    }
    const mixed = [...prefixes].filter(([, set]) => set.size > 1).map(([service, set]) => `${service}: ${[...set].join(', ')}`)
    expect(mixed, 'services whose rules use more than one id prefix').toEqual([])
    const owners = new Map<string, string>()
    for (const [service, set] of prefixes) for (const prefix of set) owners.set(prefix, owners.has(prefix) ? `${owners.get(prefix)}+${service}` : service)
    expect([...owners].filter(([, owner]) => owner.includes('+')), 'id prefixes shared by several services').toEqual([])
  })

  it('lists no docs page for a rule that does not exist', () => {
    const pages = existsSync(DOCS) ? readdirSync(DOCS).filter((name) => name.endsWith('.md') && name !== 'README.md') : []
    expect(pages.filter((page) => !ids.includes(page.replace(/\.md$/, ''))), STALE).toEqual([])
  })

  it('has an up-to-date index page', () => {
    const file = path.join(DOCS, 'README.md')
    expect(existsSync(file), `docs/rules/README.md is missing: ${STALE}`).toBe(true)
    expect(readFileSync(file, 'utf8'), `docs/rules/README.md is stale: ${STALE}`).toBe(renderRuleIndex(CATALOGUE.map((rule) => rule.meta)))
  })

  for (const rule of CATALOGUE) {
    const {meta} = rule
    describe(`${meta.id} ${meta.name}`, () => {
      it('follows the id and name conventions', () => {
        expect(meta.id, 'ids are three capital letters and three digits, e.g. SQS001').toMatch(/^[A-Z]{3}\d{3}$/)
        expect(meta.name, 'names are kebab-case, e.g. sqs-queue-without-dlq').toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/)
        if (!meta.id.startsWith('SLS')) expect(meta.name.startsWith(`${meta.service}-`), `names start with the service: ${meta.service}-…`).toBe(true)
        expect(Object.keys(meta.messages).length, 'at least one message').toBeGreaterThan(0)
        expect(Object.keys(meta.equivalents).filter((tool) => !(EQUIVALENT_TOOLS as readonly string[]).includes(tool)), 'equivalents keyed by known tools').toEqual([])
      })

      it('has documentation with at least one reference', () => {
        for (const field of ['what', 'why', 'failing', 'fixed', 'whenNotToUse'] as const) expect(meta.docs[field].trim(), `docs.${field}`).not.toBe('')
        expect(meta.docs.references.length, 'docs.references needs at least one link').toBeGreaterThan(0)
        for (const reference of meta.docs.references) expect(reference, 'references are https links').toMatch(/^https:\/\/\S+$/)
      })

      it('has an up-to-date docs page', () => {
        const file = path.join(DOCS, `${meta.id}.md`)
        expect(existsSync(file), `docs/rules/${meta.id}.md is missing: ${STALE}`).toBe(true)
        expect(readFileSync(file, 'utf8'), `docs/rules/${meta.id}.md is stale: ${STALE}`).toBe(renderRuleMarkdown(meta))
      })

      // Live-only rules are checked by the audit collectors' tests; templates cannot express them.
      if (!meta.sources.includes('template')) return
      const fixtures = fixturesOf(meta.id)

      it('has fail and pass fixtures', () => {
        expect(
          fixtures.filter((name) => name.startsWith('fail')).length,
          `add test/fixtures/rules/${meta.id}/fail.yaml (a template this rule reports)`,
        ).toBeGreaterThan(0)
        expect(
          fixtures.filter((name) => name.startsWith('pass')).length,
          `add test/fixtures/rules/${meta.id}/pass.yaml (a template this rule accepts)`,
        ).toBeGreaterThan(0)
      })

      for (const name of fixtures) {
        const file = path.join(FIXTURES, meta.id, name)
        if (name.startsWith('fail')) {
          it(`reports ${name}`, () => {
            const findings = findingsOf(rule, file)
            if (meta.id !== 'SLS001') expect(findings.filter((finding) => finding.ruleId === 'SLS001').map((finding) => finding.message), `${name} must be a usable template`).toEqual([])
            expect(findings.filter((finding) => finding.ruleId === meta.id).length, `${name} should produce at least one ${meta.id} finding`).toBeGreaterThan(0)
          })
        } else {
          it(`accepts ${name}`, () => {
            const findings = findingsOf(rule, file)
            if (meta.id !== 'SLS001') expect(findings.filter((finding) => finding.ruleId === 'SLS001').map((finding) => finding.message), `${name} must be a usable template`).toEqual([])
            expect(
              findings.filter((finding) => finding.ruleId === meta.id).map((finding) => `${finding.location?.line}: ${finding.message}`),
              `${name} should produce no ${meta.id} finding`,
            ).toEqual([])
          })
        }
      }
    })
  }
})
