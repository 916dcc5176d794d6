// A large report on standard output arrives whole when the run exits with a failing code, whatever stdout is (here a socket, as spawn makes it).
import {spawn} from 'node:child_process'
import {copyFileSync, mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {expect, it} from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')

function run(args: string[], env: Record<string, string>): Promise<{code: number | null; stdout: string}> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/run.js'), ...args], {env: {...process.env, NO_COLOR: '1', ...env}})
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.on('close', (code) => resolve({code, stdout}))
  })
}

it('prints the whole JSON report of a failing run through the full CLI, not the first few hundred kilobytes', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sls-eda-large-report-'))
  const templates = ['cfn-payments/template.json', 'sam-orders/template.yaml', 'well-architected/template.yaml']
  for (let i = 0; i < 60; i++) for (const name of templates) copyFileSync(path.join(root, 'examples', name), path.join(dir, `${i}-${name.replace('/', '-')}`))
  const result = await run(['lint', dir, '-f', 'json'], {SLS_EDA_NO_FAST_PATH: '1'})
  expect(result.code).toBe(1)
  expect(result.stdout.length).toBeGreaterThan(300_000)
  const report = JSON.parse(result.stdout) as {files: unknown[]}
  expect(report.files).toHaveLength(60 * templates.length)
}, 60_000)
