// Every Lambda and logs fixture: fail templates produce the rule's finding, pass templates none, and no rule of the catalogue crashes on them.
import {existsSync, readdirSync, readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {runCatalogue, runRule} from '../../helpers/lint.js'

const root = new URL('../../fixtures/rules/', import.meta.url)
const folders = readdirSync(root).filter((name) => /^(LMB|LOG)\d{3}$/.test(name))

describe('Lambda and logs rule fixtures', () => {
  for (const id of folders) {
    const dir = new URL(`${id}/`, root)
    const optionsFile = new URL('options.json', dir)
    const options = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as Record<string, unknown>) : {}
    const files = readdirSync(dir).filter((name) => /^(pass|fail).*\.(ya?ml|json)$/.test(name))
    it(`${id} has pass and fail fixtures`, () => {
      expect(files.some((name) => name.startsWith('fail'))).toBe(true)
      expect(files.some((name) => name.startsWith('pass'))).toBe(true)
    })
    for (const name of files) {
      it(`${id}/${name}`, () => {
        const text = readFileSync(new URL(name, dir), 'utf8')
        const findings = runRule(id, text, options, name)
        if (name.startsWith('fail')) expect(findings.length).toBeGreaterThan(0)
        else expect(findings).toEqual([])
        expect(runCatalogue(text, 'strict', name).filter((finding) => finding.ruleId === 'SLS002')).toEqual([])
      })
    }
  }
})
