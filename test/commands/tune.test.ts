// `sls-eda tune` as a user runs it: the built CLI in a subprocess, against a loopback Lambda, including Ctrl-C and SIGTERM.
import {spawn} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {afterEach, describe, expect, it} from 'vitest'

import {FakeLambda, type FakeLambdaOptions, fakeAwsEnv, KNOWN_CURVE} from '../tune/fake-lambda.js'

const root = path.resolve(import.meta.dirname, '../..')
const bin = path.join(root, 'bin/run.js')

const servers: FakeLambda[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()))
})

async function fakeLambda(options: Partial<FakeLambdaOptions> = {}): Promise<{fake: FakeLambda; env: Record<string, string>}> {
  const fake = new FakeLambda({curve: KNOWN_CURVE, noise: 0.03, ...options})
  servers.push(fake)
  const endpoint = await fake.start()
  return {fake, env: fakeAwsEnv(endpoint)}
}

interface Result {
  code: number | null
  stdout: string
  stderr: string
}

function tune(args: string[], env: Record<string, string>, onSpawn?: (child: ReturnType<typeof spawn>) => void): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'tune', ...args, '--poll-interval', '5'], {cwd: root, env: {...process.env, ...env, NO_COLOR: '1', CI: 'true'}, stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    // oclif wraps long error messages over several lines prefixed with ›: read them as one line.
    child.on('close', (code) => resolve({code, stdout, stderr: stderr.replace(/\s*\n\s*›\s*/g, ' ')}))
    onSpawn?.(child)
  })
}

describe('sls-eda tune (subprocess)', () => {
  it('recommends the right memory, prints JSON and restores the function', async () => {
    const {fake, env} = await fakeLambda()
    const result = await tune(['orders-worker', '--memory', '128,256,512,2048', '-n', '8', '--strategy', 'balanced', '--monthly-invocations', '1000000', '--json'], env)
    expect(result.code).toBe(0)
    const output = JSON.parse(result.stdout)
    expect(output.recommendations.cost.memoryMb).toBe(512)
    expect(output.recommendations.speed.memoryMb).toBe(2048)
    expect(output.recommendations.balanced.memoryMb).toBe(1024)
    expect(output.memories.find((m: {memoryMb: number}) => m.memoryMb === 1024).current).toBe(true)
    expect(output.monthly.invocations).toBe(1_000_000)
    expect(output.restore).toMatchObject({memoryMb: 1024, problems: []})
    expect(fake.latest.MemorySize).toBe(1024)
    expect(fake.versionNames).toEqual([])
  })

  it('prints the table and recommendations, and writes a self-contained HTML report', async () => {
    const {fake, env} = await fakeLambda()
    const dir = mkdtempSync(path.join(tmpdir(), 'sls-eda-tune-'))
    const report = path.join(dir, 'tune.html')
    const result = await tune(['orders-worker', '--memory', '512,2048', '-n', '5', '--report', report], env)
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/cheapest\s+512 MB/)
    expect(result.stdout).toMatch(/Restored 1024 MB/)
    const html = readFileSync(report, 'utf8')
    expect(html).toContain('<svg')
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/)
    expect(fake.versionNames).toEqual([])
  })

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`restores the function when interrupted with ${signal}`, async () => {
      const {fake, env} = await fakeLambda({realTime: true, curve: () => 60})
      const result = await tune(['orders-worker', '--memory', '512,768,1536,2048', '-n', '20', '--json'], env, (child) => {
        const timer = setInterval(() => {
          if (fake.invocations >= 5) {
            clearInterval(timer)
            child.kill(signal)
          }
        }, 10)
      })
      expect(result.code).toBe(code)
      expect(result.stderr).toMatch(new RegExp(`${signal} received`))
      expect(fake.latest.MemorySize).toBe(1024)
      expect(fake.versionNames).toEqual([])
      expect(fake.invocations).toBeLessThan(80)
    })
  }

  it('shows the plan and the maximum cost on --dry-run without changing anything', async () => {
    const {fake, env} = await fakeLambda()
    const result = await tune(['orders-worker', '--memory', '512,2048', '--dry-run'], env)
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/memory values: 512, 1024, 2048 MB/)
    expect(result.stdout).toMatch(/costs at most \$/)
    expect(fake.calls.every((call) => call.method === 'GET')).toBe(true)
  })

  it('refuses a function that serves traffic without --yes when nobody can be asked', async () => {
    const {fake, env} = await fakeLambda({eventSourceMappings: [{EventSourceArn: 'arn:aws:sqs:eu-west-1:123456789012:orders', State: 'Enabled'}]})
    const result = await tune(['orders-worker', '--memory', '512'], env)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/serves traffic \(event source mapping from arn:aws:sqs/)
    expect(result.stderr).toMatch(/--yes/)
    expect(fake.calls.every((call) => call.method === 'GET')).toBe(true)
  })

  it('tunes such a function with --yes and keeps the pick with --apply', async () => {
    const {fake, env} = await fakeLambda({eventSourceMappings: [{EventSourceArn: 'arn:aws:sqs:eu-west-1:123456789012:orders', State: 'Enabled'}]})
    const result = await tune(['orders-worker', '--memory', '512,2048', '-n', '5', '--yes', '--apply', '--json'], env)
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).applied).toBe(512)
    expect(fake.latest.MemorySize).toBe(512)
    expect(fake.versionNames).toEqual([])
  })

  it('gives clear messages and exit code 2 for bad input', async () => {
    const {env} = await fakeLambda()
    const dir = mkdtempSync(path.join(tmpdir(), 'sls-eda-tune-'))
    writeFileSync(path.join(dir, 'bad.json'), '{not json')
    const cases: Array<[string[], RegExp]> = [
      [['orders-worker', '--weight', '2'], /--weight must be a number from 0 to 1/],
      [['orders-worker', '--memory', '64'], /outside what Lambda allows \(128 to 10240 MB\)/],
      [['orders-worker', '--memory', 'lots'], /not a whole number/],
      [['missing-fn'], /function not found/],
      [['orders-worker', '--payload-file', path.join(dir, 'bad.json')], /is not valid JSON/],
      [['orders-worker', '--payload-file', path.join(dir, 'none.json')], /cannot read payload file/],
    ]
    for (const [args, message] of cases) {
      const result = await tune(args, env)
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr).toMatch(message)
      expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/)
    }
    expect(existsSync(path.join(dir, 'none.json'))).toBe(false)
  })
})
