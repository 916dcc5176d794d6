// A loopback Lambda control and data plane speaking the REST-JSON protocol the real SDK client uses, with a function whose duration-versus-memory curve is known.
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'

import {seededRandom} from '../../src/tune/stats.js'

/** A duration in ms, or an error: `oom` and `timeout` as Lambda reports them, any other text as a function error. */
export type Outcome = number | {error: string; durationMs?: number}

/** 128 MB runs out of memory; cost is lowest at 512 MB, speed best at 2048 MB, balanced (0.5) at 1024 MB. */
export const KNOWN_CURVE = (memory: number): Outcome => (({128: {error: 'oom'}, 256: 900, 512: 300, 1024: 160, 2048: 150}) as Record<number, Outcome>)[memory] ?? 1000

export interface FakeLambdaOptions {
  name?: string
  memory?: number
  timeout?: number
  architecture?: 'x86_64' | 'arm64'
  logFormat?: 'Text' | 'JSON'
  /** Simulated duration (ms) at a memory size, or an error. */
  curve: (memoryMb: number) => Outcome
  /** Relative noise on durations (0.03 = ±3 %). */
  noise?: number
  seed?: number
  /** Actually wait the simulated duration before answering an invocation (benchmarks). */
  realTime?: boolean
  /** How long an update stays InProgress. */
  updateDelayMs?: number
  /** Starts with an update in progress (tune must refuse). */
  updateInProgress?: boolean
  /** Versions that exist before the run, with their memory. */
  existingVersions?: Array<{version: string; memory: number}>
  eventSourceMappings?: Array<{EventSourceArn: string; State: string}>
  /** Answer invocations with 429 TooManyRequestsException this many times first. */
  throttleInvocations?: number
  /** Fail PublishVersion when this returns true (given the memory size). */
  failPublish?: (memoryMb: number) => boolean
  /** Fail every UpdateFunctionConfiguration after the first N. */
  failUpdatesAfter?: number
}

interface Config {
  FunctionName: string
  FunctionArn: string
  MemorySize: number
  Timeout: number
  Runtime: string
  Handler: string
  Architectures: string[]
  State: string
  LastUpdateStatus: string
  RevisionId: string
  Version: string
  LoggingConfig: {LogFormat: string; LogGroup: string}
  Description?: string
}

export interface Call {
  method: string
  path: string
}

export class FakeLambda {
  readonly calls: Call[] = []
  latest: Config
  readonly versions = new Map<string, Config>()
  invocations = 0
  simulatedMs = 0
  private nextVersion = 1
  private revision = 1
  private throttlesLeft: number
  private updates = 0
  private server?: Server
  private readonly random: () => number
  private readonly coldVersions = new Set<string>()

  constructor(private readonly options: FakeLambdaOptions) {
    const name = options.name ?? 'orders-worker'
    this.latest = {
      FunctionName: name,
      FunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${name}`,
      MemorySize: options.memory ?? 1024,
      Timeout: options.timeout ?? 30,
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Architectures: [options.architecture ?? 'arm64'],
      State: 'Active',
      LastUpdateStatus: options.updateInProgress ? 'InProgress' : 'Successful',
      RevisionId: 'rev-1',
      Version: '$LATEST',
      LoggingConfig: {LogFormat: options.logFormat ?? 'Text', LogGroup: `/aws/lambda/${name}`},
    }
    for (const existing of options.existingVersions ?? []) {
      this.versions.set(existing.version, {...this.latest, MemorySize: existing.memory, Version: existing.version})
      this.nextVersion = Math.max(this.nextVersion, Number(existing.version) + 1)
    }
    this.throttlesLeft = options.throttleInvocations ?? 0
    this.random = seededRandom(options.seed ?? 7)
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        this.handle(request, Buffer.concat(chunks).toString('utf8'), response).catch((error: Error) => this.fail(response, 500, 'ServiceException', error.message))
      })
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve())
  }

  /** Versions other than $LATEST that exist now. */
  get versionNames(): string[] {
    return [...this.versions.keys()].sort((a, b) => Number(a) - Number(b))
  }

  private send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    response.writeHead(status, {'content-type': 'application/json', ...headers})
    response.end(body === undefined ? '' : JSON.stringify(body))
  }

  private fail(response: ServerResponse, status: number, type: string, message: string): void {
    this.send(response, status, {message, Type: 'User'}, {'x-amzn-errortype': type})
  }

  private async handle(request: IncomingMessage, body: string, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const method = request.method ?? 'GET'
    this.calls.push({method, path: url.pathname})
    const match = /^\/(\d{4}-\d{2}-\d{2})\/functions\/([^/]+)(\/.*)?$/.exec(url.pathname)
    if (url.pathname.startsWith('/2015-03-31/event-source-mappings')) {
      this.send(response, 200, {EventSourceMappings: (this.options.eventSourceMappings ?? []).map((m, i) => ({...m, UUID: `uuid-${i}`, FunctionArn: this.latest.FunctionArn}))})
      return
    }
    if (!match) return this.fail(response, 404, 'ResourceNotFoundException', `no route ${method} ${url.pathname}`)
    const name = decodeURIComponent(match[2]!).split(':').slice(-1)[0]!
    const known = name === this.latest.FunctionName || decodeURIComponent(match[2]!) === this.latest.FunctionArn
    if (!known) return this.fail(response, 404, 'ResourceNotFoundException', `Function not found: ${name}`)
    const rest = match[3] ?? ''
    const qualifier = url.searchParams.get('Qualifier') ?? undefined
    if (rest === '/configuration' && method === 'GET') {
      if (qualifier && qualifier !== '$LATEST') {
        const version = this.versions.get(qualifier)
        return version ? this.send(response, 200, version) : this.fail(response, 404, 'ResourceNotFoundException', `version ${qualifier} not found`)
      }
      return this.send(response, 200, this.latest)
    }
    if (rest === '/configuration' && method === 'PUT') {
      const input = JSON.parse(body) as {MemorySize?: number; RevisionId?: string}
      this.updates++
      if (this.options.failUpdatesAfter !== undefined && this.updates > this.options.failUpdatesAfter) return this.fail(response, 500, 'ServiceException', 'simulated outage')
      if (this.latest.LastUpdateStatus === 'InProgress') return this.fail(response, 409, 'ResourceConflictException', 'An update is in progress')
      if (input.RevisionId && input.RevisionId !== this.latest.RevisionId) return this.fail(response, 412, 'PreconditionFailedException', 'revision changed')
      if (input.MemorySize !== undefined) this.latest.MemorySize = input.MemorySize
      this.latest.RevisionId = `rev-${++this.revision}`
      const delay = this.options.updateDelayMs ?? 0
      if (delay > 0) {
        this.latest.LastUpdateStatus = 'InProgress'
        setTimeout(() => (this.latest.LastUpdateStatus = 'Successful'), delay)
      }
      return this.send(response, 200, this.latest)
    }
    if (rest === '/versions' && method === 'POST') {
      if (this.options.failPublish?.(this.latest.MemorySize)) return this.fail(response, 500, 'ServiceException', 'simulated publish failure')
      // Like Lambda: publishing an unchanged configuration returns the version that already has it.
      const same = [...this.versions.values()].reverse().find((v) => v.MemorySize === this.latest.MemorySize)
      const newest = this.versionNames.at(-1)
      if (same && same.Version === newest) return this.send(response, 201, same)
      const version = String(this.nextVersion++)
      const config = {...this.latest, Version: version, FunctionArn: `${this.latest.FunctionArn}:${version}`}
      this.versions.set(version, config)
      this.coldVersions.add(version)
      return this.send(response, 201, config)
    }
    if (rest === '/versions' && method === 'GET') {
      return this.send(response, 200, {Versions: [this.latest, ...this.versionNames.map((v) => this.versions.get(v))]})
    }
    if (rest === '' && method === 'DELETE') {
      if (!qualifier || qualifier === '$LATEST') return this.fail(response, 400, 'InvalidParameterValueException', 'tune must never delete the function')
      if (!this.versions.delete(qualifier)) return this.fail(response, 404, 'ResourceNotFoundException', `version ${qualifier} not found`)
      response.writeHead(204)
      response.end()
      return
    }
    if (rest === '/invocations' && method === 'POST') return this.invoke(response, qualifier)
    if (rest === '/policy' && method === 'GET') return this.fail(response, 404, 'ResourceNotFoundException', 'The resource you requested does not exist.')
    if (rest === '/url' && method === 'GET') return this.fail(response, 404, 'ResourceNotFoundException', 'The resource you requested does not exist.')
    return this.fail(response, 404, 'ResourceNotFoundException', `no route ${method} ${url.pathname}`)
  }

  private async invoke(response: ServerResponse, qualifier: string | undefined): Promise<void> {
    if (this.throttlesLeft > 0) {
      this.throttlesLeft--
      return this.fail(response, 429, 'TooManyRequestsException', 'Rate Exceeded.')
    }
    const config = qualifier && qualifier !== '$LATEST' ? this.versions.get(qualifier) : this.latest
    if (!config) return this.fail(response, 404, 'ResourceNotFoundException', `version ${qualifier} not found`)
    this.invocations++
    const cold = this.coldVersions.delete(config.Version)
    const outcome = this.options.curve(config.MemorySize)
    const noise = this.options.noise ?? 0
    const base = typeof outcome === 'number' ? outcome : (outcome.durationMs ?? (outcome.error === 'timeout' ? config.Timeout * 1000 : 50))
    const duration = Math.max(1, base * (1 + (this.random() * 2 - 1) * noise))
    this.simulatedMs += duration
    if (this.options.realTime) await new Promise((resolve) => setTimeout(resolve, duration))
    const init = cold ? 180.5 : undefined
    const error = typeof outcome === 'number' ? undefined : outcome.error === 'oom' ? 'Runtime.OutOfMemory' : outcome.error === 'timeout' ? 'Sandbox.Timedout' : outcome.error
    const status = error === undefined ? 'success' : outcome !== undefined && typeof outcome !== 'number' && outcome.error === 'timeout' ? 'timeout' : 'error'
    const maxUsed = error === 'Runtime.OutOfMemory' ? config.MemorySize : Math.min(config.MemorySize, 90)
    const requestId = `req-${this.invocations}`
    const report =
      config.LoggingConfig.LogFormat === 'JSON'
        ? JSON.stringify({
            time: '2026-11-23T00:00:00.000Z',
            type: 'platform.report',
            record: {
              requestId,
              metrics: {durationMs: duration, billedDurationMs: Math.ceil(duration), memorySizeMB: config.MemorySize, maxMemoryUsedMB: maxUsed, ...(init ? {initDurationMs: init} : {})},
              status,
              ...(error ? {errorType: error} : {}),
            },
          })
        : `REPORT RequestId: ${requestId}\tDuration: ${duration.toFixed(2)} ms\tBilled Duration: ${Math.ceil(duration)} ms\tMemory Size: ${config.MemorySize} MB\tMax Memory Used: ${maxUsed} MB\t${init ? `Init Duration: ${init} ms\t` : ''}${status === 'success' ? '' : `Status: ${status}\t${error ? `Error Type: ${error}` : ''}`}`
    const log = `START RequestId: ${requestId} Version: ${config.Version}\nEND RequestId: ${requestId}\n${report}\n`
    const headers: Record<string, string> = {'X-Amz-Log-Result': Buffer.from(log).toString('base64'), 'X-Amz-Executed-Version': config.Version}
    if (error) {
      headers['X-Amz-Function-Error'] = 'Unhandled'
      return this.send(response, 200, {errorType: error, errorMessage: error === 'Sandbox.Timedout' ? 'Task timed out' : 'simulated failure'}, headers)
    }
    return this.send(response, 200, {ok: true}, headers)
  }
}

/** Environment that points the real SDK at the fake, with throwaway credentials. */
export function fakeAwsEnv(endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'eu-west-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
  }
}
