// Benchmark of tune's own overhead: wall time of the whole CLI minus the simulated function durations, 8 memory values × 10 invocations.
import {spawn} from 'node:child_process'
import {cpus, totalmem} from 'node:os'
import path from 'node:path'

import {expect, it} from 'vitest'

import {FakeLambda, fakeAwsEnv} from '../test/tune/fake-lambda.js'

const root = path.resolve(import.meta.dirname, '..')
const MEMORIES = [128, 256, 512, 768, 1024, 1536, 2048, 3008]

function runCli(env: Record<string, string>): Promise<{wallMs: number; configurationWaitMs: number}> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, [path.join(root, 'bin/run.js'), 'tune', 'orders-worker', '--memory', MEMORIES.join(','), '-n', '10', '--json', '--poll-interval', '50'], {
      env: {...process.env, ...env, CI: 'true'},
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`tune exited with ${code}`))
      resolve({wallMs: performance.now() - started, configurationWaitMs: (JSON.parse(stdout) as {configurationWaitMs: number}).configurationWaitMs})
    })
  })
}

it('measures the overhead of tuning 8 memory values × 10 invocations', async () => {
  // Durations shrink with memory like a CPU-bound function, from 400 ms down to a 60 ms floor.
  const fake = new FakeLambda({curve: (memory) => Math.max(60, (400 * 128) / memory), noise: 0.05, realTime: true, updateDelayMs: 200})
  const endpoint = await fake.start()
  try {
    const {wallMs, configurationWaitMs: updateWaitMs} = await runCli(fakeAwsEnv(endpoint))
    const overheadMs = wallMs - fake.simulatedMs
    const updates = fake.calls.filter((call) => call.method === 'PUT').length
    const result = {
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`,
      invocations: fake.invocations,
      wallMs: Math.round(wallMs),
      simulatedMs: Math.round(fake.simulatedMs),
      overheadMs: Math.round(overheadMs),
      overheadShare: `${((overheadMs / fake.simulatedMs) * 100).toFixed(1)} %`,
      configurationUpdates: updates,
      updateWaitMs,
      overheadBeyondUpdatesShare: `${(((overheadMs - updateWaitMs) / fake.simulatedMs) * 100).toFixed(1)} %`,
      apiCalls: fake.calls.length,
    }
    console.log(JSON.stringify(result, null, 2))
    expect(fake.versionNames).toEqual([])
  } finally {
    await fake.stop()
  }
})
