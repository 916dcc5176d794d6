// CDK cloud assemblies: stacks from the manifest, nested assemblies (stages), nested stacks, and construct paths in findings.
import {cpSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {DEFAULT_CONFIG} from '../../src/engine/config.js'
import {lint} from '../../src/lint/lint.js'
import {loadCloudAssembly} from '../../src/lint/load.js'
import {findRule} from '../../src/rules/index.js'
import {FIXED_NOW, tempProject} from '../helpers/lint.js'
import {runCli} from '../commands/cli.js'

const APP = path.resolve(import.meta.dirname, '../fixtures/cdk/orders-app')
const ASSEMBLY = path.join(APP, 'cdk.out')

const lintSqs = (paths: string[], cwd = APP) => lint({paths, config: DEFAULT_CONFIG, catalogue: [findRule('SQS001')!], cwd, now: FIXED_NOW})

const EXPECTED = [
  {stack: 'Orders', cdkPath: 'Orders/Audit/Resource', id: 'Audit3D8ADE0A'},
  {stack: 'Orders/Workers', cdkPath: 'Orders/Workers/Jobs/Resource', id: 'JobsDF1CC2D4'},
  {stack: 'Prod-Billing', cdkPath: 'Prod/Billing/Invoices/Resource', id: 'InvoicesF0222E8D'},
]

describe('loadCloudAssembly', () => {
  it('loads every stack of the manifest, the nested assembly of a stage, and nested stacks from aws:asset:path', () => {
    const loaded = loadCloudAssembly(ASSEMBLY)
    const stacks = loaded.map(({file, outcome}) => ({file: path.relative(ASSEMBLY, file), stack: outcome.ok ? outcome.templates[0]!.stack : undefined}))
    expect(stacks).toEqual(
      expect.arrayContaining([
        {file: 'Orders.template.json', stack: 'Orders'},
        {file: 'OrdersWorkers56E19E2C.nested.template.json', stack: 'Orders/Workers'},
        {file: 'assembly-Prod/ProdBillingDDA55E22.template.json', stack: 'Prod-Billing'},
      ]),
    )
    expect(stacks).toHaveLength(3)
  })

  it('nodes carry the construct path from aws:cdk:path', () => {
    const orders = loadCloudAssembly(ASSEMBLY).find(({file}) => file.endsWith('Orders.template.json'))!.outcome
    if (!orders.ok) throw new Error('Orders stack did not load')
    expect(
      orders.templates[0]!.graph.ofKind('queue')
        .map((node) => node.origin.cdkPath)
        .sort(),
    ).toEqual(['Orders/Audit/Resource', 'Orders/Orders/Resource', 'Orders/OrdersDlq/Resource'])
  })

  it('reports an unreadable manifest as unusable input instead of throwing', () => {
    const dir = tempProject({'manifest.json': '{ not json', 'tree.json': '{}'})
    const [only] = loadCloudAssembly(dir)
    expect(only!.outcome.ok).toBe(false)
    if (!only!.outcome.ok) expect(only!.outcome.finding).toMatchObject({ruleId: 'SLS001', messageId: 'syntax'})
  })

  it('reports a stack whose template file is missing and still loads the others', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sls-eda-cdk-'))
    cpSync(ASSEMBLY, dir, {recursive: true})
    rmSync(path.join(dir, 'OrdersWorkers56E19E2C.nested.template.json'))
    const outcomes = loadCloudAssembly(dir)
    expect(outcomes.filter(({outcome}) => outcome.ok)).toHaveLength(2)
    const missing = outcomes.find(({outcome}) => !outcome.ok)!
    expect(path.basename(missing.file)).toBe('OrdersWorkers56E19E2C.nested.template.json')
  })
})

describe('linting a CDK app', () => {
  for (const [name, target] of [
    ['the app folder (cdk.json + cdk.out)', APP],
    ['the cdk.out folder', ASSEMBLY],
  ] as const) {
    it(`${name} reports queues without DLQ with their construct paths and stacks`, () => {
      const result = lintSqs([target])
      const found = result.files.flatMap((file) => file.findings.map((finding) => ({stack: file.stack, cdkPath: finding.resource?.cdkPath, id: finding.resource?.id})))
      expect(found.sort((a, b) => a.cdkPath!.localeCompare(b.cdkPath!))).toEqual(EXPECTED)
      expect(result.files.every((file) => !file.unusable)).toBe(true)
    })
  }

  it('an app folder that was never synthesized is unusable input with a hint', () => {
    const dir = tempProject({'cdk.json': '{"app": "node app.js"}', 'app.js': ''})
    const result = lintSqs([dir], dir)
    expect(result.files).toHaveLength(1)
    expect(result.files[0]).toMatchObject({unusable: true, findings: [{ruleId: 'SLS001', message: expect.stringMatching(/run `cdk synth` first/)}]})
  })

  it.each([
    ['the app folder', 'test/fixtures/cdk/orders-app'],
    ['the cdk.out folder', 'test/fixtures/cdk/orders-app/cdk.out'],
  ])('sls-eda lint %s (subprocess) shows the construct path', (_name, target) => {
    const result = runCli(['lint', target, '--rule', 'SQS001', '--fail-level', 'warning'])
    expect(result.status).toBe(1)
    expect(result.stdout).toMatch(/Queue Audit3D8ADE0A has no RedrivePolicy.*\[Orders\/Audit\/Resource\]/)
    expect(result.stdout).toMatch(/\(stack Orders\/Workers\)/)
    expect(result.stdout).toMatch(/\[Orders\/Workers\/Jobs\/Resource\]/)
    expect(result.stdout).toMatch(/\[Prod\/Billing\/Invoices\/Resource\]/)
    const sarif = JSON.parse(runCli(['lint', target, '--rule', 'SQS001', '-f', 'sarif']).stdout)
    const names = sarif.runs[0].results.map((r: {locations: Array<{logicalLocations: Array<{fullyQualifiedName: string}>}>}) => r.locations[0]!.logicalLocations[0]!.fullyQualifiedName)
    expect(names.sort()).toEqual(['Orders/Audit/Resource', 'Orders/Workers/Jobs/Resource', 'Prod/Billing/Invoices/Resource'])
  })
})
