// One graph per application: templates and stacks that refer to each other are linked, and a cross-stack relation changes a rule's answer both ways.
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {type Config, DEFAULT_CONFIG, loadConfig} from '../../src/engine/config.js'
import {lint, type LintResult} from '../../src/lint/lint.js'
import {CATALOGUE} from '../../src/rules/index.js'
import {runCli} from '../commands/cli.js'
import {FIXED_NOW} from '../helpers/lint.js'

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/applications')

function run(paths: string[], options: {config?: Config; stackGroups?: string[]} = {}): LintResult {
  return lint({paths: paths.map((p) => path.join(FIXTURES, p)), config: options.config ?? DEFAULT_CONFIG, catalogue: CATALOGUE, cwd: FIXTURES, stackGroups: options.stackGroups, now: FIXED_NOW})
}

/** `file [stack] RULE line resource` for every finding, so a test reads like the report. */
function summary(result: LintResult, rules?: string[]): string[] {
  return result.files.flatMap((file) =>
    file.findings
      .filter((finding) => !rules || rules.includes(finding.ruleId))
      .map((finding) => `${path.relative(FIXTURES, file.file)}${file.stack ? ` [${file.stack}]` : ''} ${finding.ruleId} ${finding.location?.line} ${finding.resource?.id}`),
  )
}

const CROSS_STACK = ['LMB003', 'LMB011', 'SQS002']

describe('templates given together', () => {
  it('links Export/ImportValue (names built with !Sub and !Join from parameter defaults): a finding appears and a false one disappears', () => {
    const alone = ['exports/queues.yaml', 'exports/service.yaml', 'exports/monitoring.yaml'].flatMap((file) => summary(run([file]), CROSS_STACK))
    // Each template alone: the consumer and the alarm are invisible, so the DLQ looks unwatched and nothing pairs the queue with its consumer.
    expect(alone).toEqual(['exports/queues.yaml SQS002 16 OrdersDlq'])
    const together = run(['exports'])
    expect(summary(together, CROSS_STACK)).toEqual(['exports/queues.yaml LMB011 11 Orders', 'exports/service.yaml LMB003 24 WorkerOrders', 'exports/unrelated.yaml SQS002 11 JobsDlq'])
    const visibility = together.files.flatMap((file) => file.findings).find((finding) => finding.ruleId === 'LMB011')!
    expect(visibility.data).toMatchObject({queue: 'Orders', function: 'Worker', visibility: 30, timeout: 30})
    expect(visibility.location?.file).toBe(path.join(FIXTURES, 'exports/queues.yaml'))
  })

  it('leaves a template that shares nothing with the others exactly as it is linted alone', () => {
    const alone = run(['exports/unrelated.yaml']).files[0]!.findings
    const together = run(['exports']).files.find((file) => file.file.endsWith('unrelated.yaml'))!.findings
    expect(together).toEqual(alone)
  })

  it('links SSM parameters written in one template and read in others (typed parameters and dynamic references)', () => {
    expect(['ssm/producer.yaml', 'ssm/typed-parameter.yaml', 'ssm/dynamic-reference.yaml'].flatMap((file) => summary(run([file]), CROSS_STACK))).toEqual([])
    expect(summary(run(['ssm']), CROSS_STACK)).toEqual(['ssm/dynamic-reference.yaml LMB003 20 AuditorMapping', 'ssm/producer.yaml LMB011 7 Jobs'])
  })

  it('expands nested stacks with the parameters their parent passes, and lints the nested template as that stack only', () => {
    const expected = ['nested/stacks/queue.yaml [parent/QueueStack] LMB011 11 Queue', 'nested/stacks/table.yaml [parent/Tables] LMB003 17 StreamMapping']
    expect(summary(run(['nested/parent.yaml']), CROSS_STACK)).toEqual(expected)
    expect(summary(run(['nested']), CROSS_STACK)).toEqual(expected)
    // The queue's own default (900 s) would pass; the parent passes 20 s.
    const finding = run(['nested'])
      .files.flatMap((file) => file.findings)
      .find((f) => f.ruleId === 'LMB011')!
    expect(finding.data).toMatchObject({visibility: 20, timeout: 30, function: 'Consumer'})
    // The table's stream mapping names its function through a parameter: the parent's function.
    const mapping = run(['nested'])
      .files.flatMap((file) => file.findings)
      .find((f) => f.ruleId === 'LMB003')!
    expect(mapping.data).toMatchObject({function: 'Consumer'})
  })

  it('does not join templates of a folder by a shared literal name alone, but does in a declared stack group', () => {
    expect(summary(run(['names']), CROSS_STACK)).toEqual(['names/queue.yaml SQS002 12 PaymentsDlq'])
    expect(summary(run(['names'], {stackGroups: ['payments=names/*.yaml']}), CROSS_STACK)).toEqual([])
  })

  it('splits a folder into the stack groups given, so templates of different groups never link', () => {
    const split = run(['exports'], {stackGroups: ['exports/queues.yaml', 'exports/service.yaml,exports/monitoring.yaml']})
    expect(summary(split, CROSS_STACK)).toEqual(['exports/queues.yaml SQS002 16 OrdersDlq', 'exports/unrelated.yaml SQS002 11 JobsDlq'])
  })

  it('reads applications from the configuration file, globs relative to it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sls-eda-apps-'))
    try {
      const file = path.join(dir, '.sls-eda.yml')
      writeFileSync(file, `applications:\n  - name: payments\n    templates: ['${path.relative(dir, FIXTURES).split(path.sep).join('/')}/names/*.yaml']\n`)
      expect(summary(run(['names'], {config: loadConfig(file)}), CROSS_STACK)).toEqual([])
      writeFileSync(file, 'applications: [{templates: notalist}]\n')
      expect(() => loadConfig(file)).toThrow(/applications\[0\]: applications must be a list/)
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })
})

describe('CDK cloud assemblies', () => {
  it('links the stacks of a stage through the exports CDK writes (export names built from AWS::StackName)', () => {
    const result = run(['cdk-stage/cdk.out'])
    expect(summary(result, CROSS_STACK)).toEqual(['cdk-stage/cdk.out/assembly-Prod/ProdQueuesC3A4F0B1.template.json [Prod-Queues] LMB011 5 JobsDF1CC2D4'])
    const finding = result.files.flatMap((file) => file.findings).find((f) => f.ruleId === 'LMB011')!
    expect(finding.resource).toMatchObject({stack: 'Prod-Queues', cdkPath: 'Prod/Queues/Jobs/Resource', id: 'JobsDF1CC2D4'})
    expect(finding.data).toMatchObject({function: 'Worker11F36D0F'})
  })

  it('synthesizes a three-stack app with the installed aws-cdk-lib and links stacks, nested stack and SSM parameter', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'sls-eda-cdk-'))
    try {
      const synth = spawnSync(process.execPath, [path.join(FIXTURES, 'cdk-app/app.mjs'), out], {encoding: 'utf8', timeout: 110_000})
      expect(synth.status, synth.stderr).toBe(0)
      const result = lint({paths: [out], config: DEFAULT_CONFIG, catalogue: CATALOGUE, cwd: out, now: FIXED_NOW})
      const found = summary(result, CROSS_STACK).map((line) => line.replace(path.relative(FIXTURES, out), 'cdk.out'))
      // Linked: the queue's consumers in Service and in its nested Audit stack (through SSM), the mapping's SQS source, and the DLQ's alarm in Monitoring.
      expect(found).toEqual([
        'cdk.out/Stateful.template.json [Stateful] LMB011 26 JobsDF1CC2D4',
        'cdk.out/Stateful.template.json [Stateful] LMB011 26 JobsDF1CC2D4',
        'cdk.out/Service.template.json [Service] LMB003 93 WorkerSqsEventSourceStatefulJobsDCF30C900B2EE9C8',
      ])
      const consumers = result.files
        .flatMap((file) => file.findings)
        .filter((f) => f.ruleId === 'LMB011')
        .map((f) => f.data.function)
      expect(consumers.sort()).toEqual(['AuditorB9A7BEA8', 'Worker11F36D0F'])
      expect(result.files.map((file) => file.stack)).toEqual(['Stateful', 'Service', 'Service/Audit', 'Monitoring'])
      // Each stack alone: only the false finding.
      const alone = ['Stateful', 'Service', 'Monitoring'].flatMap((stack) =>
        summary(lint({paths: [path.join(out, `${stack}.template.json`)], config: DEFAULT_CONFIG, catalogue: CATALOGUE, cwd: out, now: FIXED_NOW}), CROSS_STACK),
      )
      expect(alone.map((line) => line.replace(/^.*\//, ''))).toEqual(['Stateful.template.json SQS002 3 JobsDlqB53173A1'])
    } finally {
      rmSync(out, {recursive: true, force: true})
    }
  }, 120_000)
})

describe('lint --stack-group (built CLI)', () => {
  it('takes NAME=GLOB,GLOB groups on the command line, as the fast path and oclif both parse it', () => {
    for (const json of [false, true]) {
      const args = ['lint', 'names', '--stack-group', 'payments=names/queue.yaml,names/alarms.yaml', '--rule', 'SQS002', ...(json ? ['--json'] : ['--format', 'json'])]
      const result = runCli(args, {cwd: FIXTURES})
      expect(result.status, result.stderr).toBe(0)
      expect(JSON.parse(result.stdout).summary).toMatchObject({files: 2, errors: 0, warnings: 0, infos: 0})
    }
    const unlinked = runCli(['lint', 'names', '--rule', 'SQS002', '--format', 'json'], {cwd: FIXTURES})
    expect(JSON.parse(unlinked.stdout).files.flatMap((file: {findings: unknown[]}) => file.findings)).toHaveLength(1)
  })
})
