// `sls-eda lint --fix`, `--fix-dry-run` and `--unsafe-fixes` the way a user runs them: a real subprocess on real files.
import {execFileSync, spawnSync} from 'node:child_process'
import {cpSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {writeFixedFile} from '../../src/fix/apply.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const BIN = path.join(ROOT, 'bin/run.js')

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
# Orders service
Globals:
  Function:
    Runtime: nodejs22.x   # pinned on purpose
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      CodeUri: src/
`

function project(text = TEMPLATE): {dir: string; file: string} {
  const dir = mkdtempSync(path.join(tmpdir(), 'sls-eda-fix-cli-'))
  const file = path.join(dir, 'template.yaml')
  writeFileSync(file, text)
  return {dir, file}
}

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [BIN, 'lint', ...args], {cwd, encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}})
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

describe('lint --fix', () => {
  it('--fix-dry-run prints a unified diff, writes nothing, and exits 1 when there is something to fix', () => {
    const {dir, file} = project()
    const out = run(['--rule', 'LMB004', '--rule', 'LMB005', '--fix-dry-run', 'template.yaml'], dir)
    expect(out.code).toBe(1)
    expect(out.stdout).toContain('--- a/template.yaml')
    expect(out.stdout).toContain('+      MemorySize: 128')
    expect(out.stdout).toContain('+      Timeout: 3')
    expect(out.stderr).toContain('2 problems would be fixed in 1 file')
    expect(readFileSync(file, 'utf8')).toBe(TEMPLATE)
    // The alias, as Ruff spells it.
    expect(run(['--rule', 'LMB004', '--diff', 'template.yaml'], dir).stdout).toContain('+      MemorySize: 128')
  })

  it('--fix writes safe fixes only, keeps comments and layout, and a second run changes nothing', () => {
    const {dir, file} = project()
    const out = run(['--rule', 'LMB001', '--rule', 'LMB004', '--fix', 'template.yaml'], dir)
    expect(out.stderr).toContain('fixed 1 problem in 1 file')
    const fixed = readFileSync(file, 'utf8')
    expect(fixed).toBe(TEMPLATE.replace('      CodeUri: src/\n', '      CodeUri: src/\n      MemorySize: 128\n'))
    // Tracing costs money: it waits for --unsafe-fixes, and says so.
    expect(out.stdout).toContain('[~]')
    expect(out.stdout).toContain('1 problem fixable with --fix --unsafe-fixes')
    run(['--rule', 'LMB001', '--rule', 'LMB004', '--fix', 'template.yaml'], dir)
    expect(readFileSync(file, 'utf8')).toBe(fixed)
  })

  it('--unsafe-fixes applies unsafe fixes, in Globals when the property comes from there', () => {
    const {dir, file} = project(TEMPLATE.replace('    Runtime: nodejs22.x   # pinned on purpose\n', '    Runtime: nodejs22.x   # pinned on purpose\n    Tracing: PassThrough\n'))
    const out = run(['--rule', 'LMB001', '--fix', '--unsafe-fixes', 'template.yaml'], dir)
    expect(out.code).toBe(0)
    expect(readFileSync(file, 'utf8')).toContain('    Runtime: nodejs22.x   # pinned on purpose\n    Tracing: Active\n')
    expect(readFileSync(file, 'utf8')).not.toContain('      Tracing:')
  })

  it('stylish marks fixable findings and counts them; JSON and SARIF carry the edits with --fix-edits', () => {
    const {dir} = project()
    const stylish = run(['--rule', 'LMB004', 'template.yaml'], dir).stdout
    expect(stylish).toContain('[*]')
    expect(stylish).toContain('1 problem fixable with --fix')
    const plain = JSON.parse(run(['--rule', 'LMB004', '--format', 'json', 'template.yaml'], dir).stdout)
    expect(plain.files[0].findings[0]).toMatchObject({fixable: 'safe'})
    expect(plain.files[0].findings[0].autofix).toBeUndefined()
    const json = JSON.parse(run(['--rule', 'LMB004', '--format', 'json', '--fix-edits', 'template.yaml'], dir).stdout)
    const fix = json.files[0].findings[0].autofix
    expect(fix.applicability).toBe('safe')
    expect(fix.edits[0]).toMatchObject({text: '      MemorySize: 128\n', line: 12, column: 1})
    const sarif = JSON.parse(run(['--rule', 'LMB004', '--format', 'sarif', '--fix-edits', 'template.yaml'], dir).stdout)
    const change = sarif.runs[0].results[0].fixes[0].artifactChanges[0]
    expect(change.artifactLocation.uri).toBe('template.yaml')
    expect(change.replacements[0]).toMatchObject({deletedRegion: {startLine: 12, startColumn: 1, endLine: 12, endColumn: 1}, insertedContent: {text: '      MemorySize: 128\n'}})
  })

  it('a CDK cloud assembly is never changed; findings show the construct property instead', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sls-eda-fix-cdk-'))
    cpSync(path.join(ROOT, 'test/fixtures/cdk/orders-app'), dir, {recursive: true})
    const before = execFileSync('sh', ['-c', 'cat cdk.out/*.json cdk.out/*/*.json | sha256sum'], {cwd: dir, encoding: 'utf8'})
    const out = run(['--rule', 'SQS001', '--fix', '--unsafe-fixes', 'cdk.out'], dir)
    expect(out.stderr).toContain('is a synthesized CDK cloud assembly')
    expect(out.stdout).toContain('cdk: deadLetterQueue: {queue: dlq, maxReceiveCount: 5} (construct Prod/Billing/Invoices/Resource)')
    expect(execFileSync('sh', ['-c', 'cat cdk.out/*.json cdk.out/*/*.json | sha256sum'], {cwd: dir, encoding: 'utf8'})).toBe(before)
  })

  it('refuses to write a file that changed since it was read, and never leaves a temporary file', () => {
    const {dir, file} = project()
    writeFileSync(file, TEMPLATE + '# edited meanwhile\n')
    expect(() => writeFixedFile(file, TEMPLATE, TEMPLATE + 'x')).toThrow(/changed since it was read/)
    expect(readFileSync(file, 'utf8')).toBe(TEMPLATE + '# edited meanwhile\n')
    writeFixedFile(file, TEMPLATE + '# edited meanwhile\n', 'new text\n')
    expect(readFileSync(file, 'utf8')).toBe('new text\n')
    expect(execFileSync('ls', ['-a', dir], {encoding: 'utf8'})).not.toContain('sls-eda-fix')
  })
})

describe('the README --fix example', () => {
  it('is what --fix --unsafe-fixes writes', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
    const section = readme.slice(readme.indexOf('### Fixing (`--fix`)'), readme.indexOf('### Output formats'))
    const [before, after] = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!)
    const {dir, file} = project(before)
    run(['--fix', '--unsafe-fixes', '--rule', 'sqs-queue-without-dlq', '--rule', 'lambda-memory-size-not-set', '--rule', 'lambda-batch-without-partial-failures', 'template.yaml'], dir)
    expect(readFileSync(file, 'utf8')).toBe(after)
  })
})
