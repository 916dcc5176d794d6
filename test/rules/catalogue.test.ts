// The whole catalogue: naming conventions, docs pages in step with metadata and references (fixtures: fixtures.test.ts).
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {renderRuleIndex, renderRuleMarkdown} from '../../src/lib/rule-docs.js'
import {CATALOGUE} from '../../src/rules/index.js'
import {EQUIVALENT_TOOLS} from '../../src/rules/types.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const DOCS = path.join(ROOT, 'docs/rules')
const STALE = 'run `npm run docs` to regenerate docs/rules/'

const ids = CATALOGUE.map((rule) => rule.meta.id)
const names = CATALOGUE.map((rule) => rule.meta.name)

describe('rule catalogue', () => {
  it('has unique ids and unique names', () => {
    expect(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      'duplicate rule ids',
    ).toEqual([])
    expect(
      names.filter((name, i) => names.indexOf(name) !== i),
      'duplicate rule names',
    ).toEqual([])
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
    expect(
      [...owners].filter(([, owner]) => owner.includes('+')),
      'id prefixes shared by several services',
    ).toEqual([])
  })

  it('lists no docs page for a rule that does not exist', () => {
    const pages = existsSync(DOCS) ? readdirSync(DOCS).filter((name) => name.endsWith('.md') && name !== 'README.md') : []
    expect(
      pages.filter((page) => !ids.includes(page.replace(/\.md$/, ''))),
      STALE,
    ).toEqual([])
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
        expect(
          Object.keys(meta.equivalents).filter((tool) => !(EQUIVALENT_TOOLS as readonly string[]).includes(tool)),
          'equivalents keyed by known tools',
        ).toEqual([])
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
    })
  }
})
