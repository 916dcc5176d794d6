// Runs the built CLI as a subprocess, the way a user or CI does, with a time limit so a hang fails the test.
import {spawn, spawnSync} from 'node:child_process'
import path from 'node:path'

export const ROOT = path.resolve(import.meta.dirname, '../..')
export const BIN = path.join(ROOT, 'bin/run.js')

export interface CliResult {
  status: number | null
  stdout: string
  stderr: string
  /** Set when the process was killed for taking too long. */
  timedOut: boolean
}

export function runCli(args: string[], options: {cwd?: string; env?: Record<string, string>; timeoutMs?: number} = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 30_000,
    maxBuffer: 64 * 1024 * 1024,
    env: {...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env},
  })
  return {status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', timedOut: result.error !== undefined && (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT'}
}

/** A stack trace line from Node (`at fn (file.js:1:2)`), which users must never see. */
export const STACK_TRACE = /^\s+at .+(\.js|\.ts|node:internal).*:\d+/m

/**
 * Runs the built CLI without blocking this process (which may be serving a fake AWS the CLI talks to), in a clean
 * environment: PATH, HOME, CI and NO_COLOR, then `env`.
 */
export function runCliAsync(args: string[], env: Record<string, string>, cwd = ROOT): Promise<Omit<CliResult, 'timedOut'>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {cwd, env: {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', CI: 'true', NO_COLOR: '1', ...env}})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (status) => resolve({status, stdout, stderr}))
  })
}
