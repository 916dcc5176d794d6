// Audit benchmark: the built CLI against a simulated account (2,000 functions, 2,000 queues, 3,000 alarms, 500 rules, 1,000 roles), 50 ms per call, Lambda's rate limits enforced.
// Run: npm run build && npx vitest run --config bench/vitest.config.ts bench/audit.bench-run.ts
import {spawn} from 'node:child_process'
import {mkdtempSync, readFileSync} from 'node:fs'
import {cpus, loadavg, tmpdir, totalmem} from 'node:os'
import path from 'node:path'

import {expect, it} from 'vitest'

import {startFakeAws} from '../test/audit/fake-aws.js'
import {fakeEnv} from '../test/audit/helpers.js'
import {REGION, requiredCalls, simulatedAccount} from './audit-account.js'

const root = path.resolve(import.meta.dirname, '..')
const LATENCY_MS = 50
/** Lambda: 15 requests per second for the control plane and, separately, for GetPolicy. */
const LAMBDA_RATE = {control: 15, GetPolicy: 15}

function runCli(args: string[], env: Record<string, string>, rssFile: string): Promise<{wallMs: number; status: number | null; stdout: string}> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, ['--require', path.join(root, 'bench/audit-maxrss.cjs'), path.join(root, 'bin/run.js'), 'audit', ...args, '--json'], {
      env: {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env, CI: 'true', SLS_EDA_MAXRSS_FILE: rssFile},
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.on('error', reject)
    child.on('close', (status) => resolve({wallMs: performance.now() - started, status, stdout}))
  })
}

it('audits a simulated account of 2,000 functions under Lambda rate limits', async () => {
  const {account, shape} = simulatedAccount()
  const fake = await startFakeAws(account, {latencyMs: LATENCY_MS, lambdaRate: LAMBDA_RATE, pageSize: {'iam:GetAccountAuthorizationDetails': 100}})
  const dir = mkdtempSync(path.join(tmpdir(), 'sls-eda-bench-'))
  const rssFile = path.join(dir, 'maxrss')
  const inventory = path.join(dir, 'inventory.json')
  try {
    const {wallMs, status, stdout} = await runCli(['--region', REGION, '--save-inventory', inventory], fakeEnv(fake.url, REGION), rssFile)
    expect(status).toBe(1)
    const report = JSON.parse(stdout) as {
      audit: {notChecked: unknown[]; resources: number; apiCalls: {total: number; throttled: number; durationMs: number; byOperation: Record<string, number>}}
      summary: Record<string, number>
    }
    expect(report.audit.notChecked).toEqual([])
    const succeeded: Record<string, number> = {}
    for (const call of fake.calls) if (call.status === 200 || call.status === 404) succeeded[call.action] = (succeeded[call.action] ?? 0) + 1
    const required = requiredCalls()
    const extra = Object.entries(succeeded).filter(([action, count]) => count > (required[action] ?? 0))
    const usage = JSON.parse(readFileSync(rssFile, 'utf8')) as {maxRssKb: number; cpuMs: number}
    // The same audit offline: what loading, linking and the rules cost without any AWS call.
    const offline = await runCli(['--from-inventory', inventory], {}, path.join(dir, 'offline-rss'))
    const result = {
      shape,
      latencyMs: LATENCY_MS,
      lambdaRate: LAMBDA_RATE,
      wallSeconds: Number((wallMs / 1000).toFixed(1)),
      collectSeconds: Number((report.audit.apiCalls.durationMs / 1000).toFixed(1)),
      offlineAuditSeconds: Number((offline.wallMs / 1000).toFixed(1)),
      apiCalls: report.audit.apiCalls.total,
      requiredCalls: Object.values(required).reduce((a, b) => a + b, 0),
      throttledResponses: fake.calls.filter((call) => call.status === 429).length,
      peakRssMb: Math.round(usage.maxRssKb / 1024),
      cliCpuSeconds: Number((usage.cpuMs / 1000).toFixed(1)),
      loadAverage: loadavg().map((load) => Number(load.toFixed(1))),
      resources: report.audit.resources,
      findings: report.summary,
      byOperation: succeeded,
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
    }
    console.log(JSON.stringify(result, null, 2))
    expect(extra).toEqual([])
    // The 60 s target is recorded in bench/RESULTS.md with the machine's load; a shared machine can double wall time.
    if (wallMs >= 60_000) console.warn(`wall time ${Math.round(wallMs / 1000)} s is above the 60 s target (load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs)`)
  } finally {
    await fake.close()
  }
})
