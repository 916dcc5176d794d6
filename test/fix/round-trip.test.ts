// --fix over every template of the repository (fixtures and examples, CDK assemblies included): files without a fix stay byte-identical, fixed files change only where a fix wrote, still parse, and a second run changes nothing.
import {cpSync, mkdtempSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {diffWordsWithSpace} from 'diff'
import {describe, expect, it} from 'vitest'

import {DEFAULT_CONFIG} from '../../src/engine/config.js'
import {lint} from '../../src/lint/lint.js'
import {CATALOGUE} from '../../src/rules/index.js'
import {FIXED_NOW} from '../helpers/lint.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const TEMPLATE = /\.(ya?ml|json|template)$/

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (name === 'node_modules') return []
    return statSync(full).isDirectory() ? files(full) : TEMPLATE.test(name) ? [full] : []
  })
}

function snapshot(dir: string): Map<string, string> {
  return new Map(files(dir).map((file) => [path.relative(dir, file), readFileSync(file, 'utf8')]))
}

/**
 * What a fix removed from a file: only scalar values it replaced (`PassThrough` → `Active`, `false` → `true`)
 * or a JSON closing bracket that gains a comma. A removed key, comment or line of its own is a bug.
 */
function removedOtherThanValues(before: string, after: string): string[] {
  return diffWordsWithSpace(before, after)
    .filter((part) => part.removed)
    .map((part) => part.value)
    .filter((value) => value.includes('#') || value.includes('\n') || /[\w"']\s*:(\s|$)/.test(value))
}

describe('--fix round trip over every template in the repository', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'sls-eda-roundtrip-'))
  for (const dir of ['test/fixtures', 'examples']) cpSync(path.join(ROOT, dir), path.join(work, dir), {recursive: true})
  const before = snapshot(work)
  const config = {...DEFAULT_CONFIG, preset: 'strict' as const}
  const run = () => lint({paths: [work], config, catalogue: CATALOGUE, cwd: work, now: FIXED_NOW, fix: {write: true, unsafe: true}})

  it('changes only what fixes write, keeps every file parseable, and is idempotent', {timeout: 600_000}, () => {
    const first = run()
    const after = snapshot(work)
    const fixedFiles = new Set(first.files.filter((file) => file.fix && file.fix.applied > 0).map((file) => path.relative(work, file.file)))
    expect(fixedFiles.size).toBeGreaterThan(0)
    for (const [file, text] of before) {
      const now = after.get(file)
      if (!fixedFiles.has(file)) {
        expect(now, `${file} had nothing to fix and must be byte-identical`).toBe(text)
        continue
      }
      expect(removedOtherThanValues(text, now!), `${file}: only values a fix replaced may go`).toEqual([])
    }
    // Nothing a fix wrote makes a file unusable.
    const broken = first.files.filter((file) => file.fix && file.fix.applied > 0 && file.findings.some((finding) => finding.ruleId === 'SLS001'))
    expect(broken.map((file) => file.file)).toEqual([])
    const second = run()
    expect(
      second.files.filter((file) => file.fix && file.fix.applied > 0).map((file) => `${path.relative(work, file.file)} ${file.fix!.applied} ${file.fix!.passes}`),
      'a second run fixes nothing',
    ).toEqual([])
    expect(snapshot(work)).toEqual(after)
  })
})
