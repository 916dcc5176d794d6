// `lint --cache`: unchanged files are served from the cache, anything that could change a result is linted again, and a bad cache file is never trusted.
import {spawn, spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {runLint} from '../../src/lint/run.js'

const root = path.resolve(import.meta.dirname, '../..')
const bin = path.join(root, 'bin/run.js')

/** A queue consumed by a function, without a DLQ: SQS001 (and others) fire on it. */
const QUEUE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::SQS::Queue
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/
      Events:
        Orders:
          Type: SQS
          Properties:
            Queue: !GetAtt Orders.Arn
`

const MARK = 'served from the cache'

interface Report {
  files: Array<{file: string; findings: Array<{ruleId: string; message: string}>}>
}

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sls-eda-cache-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text)
  return dir
}

async function lintJson(dir: string, extra: {cacheLocation?: string; config?: string; version?: string; cache?: boolean} = {}): Promise<Report> {
  const outcome = await runLint(
    [dir],
    {format: 'json', failLevel: 'error', json: true, cache: extra.cache ?? true, cacheLocation: extra.cacheLocation, config: extra.config},
    {cwd: dir, version: extra.version ?? '1.0.0'},
  )
  return outcome.json as Report
}

const messages = (report: Report): string[] => report.files.flatMap((file) => file.findings.map((finding) => finding.message))

const entries = (dir: string): string[] => readdirSync(dir).map((name) => path.join(dir, name))

/** Rewrites every cached finding's message, so a run that shows the mark was served from the cache. */
function markCache(dir: string): void {
  for (const file of entries(dir)) {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as {results: Array<{findings: Array<{message: string}>}>}
    for (const result of entry.results) for (const finding of result.findings) finding.message = MARK
    writeFileSync(file, JSON.stringify(entry))
  }
}

describe('lint --cache', () => {
  it('serves unchanged files from the cache and lints a changed file again', async () => {
    const dir = project({'a.yaml': QUEUE, 'b.yaml': QUEUE})
    const first = await lintJson(dir)
    expect(messages(first).length).toBeGreaterThan(0)
    expect(entries(path.join(dir, '.sls-eda-cache')).length).toBe(2)
    markCache(path.join(dir, '.sls-eda-cache'))
    const second = await lintJson(dir)
    expect(new Set(messages(second))).toEqual(new Set([MARK]))

    writeFileSync(path.join(dir, 'b.yaml'), QUEUE.replace('Orders:\n    Type: AWS::SQS::Queue', 'Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 180'))
    const third = await lintJson(dir)
    const byFile = Object.fromEntries(third.files.map((file) => [path.basename(file.file), file.findings.map((finding) => finding.message)]))
    expect(new Set(byFile['a.yaml'])).toEqual(new Set([MARK]))
    expect(byFile['b.yaml']!.length).toBeGreaterThan(0)
    expect(byFile['b.yaml']).not.toContain(MARK)
  })

  it('gives the same results from the cache as without it', async () => {
    const dir = project({'a.yaml': QUEUE})
    const plain = await lintJson(dir, {cache: false})
    await lintJson(dir)
    const cached = await lintJson(dir)
    expect(cached).toEqual(plain)
  })

  it('lints an application of linked templates again when any of its templates changes', async () => {
    const queues = `Resources:\n  Jobs:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 30\nOutputs:\n  JobsArn:\n    Value: !GetAtt Jobs.Arn\n    Export:\n      Name: jobs-arn\n`
    const worker = (timeout: number) =>
      `Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Timeout: ${timeout}\n      Events:\n        Jobs:\n          Type: SQS\n          Properties:\n            Queue: !ImportValue jobs-arn\n`
    const dir = project({'queues.yaml': queues, 'worker.yaml': worker(30)})
    const visibility = (report: Report): string[] => report.files.flatMap((file) => file.findings.filter((finding) => finding.ruleId === 'LMB011').map((finding) => finding.message))
    const first = await lintJson(dir)
    expect(visibility(first)).toHaveLength(1)
    markCache(path.join(dir, '.sls-eda-cache'))
    expect(new Set(messages(await lintJson(dir)))).toEqual(new Set([MARK]))
    // The queue's template is unchanged, but its consumer's timeout changed: the application is linted again.
    writeFileSync(path.join(dir, 'worker.yaml'), worker(3))
    const again = await lintJson(dir)
    expect(messages(again)).not.toContain(MARK)
    expect(visibility(again)).toHaveLength(0)
  })

  it('does not serve results without fix edits to a run that asks for them (--fix-edits)', async () => {
    const dir = project({'a.yaml': QUEUE})
    await lintJson(dir)
    const outcome = await runLint([dir], {format: 'json', failLevel: 'error', json: true, cache: true, fixEdits: true}, {cwd: dir, version: '1.0.0'})
    const findings = (outcome.json as {files: Array<{findings: Array<{autofix?: unknown}>}>}).files.flatMap((file) => file.findings)
    expect(findings.some((finding) => finding.autofix !== undefined)).toBe(true)
  })

  it('lints everything again when the configuration changes', async () => {
    const dir = project({'a.yaml': QUEUE, '.sls-eda.yml': 'rules:\n  SQS001: warning\n'})
    await lintJson(dir)
    markCache(path.join(dir, '.sls-eda-cache'))
    writeFileSync(path.join(dir, '.sls-eda.yml'), 'rules:\n  SQS001: error\n')
    expect(messages(await lintJson(dir))).not.toContain(MARK)
  })

  it("lints everything again when a rule's option changes", async () => {
    const dir = project({'a.yaml': QUEUE, '.sls-eda.yml': 'rules:\n  LMB017:\n    options:\n      days: 90\n'})
    await lintJson(dir)
    markCache(path.join(dir, '.sls-eda-cache'))
    expect(new Set(messages(await lintJson(dir)))).toEqual(new Set([MARK]))
    writeFileSync(path.join(dir, '.sls-eda.yml'), 'rules:\n  LMB017:\n    options:\n      days: 3650\n')
    expect(messages(await lintJson(dir))).not.toContain(MARK)
  })

  it('lints everything again under another version of sls-eda', async () => {
    const dir = project({'a.yaml': QUEUE})
    await lintJson(dir, {version: '1.0.0'})
    markCache(path.join(dir, '.sls-eda-cache'))
    expect(new Set(messages(await lintJson(dir, {version: '1.0.0'})))).toEqual(new Set([MARK]))
    expect(messages(await lintJson(dir, {version: '1.1.0'}))).not.toContain(MARK)
  })

  it('ignores and rewrites a corrupt cache entry, and never trusts results of the wrong shape', async () => {
    const dir = project({'a.yaml': QUEUE})
    const expected = await lintJson(dir, {cache: false})
    await lintJson(dir)
    const [entry] = entries(path.join(dir, '.sls-eda-cache'))
    writeFileSync(entry!, '{"format": 2, "key": "x", "resu')
    expect(await lintJson(dir)).toEqual(expected)
    expect(() => JSON.parse(readFileSync(entry!, 'utf8'))).not.toThrow()

    const document = JSON.parse(readFileSync(entry!, 'utf8')) as {results: unknown}
    document.results = [{file: 'a.yaml', findings: [{ruleId: 7}], unusable: false}]
    writeFileSync(entry!, JSON.stringify(document))
    expect(await lintJson(dir)).toEqual(expected)
  })

  it('keeps the cache in the folder --cache-location names', async () => {
    const dir = project({'a.yaml': QUEUE})
    await lintJson(dir, {cacheLocation: 'ci/lint-cache'})
    expect(entries(path.join(dir, 'ci/lint-cache')).length).toBe(1)
    expect(existsSync(path.join(dir, '.sls-eda-cache'))).toBe(false)
  })

  it('warns and still reports when the cache cannot be written', async () => {
    const dir = project({'a.yaml': QUEUE, blocker: 'a file, not a folder'})
    const outcome = await runLint([path.join(dir, 'a.yaml')], {format: 'json', failLevel: 'error', json: true, cache: true, cacheLocation: 'blocker/cache'}, {cwd: dir, version: '1.0.0'})
    expect(outcome.warnings.join('\n')).toMatch(/cannot write the lint cache in .*blocker/)
    expect(messages(outcome.json as Report).length).toBeGreaterThan(0)
    expect(outcome.exitCode).toBe(1)
  })

  it('keeps whole cache entries when three processes write them at once (the last writer wins)', async () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 12; i++) files[`t${i}.yaml`] = QUEUE.replaceAll('Orders', `Orders${i}`)
    const dir = project(files)
    const cache = path.join(dir, 'shared-cache')
    const run = (names: string[]): Promise<number | null> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [bin, 'lint', ...names, '--cache', '--cache-location', cache, '--format', 'json'], {cwd: dir, stdio: 'ignore'})
        child.on('close', resolve)
      })
    const names = Object.keys(files)
    for (let round = 0; round < 3; round++) {
      const codes = await Promise.all([run(names.slice(0, 6)), run(names.slice(6)), run(names)])
      expect(codes).toEqual([1, 1, 1])
      const written = entries(cache)
      expect(written.length).toBe(12)
      for (const file of written) expect(() => JSON.parse(readFileSync(file, 'utf8'))).not.toThrow()
    }
    // And the file the race left is a usable cache: a cached run agrees with a plain one.
    const plain = spawnSync(process.execPath, [bin, 'lint', ...names, '--format', 'json'], {cwd: dir, encoding: 'utf8'})
    const cached = spawnSync(process.execPath, [bin, 'lint', ...names, '--cache', '--cache-location', cache, '--format', 'json'], {cwd: dir, encoding: 'utf8'})
    expect(cached.status).toBe(plain.status)
    expect(JSON.parse(cached.stdout).files).toEqual(JSON.parse(plain.stdout).files)
  })
})
