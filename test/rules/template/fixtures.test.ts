// Template rules: fixtures in YAML and JSON, SAM and raw CloudFormation, and every pass fixture gives no template finding at all.
import {readdirSync, readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const root = new URL('../../fixtures/rules/', import.meta.url)
const RULES = ['TPL001', 'TPL002', 'TPL003', 'TPL004', 'TPL005', 'TPL006', 'TPL007', 'TPL008', 'TPL009', 'TPL010', 'TPL011']

describe.each(RULES)('%s fixtures', (id) => {
  const dir = new URL(`${id}/`, root)
  const files = readdirSync(dir)
    .filter((name) => /^(pass|fail)/.test(name))
    .sort()

  it('has pass and fail fixtures in YAML and JSON, SAM and CloudFormation', () => {
    // Further fixtures (named fail-… or pass-…) may show particular cases.
    expect(files).toEqual(expect.arrayContaining(['fail-cfn.json', 'fail-cfn.yaml', 'fail-sam.json', 'fail-sam.yaml', 'pass-cfn.json', 'pass-cfn.yaml', 'pass-sam.json', 'pass-sam.yaml']))
  })

  it.each(files.filter((file) => file.startsWith('pass')))('%s gives no template finding', (file) => {
    const text = readFileSync(new URL(file, dir), 'utf8')
    const name = file.endsWith('.json') ? 'template.json' : 'template.yaml'
    // What each fail fixture reports is asserted in test/rules/fixtures.test.ts; a pass fixture must give no template finding at all.
    if (file.startsWith('pass')) expect(RULES.flatMap((rule) => runRule(rule, text, {}, name))).toEqual([])
  })
})
