// The GitHub Action (action.yml): its inputs and steps call flags `sls-eda lint` has, and its shell steps, run as the runner runs them, lint, write SARIF and fail the job on findings.
import {spawnSync} from 'node:child_process'
import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import Lint from '../../src/commands/lint.js'

const root = path.resolve(import.meta.dirname, '../..')

interface Step {
  id?: string
  name: string
  uses?: string
  run?: string
  shell?: string
  if?: string
  env?: Record<string, string>
  with?: Record<string, string>
  'working-directory'?: string
}

interface Action {
  inputs: Record<string, {description: string; required?: boolean; default?: string}>
  outputs: Record<string, {value: string}>
  runs: {using: string; steps: Step[]}
}

const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as Action
const step = (id: string): Step => action.runs.steps.find((candidate) => candidate.id === id)!
const lintFlags = Lint.flags as Record<string, {char?: string; options?: readonly string[]; default?: unknown}>

/** What the runner knows when it evaluates `${{ … }}`: inputs (with their defaults), step outputs, github.* and runner.*. */
interface Context {
  inputs: Record<string, string>
  steps: Record<string, Record<string, string>>
  github: Record<string, string>
  runner: Record<string, string>
}

function lookup(context: Context, name: string): string {
  const [scope, ...rest] = name.split('.')
  if (scope === 'steps') return context.steps[rest[0]!]?.[rest[2]!] ?? ''
  const table = context[scope as 'inputs' | 'github' | 'runner'] as Record<string, string> | undefined
  if (!table) throw new Error(`action.yml uses an unknown context: ${name}`)
  return table[rest.join('.')] ?? ''
}

/** GitHub's expression syntax, as far as action.yml uses it: context values, 'literals', ==, != and &&, and !cancelled(). */
function evaluate(expression: string, context: Context): string | boolean {
  const value = (operand: string): string => {
    const literal = /^'(.*)'$/.exec(operand)
    if (literal) return literal[1]!
    if (/^(inputs|steps|github|runner)\.[\w.-]+$/.test(operand)) return lookup(context, operand)
    throw new Error(`action.yml uses an expression this test does not evaluate: ${operand}`)
  }
  const terms = expression.split('&&').map((term) => term.trim())
  if (terms.length === 1 && !/[!=]=/.test(terms[0]!) && terms[0] !== '!cancelled()') return value(terms[0]!)
  return terms.every((term) => {
    if (term === '!cancelled()') return true
    const comparison = /^(.+?)\s*([!=])=\s*(.+)$/.exec(term)
    if (!comparison) throw new Error(`action.yml uses a condition this test does not evaluate: ${term}`)
    return (value(comparison[1]!.trim()) === value(comparison[3]!.trim())) === (comparison[2] === '=')
  })
}

const substitute = (text: string, context: Context): string => text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => String(evaluate(expression, context)))

/** Whether the runner would run the step (no `if:` means success()). */
const shouldRun = (candidate: Step, context: Context): boolean => candidate.if === undefined || evaluate(candidate.if.replace(/^\$\{\{\s*|\s*\}\}$/g, ''), context) === true

/** Runs a `run:` step with bash, as the runner does: its env with expressions filled in, GITHUB_OUTPUT collected into the step's outputs. */
function runStep(candidate: Step, context: Context, workspace: string) {
  const outputFile = path.join(workspace, `${candidate.id ?? 'step'}.output`)
  writeFileSync(outputFile, '')
  const env: NodeJS.ProcessEnv = {PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', GITHUB_OUTPUT: outputFile}
  for (const [key, value] of Object.entries(candidate.env ?? {})) env[key] = substitute(String(value), context)
  const cwd = path.resolve(workspace, substitute(candidate['working-directory'] ?? '.', context))
  const result = spawnSync('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', candidate.run!], {cwd, env, encoding: 'utf8'})
  const outputs = Object.fromEntries(
    readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  )
  if (candidate.id) context.steps[candidate.id] = outputs
  return {status: result.status, stdout: result.stdout, stderr: result.stderr, outputs}
}

/** A repository with a template that fails (errors) and one that passes, and the action's context with `inputs` over the defaults. */
function setUp(inputs: Record<string, string>) {
  const workspace = mkdtempSync(path.join(tmpdir(), 'sls-eda-action-'))
  mkdirSync(path.join(workspace, 'repo', 'orders'), {recursive: true})
  mkdirSync(path.join(workspace, 'repo', 'clean'), {recursive: true})
  copyFileSync(path.join(root, 'examples', 'sam-orders', 'template.yaml'), path.join(workspace, 'repo', 'orders', 'template.yaml'))
  copyFileSync(path.join(root, 'examples', 'well-architected', 'template.yaml'), path.join(workspace, 'repo', 'clean', 'template.yaml'))
  const defaults = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default ?? '']))
  const context: Context = {
    inputs: {...defaults, 'working-directory': 'repo', ...inputs},
    // The install step's own output when it installs this action's source, which is this checkout (built before the tests run).
    steps: {install: {bin: path.join(root, 'bin', 'run.js')}},
    github: {action_path: root, workspace: path.join(workspace, 'repo')},
    runner: {temp: path.join(workspace, 'runner-temp')},
  }
  return {workspace, context}
}

/** The lint step, then the steps after it as the runner would decide them: the upload (not run here, only whether it would) and the failing step. */
function runAction(inputs: Record<string, string>) {
  const {workspace, context} = setUp(inputs)
  const lint = runStep(step('lint'), context, workspace)
  const steps = action.runs.steps
  const after = steps.slice(steps.indexOf(step('lint')) + 1)
  const upload = after.find((candidate) => candidate.uses?.startsWith('github/codeql-action/upload-sarif'))!
  const fail = after.find((candidate) => candidate.run !== undefined)!
  const failed = shouldRun(fail, context) ? runStep(fail, context, workspace) : undefined
  const sarifFile = context.steps.lint?.['sarif-file']
  return {lint, context, wouldUpload: shouldRun(upload, context), uploads: upload.with && substitute(upload.with.sarif_file!, context), failed, sarifFile, workspace}
}

describe('action.yml', () => {
  it('is a composite action that sets up Node.js, installs sls-eda, lints and uploads SARIF to code scanning', () => {
    expect(action.runs.using).toBe('composite')
    const uses = action.runs.steps.map((candidate) => candidate.uses?.replace(/@.*/, '')).filter(Boolean)
    expect(uses).toEqual(['actions/setup-node', 'github/codeql-action/upload-sarif'])
    expect(action.runs.steps.map((candidate) => candidate.id).filter(Boolean)).toEqual(['install', 'lint'])
    for (const candidate of action.runs.steps) if (candidate.run) expect(candidate.shell, candidate.name).toBe('bash')
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['paths', 'fail-level', 'config']))
  })

  it('passes inputs to the scripts through env, never pasted into the script (no injection from a branch name or path)', () => {
    for (const candidate of action.runs.steps) if (candidate.run) expect(candidate.run, candidate.name).not.toContain('${{')
  })

  it('calls only flags sls-eda lint has, with values it accepts', () => {
    const script = step('lint').run!
    const used = [...script.matchAll(/(?<![\w-])--([a-z][a-z-]*)/g)].map((match) => match[1]!)
    expect(used).toEqual(expect.arrayContaining(['format', 'output', 'fail-level', 'config']))
    for (const flag of used) expect(Object.keys(lintFlags), `--${flag}`).toContain(flag)
    expect(lintFlags.format!.options).toContain(/--format (\w+)/.exec(script)![1])
    expect(lintFlags['fail-level']!.options).toContain(action.inputs['fail-level']!.default)
    // The input's description lists exactly the levels the flag accepts.
    const described = /\(([^)]*)\)/.exec(action.inputs['fail-level']!.description)![1]!.split(/, | or /)
    expect(described.sort()).toEqual([...lintFlags['fail-level']!.options!].sort())
    // The lint subcommand, run from the bin the install step reports, which is the package's bin.
    expect(script).toMatch(/args=\(lint /)
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {bin: Record<string, string>}
    expect(step('install').run).toContain(`/${path.normalize(manifest.bin['sls-eda']!)}`)
  })

  it('on a template with errors: writes SARIF with the findings, would upload it, then fails the job with exit code 1', () => {
    const run = runAction({paths: 'orders clean'})
    expect(run.lint.status, run.lint.stderr).toBe(0)
    expect(run.lint.outputs['exit-code']).toBe('1')
    const sarif = JSON.parse(readFileSync(run.sarifFile!, 'utf8')) as {version: string; runs: Array<{results: Array<{level: string; locations: Array<{physicalLocation: {artifactLocation: {uri: string}}}>}>}>}
    expect(sarif.version).toBe('2.1.0')
    const errors = sarif.runs[0]!.results.filter((result) => result.level === 'error')
    expect(errors.length).toBeGreaterThan(0)
    expect(errors.every((result) => result.locations[0]!.physicalLocation.artifactLocation.uri.startsWith('orders/'))).toBe(true)
    expect(run.wouldUpload).toBe(true)
    expect(run.uploads).toBe(path.join(run.workspace, 'repo', 'sls-eda.sarif'))
    expect(run.failed?.status).toBe(1)
    expect(run.failed?.stdout).toContain('::error::sls-eda lint failed (exit code 1')
  })

  it('on clean templates: exit code 0, SARIF uploaded, the job passes', () => {
    const run = runAction({paths: 'clean\n'})
    expect(run.lint.status, run.lint.stderr).toBe(0)
    expect(run.lint.outputs['exit-code']).toBe('0')
    expect(run.wouldUpload).toBe(true)
    expect(run.failed).toBeUndefined()
  })

  it('honours fail-level, config and upload: warnings fail at fail-level warning, a config file turns the rules off', () => {
    const warning = runAction({paths: 'orders', 'fail-level': 'warning', upload: 'false'})
    expect(warning.lint.outputs['exit-code']).toBe('1')
    expect(warning.wouldUpload).toBe(false)
    const {workspace} = warning
    writeFileSync(path.join(workspace, 'repo', 'quiet.yml'), 'severities:\n  error: off\n  warning: off\n')
    const quiet = runAction({paths: path.join(workspace, 'repo', 'orders'), config: path.join(workspace, 'repo', 'quiet.yml'), 'fail-level': 'warning'})
    expect(quiet.lint.outputs['exit-code'], quiet.lint.stderr).toBe('0')
  })

  it('a mistyped path: lint refuses to run (exit code 2, no report to upload) and the job fails', () => {
    const run = runAction({paths: 'orders missing.yaml'})
    expect(run.lint.outputs['exit-code']).toBe('2')
    expect(run.lint.stdout).toContain('::error::sls-eda lint wrote no SARIF report (exit code 2)')
    expect(run.sarifFile).toBeUndefined()
    expect(run.wouldUpload).toBe(false)
    expect(run.failed?.status).toBe(2)
  })
})
