// Smoke test: the built CLI, run as a user runs it, on the bundled examples.
import {execFileSync, spawnSync} from 'node:child_process'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const bin = path.join(root, 'bin/run.js')

describe('sls-eda lint (subprocess)', () => {
  it('lints the bundled examples and fails on their findings with exit code 1', () => {
    const result = spawnSync(process.execPath, [bin, 'lint', 'examples', '--format', 'json'], {cwd: root, encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}})
    expect(result.status).toBe(1)
    const report = JSON.parse(result.stdout)
    const ids = report.files.flatMap((file: {findings: Array<{ruleId: string}>}) => file.findings.map((f) => f.ruleId))
    expect(ids).toContain('SQS001')
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/)
  })

  it('prints its version', () => {
    expect(execFileSync(process.execPath, [bin, '--version'], {encoding: 'utf8'})).toMatch(/sls-eda\/\d+\.\d+\.\d+/)
  })
})
