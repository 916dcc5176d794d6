// Template rules: every fail fixture (YAML and JSON, SAM and raw CloudFormation) gives findings of its rule, every pass fixture gives no template finding at all.
import {readdirSync, readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const root = new URL('../../fixtures/rules/', import.meta.url)
const RULES = ['TPL001', 'TPL002', 'TPL003', 'TPL004', 'TPL005', 'TPL006', 'TPL007', 'TPL008', 'TPL009', 'TPL010', 'TPL011']

describe.each(RULES)('%s fixtures', (id) => {
  const dir = new URL(`${id}/`, root)
  const files = readdirSync(dir).sort()

  it('has pass and fail fixtures in YAML and JSON, SAM and CloudFormation', () => {
    expect(files).toEqual(['fail-cfn.json', 'fail-cfn.yaml', 'fail-sam.json', 'fail-sam.yaml', 'pass-cfn.json', 'pass-cfn.yaml', 'pass-sam.json', 'pass-sam.yaml'])
  })

  it.each(files)('%s', (file) => {
    const text = readFileSync(new URL(file, dir), 'utf8')
    const name = file.endsWith('.json') ? 'template.json' : 'template.yaml'
    if (file.startsWith('fail')) {
      const findings = runRule(id, text, {}, name)
      expect(findings.length).toBeGreaterThanOrEqual(1)
      for (const finding of findings) expect(finding.location?.line).toBeGreaterThan(1)
    } else {
      expect(RULES.flatMap((rule) => runRule(rule, text, {}, name))).toEqual([])
    }
  })
})
