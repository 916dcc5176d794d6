// Terminal manners through the built CLI: colour decided by a real pseudo-terminal, NO_COLOR, FORCE_COLOR and --color/--no-color; wrapping to the terminal's width; docs links that lead to a page; contradictory flags refused.
import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

import {describe, expect, it} from 'vitest'

import {tempProject} from '../helpers/lint.js'
import {QUEUE_WITHOUT_DLQ} from '../report/input.js'
import {BIN, ROOT, runCli} from './cli.js'

/** Matches any ANSI colour or style escape. */
const ESCAPE = /\u001b\[\d+(;\d+)*m/
const INVENTORY = path.join(ROOT, 'examples/audit/inventory.json')

/** The environment of a user's shell: none of the colour variables the test runner sets. */
function plainEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {...process.env, TERM: 'xterm-256color', ...extra}
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'COLORTERM', 'CI']) if (!(name in extra)) delete env[name]
  return env
}

/** util-linux `script` gives the CLI a real pseudo-terminal (stdout.isTTY, columns from `stty`). */
const HAS_SCRIPT = spawnSync('script', ['--version'], {encoding: 'utf8'}).status === 0

const quote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`

/** Runs the CLI on a pseudo-terminal of `columns` columns; returns what the terminal showed, without carriage returns. */
function onTerminal(args: string[], options: {cwd: string; columns?: number; env?: Record<string, string>}): {status: number | null; output: string} {
  const command = `stty cols ${options.columns ?? 100} rows 50; exec ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')}`
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {cwd: options.cwd, encoding: 'utf8', timeout: 30_000, env: plainEnv(options.env)})
  return {status: result.status, output: (result.stdout ?? '').replace(/\r/g, '')}
}

/** Runs the CLI with its output piped, in a user's environment plus `env`. */
function piped(args: string[], cwd: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], {cwd, encoding: 'utf8', timeout: 30_000, env: plainEnv(env)})
}

describe.skipIf(!HAS_SCRIPT)('colour on a real terminal (script(1) pseudo-terminal)', () => {
  const dir = tempProject({'template.yaml': QUEUE_WITHOUT_DLQ})

  it.each([
    ['lint (fast path)', ['lint'], {}],
    ['lint (oclif)', ['lint'], {SLS_EDA_NO_FAST_PATH: '1'}],
    ['audit', ['audit', '--from-inventory', INVENTORY], {}],
    ['rules show', ['rules', 'show', 'SQS001'], {}],
  ])('%s is coloured on a terminal, and not with NO_COLOR=1 or --no-color', (_name, args, env) => {
    expect(onTerminal(args, {cwd: dir, env}).output).toMatch(ESCAPE)
    expect(onTerminal(args, {cwd: dir, env: {...env, NO_COLOR: '1'}}).output).not.toMatch(ESCAPE)
    expect(onTerminal([...args, '--no-color'], {cwd: dir, env}).output).not.toMatch(ESCAPE)
    expect(onTerminal(args, {cwd: dir, env: {...env, FORCE_COLOR: '0'}}).output).not.toMatch(ESCAPE)
  })

  it('an empty NO_COLOR does not turn colour off (no-color.org)', () => {
    expect(onTerminal(['lint'], {cwd: dir, env: {NO_COLOR: ''}}).output).toMatch(ESCAPE)
  })

  it.each([60, 100])('stylish output is wrapped to the width of a %i-column terminal, links unbroken', (columns) => {
    const {status, output} = onTerminal(['lint'], {cwd: dir, columns})
    expect(status).toBe(1)
    const lines = output.replace(new RegExp(ESCAPE.source, 'g'), '').split('\n')
    // A link is one word: it may run past the edge, but is never broken.
    expect(lines.filter((line) => !line.includes('https://')).every((line) => line.length <= columns)).toBe(true)
    expect(lines.some((line) => /https:\/\/\S+\/SQS001\.md$/.test(line))).toBe(true)
    // The continuation of a message sits under its start, not at the left edge.
    expect(lines.filter((line) => /^\S/.test(line)).every((line) => /template\.yaml|✖/.test(line))).toBe(true)
  })
})

describe('colour when piped (subprocess)', () => {
  const dir = tempProject({'template.yaml': QUEUE_WITHOUT_DLQ})

  it.each([
    ['no variable', {}, false],
    ['FORCE_COLOR=1', {FORCE_COLOR: '1'}, true],
    ['FORCE_COLOR=1 wins over NO_COLOR=1', {FORCE_COLOR: '1', NO_COLOR: '1'}, true],
  ])('lint with %s', (_name, env, coloured) => {
    const result = piped(['lint'], dir, env)
    expect(result.status).toBe(1)
    expect(ESCAPE.test(result.stdout)).toBe(coloured)
  })

  it.each([[[]], [['SLS_EDA_NO_FAST_PATH']]])('--color forces colour into a pipe, --no-color wins over FORCE_COLOR (%j)', (flags) => {
    const env = Object.fromEntries(flags.map((name) => [name, '1']))
    expect(piped(['lint', '--color'], dir, env).stdout).toMatch(ESCAPE)
    expect(piped(['lint', '--no-color'], dir, {...env, FORCE_COLOR: '1'}).stdout).not.toMatch(ESCAPE)
  })

  it('a report written to a file never holds colour', () => {
    const result = piped(['lint', '--color', '-o', 'report.txt'], dir)
    expect(result.status).toBe(1)
    expect(spawnSync('cat', [path.join(dir, 'report.txt')], {encoding: 'utf8'}).stdout).not.toMatch(ESCAPE)
  })

  it('piped output is not wrapped: one finding, one line', () => {
    const lines = runCli(['lint'], {cwd: dir}).stdout.split('\n')
    expect(lines.some((line) => /^\s+\d+:\d+\s+error\s+Queue .* SQS001 sqs-queue-without-dlq( \[[*~]\])?$/.test(line) && line.length > 100)).toBe(true)
  })
})

describe('docs links lead to a page (subprocess)', () => {
  const dir = tempProject({'template.yaml': QUEUE_WITHOUT_DLQ})

  it("stylish output shows each finding's docs link, a page of docs/rules", () => {
    const result = runCli(['lint'], {cwd: dir})
    const link = /^\s+docs: (https:\/\/github\.com\/sls-eda\/sls-eda\/blob\/main\/docs\/rules\/(\w+)\.md)$/m.exec(result.stdout)
    expect(link).not.toBeNull()
    expect(existsSync(path.join(ROOT, 'docs/rules', `${link![2]}.md`))).toBe(true)
  })

  it('SLS_EDA_DOCS_URL points the links elsewhere, e.g. at the pages installed with the package', () => {
    const base = pathToFileURL(path.join(ROOT, 'docs/rules')).href
    const report = JSON.parse(runCli(['lint', '-f', 'json'], {cwd: dir, env: {SLS_EDA_DOCS_URL: `${base}/`}}).stdout) as {files: Array<{findings: Array<{docsUrl: string}>}>}
    const urls = report.files.flatMap((file) => file.findings.map((finding) => finding.docsUrl))
    expect(urls.length).toBeGreaterThan(0)
    for (const url of urls) expect(existsSync(fileURLToPath(url))).toBe(true)
  })

  it('the package ships the rule pages (npm pack)', () => {
    const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {cwd: ROOT, encoding: 'utf8', timeout: 60_000})
    const files = (JSON.parse(pack.stdout) as Array<{files: Array<{path: string}>}>)[0]!.files.map((file) => file.path)
    expect(files).toContain('docs/rules/README.md')
    expect(files).toContain('docs/rules/SQS001.md')
    expect(files).toContain('examples/audit/inventory.json')
  })
})

describe('contradictory flags are refused with exit code 2 (subprocess)', () => {
  const dir = tempProject({'template.yaml': QUEUE_WITHOUT_DLQ})
  const oneLine = (stderr: string): string => stderr.replace(/\s*\n\s*›\s*/g, ' ')

  it.each([
    [['lint', '--json', '-f', 'sarif'], /--json and --format sarif cannot be used together/],
    [['lint', '-f', 'junit', '--json'], /--json and --format junit cannot be used together/],
    [['lint', '--json', '--output', 'report.json'], /--json and --output cannot be used together/],
    [['audit', '--from-inventory', INVENTORY, '--json', '-f', 'sarif'], /--json and --format sarif cannot be used together/],
    [['tune', 'orders-worker', '--apply', '--dry-run'], /--(apply|dry-run)=true cannot also be provided when using --(dry-run|apply)/],
  ])('%j', (args, message) => {
    const result = runCli(args, {cwd: dir})
    expect(result.status).toBe(2)
    // Under --json the error is the JSON document on standard output, as for every oclif command.
    expect(oneLine(result.stderr) + result.stdout).toMatch(message)
  })

  it('--json with --format json is the same request twice, not a contradiction', () => {
    const result = runCli(['lint', '--json', '-f', 'json'], {cwd: dir})
    expect(result.status).toBe(1)
    expect(JSON.parse(result.stdout)).toMatchObject({tool: 'sls-eda'})
  })
})
