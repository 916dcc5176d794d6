// End to end: the built CLI, run as a user runs it, against a loopback fake AWS through the real SDK clients' HTTP stack.
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {ARN, CONCERNS, REGION, SECRET, sampleAccount} from '../audit/account.js'
import {type FakeAws, type FakeOptions, startFakeAws} from '../audit/fake-aws.js'
import {fakeEnv} from '../audit/helpers.js'
import {runCliAsync} from './cli.js'

/** The built CLI, run without blocking this process, which serves the fake AWS it talks to. */
const cli = (args: string[], env: Record<string, string>, cwd?: string) => runCliAsync(args, env, cwd)
type Run = Awaited<ReturnType<typeof cli>>

interface Report {
  files: Array<{file: string; findings: Array<{ruleId: string; resource?: {arn?: string; stack?: string}; consoleUrl?: string}>}>
  audit: {accountId: string; notChecked: Array<{action: string}>; apiCalls: {total: number}; hiddenByBaseline: number}
}

describe('sls-eda audit (subprocess)', () => {
  let fake: FakeAws
  let denied: FakeAws
  const dir = mkdtempSync(path.join(tmpdir(), 'sls-eda-audit-'))

  beforeAll(async () => {
    fake = await startFakeAws(sampleAccount())
    denied = await startFakeAws(sampleAccount(), {deny: ['sqs:ListQueues']} satisfies FakeOptions)
  })
  afterAll(async () => {
    await fake.close()
    await denied.close()
  })

  it('audits the account and finds every concern, with exit code 1', async () => {
    const run = await cli(['audit', '--region', REGION, '--json', '--preset', 'strict'], fakeEnv(fake.url, REGION))
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/)
    expect(run.status).toBe(1)
    const report = JSON.parse(run.stdout) as Report
    expect(report.audit.accountId).toBe('123456789012')
    expect(report.audit.notChecked).toEqual([])
    expect(report.audit.apiCalls.total).toBeGreaterThan(20)
    expect(report.files.map((file) => file.file)).toEqual([REGION, 'global'])
    const findings = report.files.flatMap((file) => file.findings)
    for (const {rule, resource} of CONCERNS)
      expect(
        findings.some((f) => f.ruleId === rule && f.resource?.arn === resource),
        `${rule} on ${resource}`,
      ).toBe(true)
    expect(findings.filter((f) => f.resource?.stack === 'good-service')).toEqual([])
    expect(findings.every((f) => f.consoleUrl?.startsWith('https://'))).toBe(true)
    expect(run.stdout).not.toContain(SECRET)
    expect(fake.actions().every((action) => /:(List|Get|Describe)/.test(action))).toBe(true)
  })

  it('prints a stylish report per region, without a progress display outside a terminal', async () => {
    const run = await cli(['audit', '--region', REGION], fakeEnv(fake.url, REGION))
    expect(run.status).toBe(1)
    expect(run.stdout).toContain(REGION)
    expect(run.stdout).toContain('SQS001')
    expect(run.stdout + run.stderr).not.toContain(SECRET)
    // listr2 draws with cursor movements; none may reach a log.
    expect(run.stderr).not.toMatch(/\u001B\[\d*[AGK]/)
  })

  it('exits with code 3 when a service could not be checked and nothing else failed', async () => {
    const run = await cli(['audit', '--region', REGION, '--stack', 'good-service', '--format', 'json'], fakeEnv(denied.url, REGION))
    expect(run.status).toBe(3)
    const report = JSON.parse(run.stdout) as Report
    expect(report.audit.notChecked).toEqual([expect.objectContaining({action: 'sqs:ListQueues'})])
    expect(run.stderr).toContain('sqs:ListQueues')
  })

  it('writes a baseline, and hides what it records on the next audit', async () => {
    const baseline = path.join(dir, 'baseline.json')
    const first = await cli(['audit', '--region', REGION, '--write-baseline', baseline, '--format', 'json'], fakeEnv(fake.url, REGION))
    expect(first.status).toBe(1)
    const recorded = JSON.parse(readFileSync(baseline, 'utf8')) as {findings: Array<{ruleId: string; resource: string}>}
    expect(recorded.findings).toContainEqual({ruleId: 'SQS001', resource: ARN.queue('bad-orders-without-dlq'), messageId: 'noRedrive'})
    const second = await cli(['audit', '--region', REGION, '--baseline', baseline, '--format', 'json'], fakeEnv(fake.url, REGION))
    expect(second.status).toBe(0)
    const report = JSON.parse(second.stdout) as Report
    expect(report.files.flatMap((file) => file.findings)).toEqual([])
    expect(report.audit.hiddenByBaseline).toBe(recorded.findings.length)
    // A baseline without one finding shows exactly that finding again.
    writeFileSync(baseline, JSON.stringify({...recorded, findings: recorded.findings.filter((f) => !(f.ruleId === 'SQS001'))}))
    const third = await cli(['audit', '--region', REGION, '--baseline', baseline, '--format', 'json'], fakeEnv(fake.url, REGION))
    expect((JSON.parse(third.stdout) as Report).files.flatMap((file) => file.findings).map((f) => f.ruleId)).toEqual(['SQS001'])
  })

  it('saves the inventory without secrets and audits it offline with the same findings', async () => {
    const inventory = path.join(dir, 'inventory.json')
    const online = await cli(['audit', '--region', REGION, '--save-inventory', inventory, '--format', 'json'], fakeEnv(fake.url, REGION))
    expect(readFileSync(inventory, 'utf8')).not.toContain(SECRET)
    // No endpoint and no credentials: nothing may reach AWS.
    const offline = await cli(['audit', '--from-inventory', inventory, '--format', 'json'], {AWS_EC2_METADATA_DISABLED: 'true'})
    expect(offline.status).toBe(online.status)
    const ruleIds = (run: Run) => (JSON.parse(run.stdout) as Report).files.flatMap((file) => file.findings.map((f) => `${f.ruleId} ${f.resource?.arn}`)).sort()
    expect(ruleIds(offline)).toEqual(ruleIds(online))
  })

  it('reports only what the chosen stack owns', async () => {
    const run = await cli(['audit', '--region', REGION, '--stack', 'bad-service', '--format', 'json'], fakeEnv(fake.url, REGION))
    const findings = (JSON.parse(run.stdout) as Report).files.flatMap((file) => file.findings)
    expect(findings.length).toBeGreaterThan(5)
    expect(findings.every((f) => f.resource?.stack === 'bad-service')).toBe(true)
  })

  it('audits every enabled region with --all-regions (EC2 DescribeRegions over the EC2 query protocol)', async () => {
    const run = await cli(['audit', '--all-regions', '--format', 'json'], fakeEnv(fake.url, REGION))
    expect(run.status).toBe(1)
    expect((JSON.parse(run.stdout) as Report).files.map((file) => file.file)).toEqual([REGION, 'global'])
    expect(fake.actions()).toContain('ec2:DescribeRegions')
  })

  it('rejects an unreadable baseline with exit code 2', async () => {
    const run = await cli(['audit', '--region', REGION, '--baseline', path.join(dir, 'missing.json')], fakeEnv(fake.url, REGION))
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('cannot read baseline')
  })
})
