// What `audit` and `tune` say when AWS cannot be used: an endpoint that accepts and never answers, nothing listening,
// an unknown profile, no credentials. Each runs the built CLI as a subprocess, as a user would.
import {spawn} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {createServer, type Server, type Socket} from 'node:net'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {explainAwsError} from '../../src/lib/aws.js'

const root = path.resolve(import.meta.dirname, '../..')

interface Result {
  code: number | null
  stdout: string
  stderr: string
  ms: number
}

/** The CLI with only the environment given (no AWS settings of the machine running the tests). */
function cli(args: string[], env: Record<string, string>): Promise<Result> {
  return new Promise((resolve) => {
    const started = performance.now()
    const child = spawn(process.execPath, [path.join(root, 'bin/run.js'), ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        CI: 'true',
        NO_COLOR: '1',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONFIG_FILE: '/nonexistent/aws-config',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
        ...env,
      },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('close', (code) => resolve({code, stdout, stderr, ms: performance.now() - started}))
  })
}

const keys = {AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'eu-west-1'}

function jsonError(result: Result): {code: string; message: string; exitCode: number} {
  const document = JSON.parse(result.stdout) as {error: {code: string; message: string; exitCode: number}}
  // Our own error document: no oclif internals, no stack.
  expect(Object.keys(document.error).sort()).toEqual(['code', 'exitCode', 'message'])
  return document.error
}

describe('an endpoint that accepts connections and never answers', () => {
  let server: Server
  const sockets: Socket[] = []
  let url = ''
  beforeAll(async () => {
    server = createServer((socket) => sockets.push(socket))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as {port: number}).port}`
  })
  afterAll(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise((resolve) => server.close(resolve))
  })

  it('audit and tune give up within 30 s, naming the call and the endpoint', async () => {
    const env = {...keys, AWS_ENDPOINT_URL: url}
    const [audit, tune] = await Promise.all([cli(['audit', '--json'], env), cli(['tune', 'orders-worker', '--json'], env)])
    for (const result of [audit, tune]) {
      expect(result.code).toBe(2)
      expect(result.ms).toBeLessThan(30_000)
      expect(result.stderr).not.toMatch(/at .*\.js:\d+/)
    }
    const auditError = jsonError(audit)
    expect(auditError.message).toContain('sts:GetCallerIdentity')
    expect(auditError.message).toContain(url)
    expect(auditError.message).toMatch(/did not answer within 8 s \(2 attempts\)/)
    const tuneError = jsonError(tune)
    expect(tuneError.message).toMatch(/^lambda:GetFunction/)
    expect(tuneError.message).toContain(url)
    expect(tuneError.message).toContain('did not answer')
  }, 60_000)
})

describe('why AWS cannot be used, said fast', () => {
  it('nothing listening: the endpoint is unreachable, not a credentials problem', async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const port = (probe.address() as {port: number}).port
    await new Promise((resolve) => probe.close(resolve))
    const result = await cli(['audit', '--json'], {...keys, AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`})
    expect(result.code).toBe(2)
    const error = jsonError(result)
    expect(error.message).toBe(`sts:GetCallerIdentity: endpoint http://127.0.0.1:${port} is unreachable (connection refused) (2 attempts); check the network, proxy or AWS_ENDPOINT_URL`)
    expect(result.ms).toBeLessThan(10_000)
    // The same without --json: one line on stderr, nothing on stdout.
    const text = await cli(['audit'], {...keys, AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`})
    expect(text.code).toBe(2)
    expect(text.stdout).toBe('')
    expect(text.stderr.replace(/\s*›\s*/g, ' ')).toContain('is unreachable (connection refused)')
  }, 30_000)

  it('an unknown profile is named as such', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sls-eda-profiles-'))
    const config = path.join(dir, 'config')
    writeFileSync(config, '[profile staging]\nregion = eu-west-1\n')
    const result = await cli(['audit', '--profile', 'prod', '--json'], {AWS_CONFIG_FILE: config, AWS_REGION: 'eu-west-1'})
    expect(result.code).toBe(2)
    expect(jsonError(result).message).toMatch(/^profile prod not found in the AWS config or credentials files/)
    const fromEnvironment = await cli(['tune', 'orders-worker', '--json'], {AWS_CONFIG_FILE: config, AWS_PROFILE: 'prod', AWS_REGION: 'eu-west-1'})
    expect(fromEnvironment.code).toBe(2)
    expect(jsonError(fromEnvironment).message).toMatch(/^profile prod not found/)
  }, 30_000)

  it('no credentials at all: says so and how to provide them', async () => {
    const result = await cli(['audit', '--json'], {AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL: 'http://127.0.0.1:9'})
    expect(result.code).toBe(2)
    expect(jsonError(result).message).toMatch(/^no AWS credentials found: pass --profile, set AWS_PROFILE/)
    expect(result.ms).toBeLessThan(10_000)
  }, 30_000)

  it('expired and rejected credentials are told apart from missing ones', () => {
    const expired = Object.assign(new Error('The security token included in the request is expired'), {name: 'ExpiredToken'})
    expect(explainAwsError(expired, {profile: 'prod'})).toMatch(/^the AWS credentials of profile prod have expired .*aws sso login --profile prod/)
    const rejected = Object.assign(new Error('The security token included in the request is invalid.'), {name: 'InvalidClientTokenId'})
    expect(explainAwsError(rejected)).toMatch(/^AWS rejected the credentials/)
    expect(explainAwsError(Object.assign(new Error('Queue missing'), {name: 'QueueDoesNotExist'}))).toBeUndefined()
  })
})
