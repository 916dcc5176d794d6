// Organisation audits end to end: the built CLI as a subprocess, the real SDK clients, a fake organisation on loopback.
import {spawn} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {type FakeAws, startFakeAws} from './fake-aws.js'
import {fakeEnv} from './helpers.js'
import {MEMBERS, organization, ROLE_NAME} from './organization.js'

const root = path.resolve(import.meta.dirname, '../..')

interface Result {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

function cli(args: string[], env: Record<string, string>, options: {interruptWhen?: () => boolean} = {}): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/run.js'), ...args], {env: {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', CI: 'true', NO_COLOR: '1', ...env}})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    let timer: NodeJS.Timeout | undefined
    if (options.interruptWhen) {
      timer = setInterval(() => {
        if (options.interruptWhen!()) {
          clearInterval(timer)
          child.kill('SIGINT')
        }
      }, 20)
    }
    child.on('close', (code, signal) => {
      clearInterval(timer)
      resolve({code, signal, stdout, stderr})
    })
  })
}

interface Report {
  summary: {errors: number; warnings: number; infos: number; files: number}
  files: Array<{file: string; findings: Array<{ruleId: string; resource: {arn?: string; id: string; region?: string; accountId?: string; accountName?: string}}>}>
  audit: {
    accounts: Array<{
      account: {id: string; name?: string}
      status: string
      reason?: string
      regions: string[]
      notEnabled: string[]
      notChecked: Array<{region: string; action: string}>
      durationMs: number
      apiCalls: number
    }>
  }
}

const ORG_ARGS = ['--role-name', ROLE_NAME, '--regions', 'eu-west-1,us-east-1', '--concurrency', '2']

/** The report without what differs from run to run (durations, call counts). */
function stable(report: Report): unknown {
  return {...report, audit: {...report.audit, accounts: report.audit.accounts.map(({durationMs: _d, apiCalls: _a, ...rest}) => rest)}}
}

describe('sls-eda audit --org', () => {
  let fake: FakeAws
  let env: Record<string, string>
  const dir = mkdtempSync(path.join(tmpdir(), 'sls-eda-org-test-'))
  const state = (name: string) => path.join(dir, name)

  beforeAll(async () => {
    const {management, organization: org} = organization()
    fake = await startFakeAws(management, {organization: org})
    env = fakeEnv(fake.url, 'eu-west-1')
  })
  afterAll(async () => {
    await fake.close()
  })

  it('audits every account through its role: findings on the right account, failures reported per account, never fatal', async () => {
    const result = await cli(['audit', '--org', ...ORG_ARGS, '--state-dir', state('full'), '--json'], env)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as Report
    const accounts = new Map(report.audit.accounts.map((entry) => [entry.account.id, entry]))
    expect([...accounts.keys()]).toEqual(MEMBERS.map((member) => member.id))

    // The role that cannot be assumed: that account is reported, the others are read.
    expect(accounts.get('333333333333')).toMatchObject({status: 'failed', account: {name: 'sandbox'}})
    expect(accounts.get('333333333333')!.reason).toMatch(/^role arn:aws:iam::333333333333:role\/SlsEdaAudit cannot be assumed: .*not authorized to perform: sts:AssumeRole/)
    // The region the account has not enabled is named, and not read.
    expect(accounts.get('444444444444')).toMatchObject({status: 'done', regions: ['eu-west-1'], notEnabled: ['us-east-1']})
    // The SCP denial: that service in that region is not checked, the rest of the account is.
    expect(accounts.get('222222222222')!.notChecked).toEqual([expect.objectContaining({region: 'us-east-1', action: 'sqs:ListQueues'})])

    // Every finding names its account (id and Organizations name), region and ARN, and they agree.
    const findings = report.files.flatMap((file) => file.findings.map((finding) => ({file: file.file, ...finding})))
    expect(findings.length).toBeGreaterThan(0)
    const names = new Map(MEMBERS.map((member) => [member.id, member.name]))
    for (const finding of findings) {
      const {arn, accountId, accountName, region} = finding.resource
      expect(arn).toBeDefined()
      expect(arn!.split(':')[4]).toBe(accountId)
      expect(accountName).toBe(names.get(accountId!))
      expect(finding.file.startsWith(`${accountId}/`)).toBe(true)
      if (region !== 'global') expect(arn!.split(':')[3]).toBe(region)
      // Resources are named after their account: a finding on another account's resource would show here.
      expect(arn).toContain(names.get(accountId!)!)
    }
    const queueFindings = findings.filter((finding) => finding.ruleId === 'SQS001').map((finding) => `${finding.resource.accountId} ${finding.resource.region}`)
    expect(queueFindings.sort()).toEqual([
      '111111111111 eu-west-1',
      '111111111111 us-east-1',
      '222222222222 eu-west-1',
      '444444444444 eu-west-1',
      '555555555555 eu-west-1',
      '555555555555 us-east-1',
      '666666666666 eu-west-1',
      '666666666666 us-east-1',
    ])

    // IAM is global: each account's role is read once, not once per region.
    const roleReads = fake.calls.filter((call) => call.action === 'iam:GetRole' && call.status === 200)
    expect(roleReads.map((call) => call.account).sort()).toEqual(['111111111111', '222222222222', '444444444444', '555555555555', '666666666666'])
    // The organisation is listed once, roles assumed once per account.
    expect(fake.calls.filter((call) => call.action === 'organizations:ListAccounts')).toHaveLength(1)
    expect(fake.calls.filter((call) => call.action === 'sts:AssumeRole')).toHaveLength(MEMBERS.length)
  }, 120_000)

  it('--ou reads the accounts of an OU and those below it; exit 3 when only parts were unread', async () => {
    const result = await cli(['audit', '--ou', 'ou-prod', ...ORG_ARGS, '--rule', 'LMB001', '--json'], env)
    expect(result.code).toBe(3)
    const report = JSON.parse(result.stdout) as Report
    expect(report.audit.accounts.map((entry) => `${entry.account.id} ${entry.account.name}`)).toEqual(['111111111111 prod', '222222222222 staging'])
    expect(report.summary.errors).toBe(0)
    expect(report.summary.warnings).toBe(4)
  }, 120_000)

  it('shard 1/2 and 2/2, merged, give the report of the unsharded run', async () => {
    const [one, two] = await Promise.all([
      cli(['audit', '--org', ...ORG_ARGS, '--shard', '1/2', '--state-dir', state('shard-1'), '-f', 'json', '-o', path.join(dir, 'shard-1.json')], env),
      cli(['audit', '--org', ...ORG_ARGS, '--shard', '2/2', '--state-dir', state('shard-2'), '-f', 'json', '-o', path.join(dir, 'shard-2.json')], env),
    ])
    const ids = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as Report).audit.accounts.map((entry) => entry.account.id)
    const first = ids(path.join(dir, 'shard-1.json'))
    const second = ids(path.join(dir, 'shard-2.json'))
    // A partition: every account in exactly one shard, both shards used.
    expect([...first, ...second].sort()).toEqual(MEMBERS.map((member) => member.id))
    expect(first.length).toBeGreaterThan(0)
    expect(second.length).toBeGreaterThan(0)
    expect([one.code, two.code]).toEqual([1, 1])
    // Progress in a log: one line per account finished, with what is done, running and failed.
    expect(one.stderr).toMatch(/^sls-eda: accounts 1\/\d: [01] done, [01] running, [01] failed.* \(\d{12} (done|failed)\)$/m)

    const merged = await cli(['audit', 'merge', state('shard-1'), state('shard-2'), '--json'], {})
    const unsharded = await cli(['audit', 'merge', state('full'), '--json'], {})
    expect(merged.code).toBe(1)
    expect(stable(JSON.parse(merged.stdout) as Report)).toEqual(stable(JSON.parse(unsharded.stdout) as Report))

    const sarif = await cli(['audit', 'merge', state('shard-2'), state('shard-1'), '-f', 'sarif'], {})
    const sarifUnsharded = await cli(['audit', 'merge', state('full'), '-f', 'sarif'], {})
    expect(sarif.stdout).toBe(sarifUnsharded.stdout)
    const log = JSON.parse(sarif.stdout) as {runs: Array<{results: Array<{properties: {resource: {accountId: string}}}>}>}
    expect(log.runs[0]!.results.length).toBe((JSON.parse(unsharded.stdout) as Report).files.reduce((sum, file) => sum + file.findings.length, 0))

    const html = await cli(['audit', 'merge', state('shard-1'), state('shard-2'), '-f', 'html', '-o', path.join(dir, 'org.html')], {})
    expect(html.code).toBe(1)
    const page = readFileSync(path.join(dir, 'org.html'), 'utf8')
    for (const member of MEMBERS) expect(page).toContain(`<td>${member.id}</td><td>${member.name}</td>`)
    expect(page).toContain('not read: role arn:aws:iam::333333333333:role/SlsEdaAudit cannot be assumed')
    // The per-account table goes to stderr when the report goes to a file.
    expect(html.stderr).toMatch(/^account\s+name\s+status\s+errors\s+warnings\s+info\s+duration\s+not checked$/m)
    expect(html.stderr).toMatch(/^333333333333\s+sandbox\s+failed\s+0\s+0\s+0\s+/m)
  }, 180_000)

  it('refuses what it cannot do, with exit code 2 and one line', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--org'], /^--role-name is required to audit other accounts/],
      [['--accounts', '12345', '--role-name', ROLE_NAME], /^--accounts: "12345" is not a 12-digit AWS account id$/],
      [['--org', '--role-name', ROLE_NAME, '--shard', '3/2'], /^--shard must be i\/N with 1 ≤ i ≤ N/],
      [['--org', '--role-name', ROLE_NAME, '--baseline', 'b.json'], /^--baseline: not available when auditing several accounts$/],
      // With --json any other --format is refused first, as for one account.
      [['--org', '--role-name', ROLE_NAME, '-f', 'junit'], /^--json and --format junit cannot be used together/],
      [['--org', '--role-name', ROLE_NAME, '--regions', 'eu-west-1,moon-1'], /^--regions: "moon-1" is not a region name/],
      [['--org', '--role-name', ROLE_NAME, '--state-dir', state('full')], /already holds a run: pass --resume to continue it/],
      [['--org', '--role-name', ROLE_NAME, '--state-dir', state('empty'), '--resume'], /holds no run to resume/],
    ]
    for (const [args, message] of cases) {
      const result = await cli(['audit', ...args, '--json'], env)
      expect(result.code, args.join(' ')).toBe(2)
      expect((JSON.parse(result.stdout) as {error: {message: string}}).error.message).toMatch(message)
    }
    const junit = await cli(['audit', '--org', '--role-name', ROLE_NAME, '-f', 'junit'], env)
    expect(junit.code).toBe(2)
    expect(junit.stderr).toMatch(/--format junit is not available when auditing several accounts/)
  }, 120_000)

  it('resumes after Ctrl-C without reading again anything that was finished', async () => {
    const {management, organization: org} = organization()
    const slow = await startFakeAws(management, {organization: org, latencyMs: 40})
    const slowEnv = fakeEnv(slow.url, 'eu-west-1')
    const folder = state('interrupted')
    const accountsDir = path.join(folder, 'accounts')
    const finishedAccounts = () => (existsSync(accountsDir) ? readdirSync(accountsDir).filter((id) => existsSync(path.join(accountsDir, id, 'result.json'))) : [])
    try {
      const args = ['audit', '--org', '--role-name', ROLE_NAME, '--regions', 'eu-west-1,us-east-1', '--concurrency', '1', '--state-dir', folder, '--json']
      const stopped = await cli(args, slowEnv, {interruptWhen: () => finishedAccounts().length >= 2})
      expect(stopped.code, stopped.stderr).toBe(130)
      expect(stopped.stderr).toContain(`--state-dir ${folder} --resume`)

      // What was finished when the run stopped: whole accounts, and regions of the account being read.
      const done = finishedAccounts()
      expect(done.length).toBeGreaterThanOrEqual(2)
      expect(done.length).toBeLessThan(MEMBERS.length)
      const regionsDone = readdirSync(accountsDir).flatMap((id) =>
        readdirSync(path.join(accountsDir, id))
          .filter((name) => /^region-.*\.json$/.test(name))
          .map((name) => `${id} ${name.slice('region-'.length, -'.json'.length)}`),
      )
      // A request the stopped process sent just before it exited is recorded when the fake answers it, after its latency.
      await new Promise((resolve) => setTimeout(resolve, 500))
      const before = slow.calls.length

      const resumed = await cli([...args, '--resume'], slowEnv)
      expect(resumed.code).toBe(1)
      const again = slow.calls.slice(before)
      // Nothing of a finished account is read again, not even its role assumed.
      expect(again.filter((call) => done.includes(call.account))).toEqual([])
      expect(again.filter((call) => call.action === 'sts:AssumeRole').length).toBe(MEMBERS.length - done.length)
      // Nor any finished region of an account that was half done.
      const regional = again.filter((call) => !['iam', 'ec2', 'sts', 'organizations'].includes(call.action.split(':')[0]!))
      expect(regional.filter((call) => regionsDone.includes(`${call.account} ${call.region}`))).toEqual([])
      // The organisation is not listed again: the run's accounts are in its state.
      expect(again.filter((call) => call.action.startsWith('organizations:'))).toEqual([])

      // And the resumed run reports what an uninterrupted one does.
      const whole = await cli(['audit', 'merge', state('full'), '--json'], {})
      expect(stable(JSON.parse(resumed.stdout) as Report)).toEqual(stable(JSON.parse(whole.stdout) as Report))
    } finally {
      await slow.close()
    }
  }, 180_000)
})
