// `sls-eda new` through the built CLI, as a user runs it: --list, --dry-run, errors that list valid values, a real project.
import {existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {PATTERNS} from '../../src/scaffold/patterns.js'
import {ROOT, runCli, STACK_TRACE} from './cli.js'

const temp = () => mkdtempSync(path.join(tmpdir(), 'sls-eda-new-'))
/** oclif wraps error messages to the terminal width with ` ›   ` prefixes; compare the words only. */
const words = (text: string): string => text.replace(/\s*›\s*/g, ' ').replace(/\s+/g, ' ')

describe('sls-eda new (subprocess)', () => {
  it('creates a SAM queue worker as a user runs it, then refuses to write over it', () => {
    const cwd = temp()
    const result = runCli(['new', 'queue-worker', '--iac', 'sam', '--name', 'orders-worker'], {cwd})
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('Created queue-worker (sam, typescript) in orders-worker')
    const dir = path.join(cwd, 'orders-worker')
    for (const file of ['template.yaml', 'package.json', '.gitignore', 'README.md', 'src/handlers/worker.ts', 'test/worker.test.ts', 'events/sqs-batch.json']) {
      expect(existsSync(path.join(dir, file)), file).toBe(true)
    }
    expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).name).toBe('orders-worker')
    expect(readdirSync(cwd)).toEqual(['orders-worker'])

    const again = runCli(['new', 'queue-worker', '--iac', 'sam', '--name', 'orders-worker'], {cwd})
    expect(again.status).toBe(2)
    expect(words(again.stderr)).toContain('is not empty')
    expect(words(again.stderr)).toContain('--force')
    expect(again.stderr).not.toMatch(STACK_TRACE)
  })

  it('run from this checkout, makes projects that install sls-eda from the checkout, and says so', () => {
    const cwd = temp()
    const sam = runCli(['new', 'queue-worker', '--iac', 'sam', '--name', 'orders-worker'], {cwd})
    expect(sam.stdout).toContain(`(sls-eda is installed from ${realpathSync(ROOT)}, as this one was)`)
    const manifest = JSON.parse(readFileSync(path.join(cwd, 'orders-worker', 'package.json'), 'utf8')) as {devDependencies: Record<string, string>}
    expect(manifest.devDependencies['sls-eda']).toBe(`file:${realpathSync(ROOT)}`)
    // A Python SAM project has no package.json: the next steps and its README run this sls-eda with npx.
    const python = runCli(['new', 'queue-worker', '--iac', 'sam', '--language', 'python', '--name', 'py-worker'], {cwd})
    const npx = `npx --package ${realpathSync(ROOT)} sls-eda lint template.yaml --fail-level warning`
    expect(python.stdout).toContain(npx)
    expect(readFileSync(path.join(cwd, 'py-worker', 'README.md'), 'utf8')).toContain(npx)
  })

  it('--language python writes Python handlers, pytest tests and a pyproject.toml, and no Node.js project', () => {
    const cwd = temp()
    const result = runCli(['new', 'queue-worker', '--iac', 'sam', '--language', 'python', '--name', 'orders-worker'], {cwd})
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('Created queue-worker (sam, python) in orders-worker')
    expect(result.stdout).toContain('pytest')
    const dir = path.join(cwd, 'orders-worker')
    for (const file of ['template.yaml', 'pyproject.toml', 'src/requirements.txt', 'src/handlers/worker.py', 'tests/test_worker.py', '.gitignore', 'README.md']) {
      expect(existsSync(path.join(dir, file)), file).toBe(true)
    }
    expect(existsSync(path.join(dir, 'package.json'))).toBe(false)
    expect(readFileSync(path.join(dir, 'template.yaml'), 'utf8')).toContain('Runtime: python3.13')
    expect(readFileSync(path.join(dir, 'pyproject.toml'), 'utf8')).toContain('name = "orders-worker"')
  })

  it('refuses an unknown --language, or a runtime of another language, with exit 2 and the valid values', () => {
    const unknown = runCli(['new', 'saga', '--iac', 'sam', '--language', 'cobol'], {cwd: temp()})
    expect(unknown.status).toBe(2)
    expect(words(unknown.stderr)).toContain('unknown --language "cobol"; valid values: typescript, python')
    const json = runCli(['new', 'saga', '--iac', 'sam', '--language', 'cobol', '--json'], {cwd: temp()})
    expect(json.status).toBe(2)
    const runtime = runCli(['new', 'saga', '--iac', 'sam', '--language', 'python', '--runtime', 'nodejs24.x'], {cwd: temp()})
    expect(runtime.status).toBe(2)
    expect(words(runtime.stderr)).toContain('valid values: python3.13, python3.12')
  })

  it('--help lists the languages', () => {
    const help = runCli(['new', '--help'])
    expect(help.status).toBe(0)
    expect(words(help.stdout)).toContain('--language')
    expect(words(help.stdout)).toContain('typescript, python')
  })

  it('--list names every pattern with its summary', () => {
    const result = runCli(['new', '--list'])
    expect(result.status).toBe(0)
    for (const pattern of PATTERNS) expect(result.stdout).toContain(pattern.name)
    const json = runCli(['new', '--list', '--json'])
    expect(JSON.parse(json.stdout).patterns.map((pattern: {name: string}) => pattern.name)).toEqual(PATTERNS.map((pattern) => pattern.name))
  })

  it('--dry-run lists the files and writes nothing', () => {
    const cwd = temp()
    const result = runCli(['new', 'saga', '--iac', 'cdk', '--dir', 'services/booking', '--dry-run'], {cwd})
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('Would write')
    expect(result.stdout).toContain('lib/stack.ts')
    expect(result.stdout).toContain('statemachine/booking.asl.json')
    expect(readdirSync(cwd)).toEqual([])
    const json = JSON.parse(runCli(['new', 'saga', '--iac', 'cdk', '--dir', 'services/booking', '--dry-run', '--json'], {cwd}).stdout)
    expect(json).toMatchObject({pattern: 'saga', iac: 'cdk', name: 'booking', written: false})
    expect(json.files).toContain('bin/app.ts')
  })

  it('without a terminal, a missing argument is an error listing the valid values (exit 2), not a question', () => {
    const missingPattern = runCli(['new', '--iac', 'sam'], {cwd: temp()})
    expect(missingPattern.status).toBe(2)
    expect(words(missingPattern.stderr)).toContain('valid patterns: queue-worker, saga, outbox, webhook')
    const missingIac = runCli(['new', 'saga', '--json'], {cwd: temp()})
    expect(missingIac.status).toBe(2)
    expect(words(missingIac.stdout + missingIac.stderr)).toContain('valid values: sam, cdk')
  })

  it('refuses unknown values and bad names with exit 2 and what is allowed', () => {
    const unknown = runCli(['new', 'monolith', '--iac', 'sam'], {cwd: temp()})
    expect(unknown.status).toBe(2)
    expect(words(unknown.stderr)).toContain('unknown pattern "monolith"')
    const traversal = runCli(['new', 'saga', '--iac', 'sam', '--name', '../../etc'], {cwd: temp()})
    expect(traversal.status).toBe(2)
    expect(words(traversal.stderr)).toContain('lowercase letters, digits and single hyphens')
    const arch = runCli(['new', 'saga', '--iac', 'sam', '--arch', 'mips'], {cwd: temp()})
    expect(arch.status).toBe(2)
    expect(words(arch.stderr)).toContain('arm64, x86_64')
  })

  it('--force writes into a non-empty folder and keeps the files that were there', () => {
    const cwd = temp()
    writeFileSync(path.join(cwd, 'NOTES.md'), 'mine')
    const result = runCli(['new', 'webhook', '--iac', 'sam', '--dir', '.', '--name', 'hooks', '--force'], {cwd})
    expect(result.status).toBe(0)
    expect(readFileSync(path.join(cwd, 'NOTES.md'), 'utf8')).toBe('mine')
    expect(existsSync(path.join(cwd, 'template.yaml'))).toBe(true)
  })
})
