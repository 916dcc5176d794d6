// Organisation-audit benchmark: the built CLI against a simulated organisation (100 accounts × 4 regions, each account-region 200 functions,
// 200 queues, 300 alarms, 50 rules, 100 roles), 50 ms per call, Lambda at 15 requests/s per account and region.
// Run: npm run build && npx vitest run --config bench/vitest.config.ts bench/audit-org.bench-run.ts
// (BENCH_ORG_CONCURRENCY sets --concurrency, default 16; BENCH_ORG_ACCOUNTS a smaller organisation; BENCH_REQUEST_TIMEOUT, in
// seconds, the CLI's request timeout, for a machine so loaded that the fake answers late.) Not part of npm test: it runs for minutes.
import {spawn} from 'node:child_process'
import {mkdtempSync, readFileSync} from 'node:fs'
import {cpus, loadavg, tmpdir, totalmem} from 'node:os'
import path from 'node:path'

import {expect, it} from 'vitest'

import {type FakeAccount, startFakeAws} from '../test/audit/fake-aws.js'
import {fakeEnv} from '../test/audit/helpers.js'
import {ACCOUNTS, REGIONS, requiredCalls, ROLE_NAME, simulatedOrganization} from './audit-org.js'

const root = path.resolve(import.meta.dirname, '..')
const LATENCY_MS = 50
const LAMBDA_RATE = {control: 15, GetPolicy: 15}
const CONCURRENCY = process.env.BENCH_ORG_CONCURRENCY ?? '16'

it('audits 100 accounts × 4 regions under Lambda rate limits', async () => {
  const management: FakeAccount = {accountId: '999999999999', regions: {}}
  const fake = await startFakeAws(management, {organization: simulatedOrganization(), latencyMs: LATENCY_MS, lambdaRate: LAMBDA_RATE, pageSize: {'iam:GetAccountAuthorizationDetails': 100}})
  const dir = mkdtempSync(path.join(tmpdir(), 'sls-eda-org-bench-'))
  const rssFile = path.join(dir, 'maxrss')
  const report = path.join(dir, 'org.json')
  const loadBefore = loadavg()
  const fakeCpuBefore = process.cpuUsage()
  const timeout: Record<string, string> = process.env.BENCH_REQUEST_TIMEOUT ? {SLS_EDA_AWS_REQUEST_TIMEOUT: process.env.BENCH_REQUEST_TIMEOUT} : {}
  try {
    const started = performance.now()
    const status = await new Promise<number | null>((resolve, reject) => {
      // BENCH_CPU_PROF=DIR writes a CPU profile of the CLI there.
      const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []
      const args = [
        ...profile,
        '--require',
        path.join(root, 'bench/audit-maxrss.cjs'),
        path.join(root, 'bin/run.js'),
        'audit',
        '--org',
        '--role-name',
        ROLE_NAME,
        '--regions',
        'all',
        '--concurrency',
        CONCURRENCY,
        '--state-dir',
        path.join(dir, 'state'),
        '-f',
        'json',
        '-o',
        report,
      ]
      const child = spawn(process.execPath, args, {
        env: {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...fakeEnv(fake.url, REGIONS[0]!), ...timeout, CI: 'true', SLS_EDA_MAXRSS_FILE: rssFile},
        stdio: ['ignore', 'ignore', 'pipe'],
      })
      child.stderr.on('data', () => undefined)
      child.on('error', reject)
      child.on('close', resolve)
    })
    const wallMs = performance.now() - started
    const fakeCpu = process.cpuUsage(fakeCpuBefore)
    const usage = JSON.parse(readFileSync(rssFile, 'utf8')) as {maxRssKb: number; cpuMs: number}
    const document = JSON.parse(readFileSync(report, 'utf8')) as {summary: Record<string, number>; audit: {accounts: Array<{status: string; notChecked: unknown[]}>; resources: number}}
    const succeeded: Record<string, number> = {}
    for (const call of fake.calls) if (call.status === 200 || call.status === 404) succeeded[call.action] = (succeeded[call.action] ?? 0) + 1
    const required = requiredCalls()
    const differences = Object.entries({...required, ...succeeded}).flatMap(([action]) =>
      (succeeded[action] ?? 0) === (required[action] ?? 0) ? [] : [{action, made: succeeded[action] ?? 0, required: required[action] ?? 0}],
    )
    const result = {
      accounts: ACCOUNTS,
      regions: REGIONS.length,
      concurrency: Number(CONCURRENCY),
      latencyMs: LATENCY_MS,
      wallSeconds: Number((wallMs / 1000).toFixed(1)),
      exitCode: status,
      peakRssMb: Math.round(usage.maxRssKb / 1024),
      cliCpuSeconds: Number((usage.cpuMs / 1000).toFixed(1)),
      fakeAwsCpuSeconds: Number(((fakeCpu.user + fakeCpu.system) / 1e6).toFixed(1)),
      requestTimeoutSeconds: process.env.BENCH_REQUEST_TIMEOUT ? Number(process.env.BENCH_REQUEST_TIMEOUT) : 8,
      apiCalls: Object.values(succeeded).reduce((a, b) => a + b, 0),
      requiredCalls: Object.values(required).reduce((a, b) => a + b, 0),
      differences,
      throttledResponses: fake.calls.filter((call) => call.status === 429).length,
      resources: document.audit.resources,
      accountsDone: document.audit.accounts.filter((account) => account.status === 'done').length,
      notChecked: document.audit.accounts.reduce((sum, account) => sum + account.notChecked.length, 0),
      findings: document.summary,
      loadAverageBefore: loadBefore.map((load) => Number(load.toFixed(1))),
      loadAverageAfter: loadavg().map((load) => Number(load.toFixed(1))),
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
    }
    console.log(JSON.stringify(result, null, 2))
    expect(result.accountsDone).toBe(ACCOUNTS)
    expect(differences).toEqual([])
  } finally {
    await fake.close()
  }
  // On a shared, loaded machine the run can take far longer than the 5-minute target.
}, 3_600_000)
