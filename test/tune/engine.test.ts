// The tuning engine end to end through the real @aws-sdk/client-lambda HTTP stack against a loopback Lambda with a known curve.
import {LambdaClient} from '@aws-sdk/client-lambda'
import {afterEach, describe, expect, it} from 'vitest'

import {analyse} from '../../src/tune/analyse.js'
import {assignPayloads, runTuning, TuneRefusedError, type TunePlan} from '../../src/tune/engine.js'
import {FakeLambda, type FakeLambdaOptions, KNOWN_CURVE} from './fake-lambda.js'

const servers: FakeLambda[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()))
})

async function setup(options: Partial<FakeLambdaOptions> = {}): Promise<{fake: FakeLambda; client: LambdaClient}> {
  const fake = new FakeLambda({curve: KNOWN_CURVE, noise: 0.03, ...options})
  servers.push(fake)
  const endpoint = await fake.start()
  const client = new LambdaClient({endpoint, region: 'eu-west-1', credentials: {accessKeyId: 'test', secretAccessKey: 'test'}, retryMode: 'adaptive', maxAttempts: 5})
  return {fake, client}
}

const plan = (overrides: Partial<TunePlan> = {}): TunePlan => ({
  functionName: 'orders-worker',
  memories: [128, 256, 512, 1024, 2048],
  invocations: 10,
  parallel: 1,
  payloads: [{body: '{}', weight: 1, label: 'inline'}],
  allowedErrors: [],
  ...overrides,
})

const noWait = {pollIntervalMs: 5, sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 5)))}

describe('runTuning', () => {
  it('finds the right memory for each strategy and restores the function', async () => {
    const {fake, client} = await setup()
    const run = await runTuning(plan(), {client, ...noWait})
    const analysis = analyse(run, {strategy: 'cost', weight: 0.5, trim: 0.1, includeColdStarts: false, seed: 1})
    expect(analysis.recommendations.cost?.memoryMb).toBe(512)
    expect(analysis.recommendations.speed?.memoryMb).toBe(2048)
    expect(analysis.recommendations.balanced?.memoryMb).toBe(1024)
    expect(analysis.recommendations.cost?.margin?.significant).toBe(true)
    expect(analysis.stats.find((s) => s.memoryMb === 128)?.failure).toMatch(/out of memory/)
    expect(fake.latest.MemorySize).toBe(1024)
    expect(fake.versionNames).toEqual([])
    expect(run.restore.deletedVersions).toHaveLength(5)
    expect(run.restore.problems).toEqual([])
  })

  it('reads JSON-format REPORT records too', async () => {
    const {fake, client} = await setup({logFormat: 'JSON'})
    const run = await runTuning(plan({memories: [512, 1024]}), {client, ...noWait})
    expect(run.runs.every((r) => r.samples.length === 10 && !r.failure)).toBe(true)
    expect(run.runs[0]!.samples[0]!.cold).toBe(true)
    expect(fake.versionNames).toEqual([])
  })

  it('waits for configuration updates to finish before publishing', async () => {
    const {fake, client} = await setup({updateDelayMs: 30})
    await runTuning(plan({memories: [512, 2048], invocations: 3}), {client, ...noWait})
    const calls = fake.calls.map((c) => `${c.method} ${c.path.replace(/\/functions\/[^/]+/, '/functions/F')}`)
    const firstPublish = calls.indexOf('POST /2015-03-31/functions/F/versions')
    const firstUpdate = calls.indexOf('PUT /2015-03-31/functions/F/configuration')
    expect(firstUpdate).toBeLessThan(firstPublish)
    expect(calls.slice(firstUpdate + 1, firstPublish)).toContain('GET /2015-03-31/functions/F/configuration')
    expect(fake.latest.MemorySize).toBe(1024)
  })

  it('refuses a function whose update is in progress, changing nothing', async () => {
    const {fake, client} = await setup({updateInProgress: true})
    await expect(runTuning(plan(), {client, ...noWait})).rejects.toBeInstanceOf(TuneRefusedError)
    expect(fake.calls.some((c) => c.method !== 'GET')).toBe(false)
  })

  it('never deletes a version that existed before the run', async () => {
    const {fake, client} = await setup({existingVersions: [{version: '7', memory: 1024}]})
    const run = await runTuning(plan({memories: [1024], invocations: 3}), {client, ...noWait})
    expect(run.runs[0]!.version).toBe('7')
    expect(fake.versionNames).toEqual(['7'])
  })

  it('marks a memory value failed on an API error and goes on', async () => {
    const {fake, client} = await setup({failPublish: (memory) => memory === 512})
    const run = await runTuning(plan({memories: [512, 1024], invocations: 3}), {client, ...noWait})
    expect(run.runs.find((r) => r.memoryMb === 512)?.failure).toMatch(/API error/)
    expect(run.runs.find((r) => r.memoryMb === 1024)?.samples).toHaveLength(3)
    expect(fake.latest.MemorySize).toBe(1024)
    expect(fake.versionNames).toEqual([])
  })

  it('rides out throttling with the SDK retries', async () => {
    const {fake, client} = await setup({throttleInvocations: 2})
    const run = await runTuning(plan({memories: [512], invocations: 4}), {client, ...noWait})
    expect(run.runs[0]!.samples).toHaveLength(4)
    expect(fake.versionNames).toEqual([])
  })

  it('counts allowed error types as normal responses', async () => {
    const {client} = await setup({curve: () => ({error: 'ValidationError', durationMs: 40})})
    const run = await runTuning(plan({memories: [512], invocations: 3, allowedErrors: ['ValidationError']}), {client, ...noWait})
    expect(run.runs[0]!.failure).toBeUndefined()
    expect(run.runs[0]!.samples.every((s) => s.allowedError === 'ValidationError')).toBe(true)
  })

  it('reports a timeout with its reason', async () => {
    const {client} = await setup({curve: (m) => (m < 1024 ? {error: 'timeout'} : 100)})
    const run = await runTuning(plan({memories: [512, 1024], invocations: 3}), {client, ...noWait})
    expect(run.runs[0]!.failure).toMatch(/timed out after 30 s/)
    expect(run.runs[1]!.failure).toBeUndefined()
  })

  it('restores when aborted mid-run and reports the interruption', async () => {
    const {fake, client} = await setup()
    const controller = new AbortController()
    const run = await runTuning(plan(), {
      client,
      ...noWait,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'invoked' && event.memoryMb === 512 && event.done === 4) controller.abort('SIGINT')
      },
    })
    expect(run.interrupted).toBe('SIGINT')
    expect(run.runs.map((r) => r.memoryMb)).toEqual([128, 256, 512])
    expect(fake.latest.MemorySize).toBe(1024)
    expect(fake.versionNames).toEqual([])
  })

  it('applies the final memory when asked and the run finished', async () => {
    const {fake, client} = await setup()
    const run = await runTuning(plan({memories: [512, 1024], invocations: 3}), {client, ...noWait, finalMemory: () => 512})
    expect(run.applied).toBe(512)
    expect(fake.latest.MemorySize).toBe(512)
    expect(fake.versionNames).toEqual([])
  })

  it('says exactly what to run when the function cannot be restored', async () => {
    const {client} = await setup({failUpdatesAfter: 1})
    const run = await runTuning(plan({memories: [512], invocations: 3}), {client, ...noWait})
    expect(run.restore.problems[0]).toMatch(/aws lambda update-function-configuration --function-name orders-worker --memory-size 1024/)
  })
})

describe('assignPayloads', () => {
  it('spreads invocations over weighted payloads', () => {
    const a = {body: '{"a":1}', weight: 3, label: 'a'}
    const b = {body: '{"b":1}', weight: 1, label: 'b'}
    const assigned = assignPayloads([a, b], 8)
    expect(assigned.filter((p) => p === a)).toHaveLength(6)
    expect(assigned.filter((p) => p === b)).toHaveLength(2)
    expect(assigned.slice(0, 2)).toEqual([a, b])
  })
})
