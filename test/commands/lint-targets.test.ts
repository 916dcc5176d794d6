// What `sls-eda lint` finds to lint, through the built CLI: nothing found is an error, mistyped paths and globs are named, Serverless Framework services are linted from their package.
import {cpSync, mkdirSync, rmSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {tempProject} from '../helpers/lint.js'
import {QUEUE_WITHOUT_DLQ} from '../report/input.js'
import {ROOT, runCli, STACK_TRACE} from './cli.js'

/** oclif wraps error messages to 80 columns with a ` ›` gutter: read them as one line. */
const oneLine = (stderr: string): string => stderr.replace(/\s*\n\s*›\s*/g, ' ')

const SERVICE = path.join(ROOT, 'test/fixtures/serverless/orders')

/** Both ways `lint` starts: the fast path, and oclif (what --help, --json and usage errors go through). */
const STARTS = [
  ['fast path', {}],
  ['oclif', {SLS_EDA_NO_FAST_PATH: '1'}],
] as const

describe('sls-eda lint: a run that lints nothing does not pass (subprocess)', () => {
  it.each(STARTS)('an empty folder: exit 2, "no templates found" naming the folder (%s)', (_start, env) => {
    const result = runCli(['lint'], {cwd: tempProject({'README.md': '# nothing to lint\n'}), env})
    expect(result.status).toBe(2)
    expect(result.stdout).toBe('')
    expect(oneLine(result.stderr)).toMatch(/no templates found in \.:/)
    expect(oneLine(result.stderr)).toMatch(/--pass-on-no-templates/)
    expect(result.stderr).not.toMatch(STACK_TRACE)
  })

  it('with --json too: exit 2, the message in the JSON error', () => {
    const result = runCli(['lint', '--json'], {cwd: tempProject({})})
    expect(result.status).toBe(2)
    expect(JSON.parse(result.stdout)).toMatchObject({error: {message: expect.stringMatching(/^no templates found in \.:/)}})
  })

  it('a folder of YAML that is not CloudFormation: exit 2, the folder named', () => {
    const dir = tempProject({'config/app.yaml': 'name: app\nport: 8080\n'})
    const result = runCli(['lint', 'config'], {cwd: dir})
    expect(result.status).toBe(2)
    expect(oneLine(result.stderr)).toMatch(/no templates found in config:/)
  })

  it.each(STARTS)('--pass-on-no-templates allows it: exit 0 (%s)', (_start, env) => {
    const result = runCli(['lint', '--pass-on-no-templates'], {cwd: tempProject({}), env})
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(/0 templates checked, no problems found/)
  })

  it('a mistyped path is its own message, exit 2, and nothing else is linted', () => {
    const dir = tempProject({'template.yaml': QUEUE_WITHOUT_DLQ})
    const result = runCli(['lint', 'template.yaml', 'stacks/tempalte.yaml'], {cwd: dir})
    expect(result.status).toBe(2)
    expect(oneLine(result.stderr)).toMatch(/stacks\/tempalte\.yaml: no such file or directory \(check for a typing mistake\)/)
    expect(result.stdout).toBe('')
  })
})

describe('sls-eda lint with a quoted glob (subprocess)', () => {
  it('expands it as a shell would: every matching template is linted', () => {
    const dir = tempProject({'stacks/orders.yaml': QUEUE_WITHOUT_DLQ, 'stacks/billing.yaml': QUEUE_WITHOUT_DLQ, 'stacks/notes.txt': 'not a template', 'other.yaml': QUEUE_WITHOUT_DLQ})
    // No shell between the test and the CLI: the pattern arrives exactly as a quoted one would.
    const result = runCli(['lint', 'stacks/*.yaml', '-f', 'json'], {cwd: dir})
    expect(result.status).toBe(1)
    const files = (JSON.parse(result.stdout) as {files: Array<{file: string}>}).files.map((file) => file.file)
    expect(files).toEqual(['stacks/billing.yaml', 'stacks/orders.yaml'])
  })

  it('a glob that matches nothing: exit 2 naming it', () => {
    const result = runCli(['lint', 'stacks/*.yml'], {cwd: tempProject({'stacks/orders.yaml': QUEUE_WITHOUT_DLQ})})
    expect(result.status).toBe(2)
    expect(oneLine(result.stderr)).toMatch(/no file matches "stacks\/\*\.yml"/)
  })
})

interface JsonFinding {
  ruleId: string
  resource: {id: string; declaredAs?: string}
  location: {file: string; line: number; column: number}
}

describe('sls-eda lint on a Serverless Framework service (subprocess)', () => {
  it('lints the packaged template and names each finding by its function or resource in serverless.yml, at its line', () => {
    const result = runCli(['lint', 'orders', '-f', 'json'], {cwd: path.dirname(SERVICE)})
    expect(result.status).toBe(1)
    const report = JSON.parse(result.stdout) as {files: Array<{file: string; packaged: string; findings: JsonFinding[]}>}
    expect(report.files).toHaveLength(1)
    const [file] = report.files
    expect(file!.file).toBe('orders/serverless.yml')
    expect(file!.packaged).toBe('orders/.serverless/cloudformation-template-update-stack.json')
    const about = (ruleId: string, id: string) => file!.findings.find((finding) => finding.ruleId === ruleId && finding.resource.id === id)
    // `hello:` is on line 18 of serverless.yml, `process-orders:` on 24, `OrdersQueue:` under resources.Resources on 34.
    expect(about('LOG001', 'HelloLogGroup')).toMatchObject({resource: {declaredAs: 'functions.hello'}, location: {file: 'orders/serverless.yml', line: 18, column: 3}})
    expect(about('LMB003', 'ProcessDashordersEventSourceMappingSQSOrdersQueue')).toMatchObject({resource: {declaredAs: 'functions.process-orders'}, location: {line: 24}})
    expect(about('SQS001', 'OrdersQueue')).toMatchObject({resource: {declaredAs: 'resources.Resources.OrdersQueue'}, location: {line: 34, column: 5}})
    expect(about('LMB019', 'IamRoleLambdaExecution')).toMatchObject({resource: {declaredAs: 'provider.iam.role'}, location: {line: 11}})
  })

  it('stylish output shows serverless.yml, the entry as written and the generated logical id', () => {
    const result = runCli(['lint', 'orders'], {cwd: path.dirname(SERVICE)})
    expect(result.status).toBe(1)
    expect(result.stdout).toMatch(/^orders\/serverless\.yml \(packaged orders\/\.serverless\/cloudformation-template-update-stack\.json\)$/m)
    expect(result.stdout).toMatch(/^\s+18:3\s+warning\s+Log group HelloLogGroup has no RetentionInDays.*\[functions\.hello → HelloLogGroup\]/m)
    expect(result.stdout).toMatch(/^\s+34:5\s+error\s+Queue OrdersQueue has no RedrivePolicy.*\[resources\.Resources\.OrdersQueue\]/m)
  })

  it('is found when linting the folder above it too (a repository of services)', () => {
    const dir = tempProject({})
    cpSync(SERVICE, path.join(dir, 'services/orders'), {recursive: true})
    const result = runCli(['lint', '-f', 'json'], {cwd: dir})
    expect(result.status).toBe(1)
    expect((JSON.parse(result.stdout) as {files: Array<{file: string}>}).files.map((file) => file.file)).toEqual(['services/orders/serverless.yml'])
  })

  it.each(['serverless.yml', 'serverless.ts'])('a service (%s) that was never packaged: exit 2, run `serverless package` first', (name) => {
    const dir = tempProject({})
    mkdirSync(path.join(dir, 'svc'))
    cpSync(path.join(SERVICE, 'serverless.yml'), path.join(dir, 'svc', name))
    rmSync(path.join(dir, 'svc/.serverless'), {recursive: true, force: true})
    const result = runCli(['lint', 'svc'], {cwd: dir})
    expect(result.status).toBe(2)
    expect(result.stdout).toMatch(new RegExp(`svc/${name.replace('.', '\\.')}[\\s\\S]*run \`serverless package\` first`))
  })
})
