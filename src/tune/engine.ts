// The tuning run: for each memory value set, wait, publish, invoke and measure; then always put the function back as it was.
import {
  DeleteFunctionCommand,
  type FunctionConfiguration,
  GetFunctionConfigurationCommand,
  GetFunctionUrlConfigCommand,
  GetPolicyCommand,
  InvokeCommand,
  type LambdaClient,
  ListEventSourceMappingsCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda'

import type {Architecture} from './pricing.js'
import {parseLogTail} from './report-line.js'

export interface Payload {
  /** JSON text sent as the invocation payload. */
  body: string
  /** Relative weight among several payloads. */
  weight: number
  /** Where it came from, for reports (file name or "inline"). */
  label: string
}

export interface TunePlan {
  functionName: string
  memories: number[]
  invocations: number
  /** Invocations in flight at once for one memory value (1 = serial). */
  parallel: number
  payloads: Payload[]
  /** Error types (e.g. `ValidationError`) that count as a normal response, not a failure. */
  allowedErrors: string[]
}

export interface Sample {
  durationMs: number
  billedDurationMs: number
  initDurationMs?: number
  maxMemoryUsedMb?: number
  /** A cold start: the first invocation of a new version. */
  cold: boolean
  payload: string
  /** An allowed error type, when the invocation failed in an allowed way. */
  allowedError?: string
}

export interface MemoryRun {
  memoryMb: number
  version?: string
  samples: Sample[]
  /** Why this memory value failed (function error, timeout, out of memory, API error); it does not stop the run. */
  failure?: string
}

export interface FunctionFacts {
  name: string
  arn: string
  memoryMb: number
  timeoutSeconds: number
  architecture: Architecture
  region: string
  logFormat: string
}

export interface RestoreOutcome {
  memoryMb: number
  deletedVersions: string[]
  /** Anything that could not be put back, with the command that does it by hand. */
  problems: string[]
}

export interface TuneRun {
  function: FunctionFacts
  runs: MemoryRun[]
  /** Set when a signal stopped the measurement early. */
  interrupted?: string
  restore: RestoreOutcome
  /** Memory set at the end because `--apply` was given and the run finished. */
  applied?: number
  /** Time spent waiting for Lambda to finish configuration updates and to activate new versions. */
  configurationWaitMs: number
}

/** The function cannot be tuned safely as it is; nothing was changed. */
export class TuneRefusedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TuneRefusedError'
  }
}

export type TuneEvent =
  | {type: 'configure'; memoryMb: number}
  | {type: 'invoked'; memoryMb: number; done: number; total: number}
  | {type: 'failed'; memoryMb: number; reason: string}
  | {type: 'restoring'; memoryMb: number; versions: string[]}

export interface TuneOptions {
  client: LambdaClient
  signal?: AbortSignal
  onEvent?: (event: TuneEvent) => void
  /** Called when measurement finished without interruption; returns the memory to keep (`--apply`), or undefined to restore. */
  finalMemory?: (runs: MemoryRun[]) => number | undefined
  /** Delay between polls of an update's status. */
  pollIntervalMs?: number
  /** Longest wait for one configuration update. */
  updateTimeoutMs?: number
  sleep?: (ms: number) => Promise<void>
  /** Filled in by the run: time spent waiting on Lambda's configuration work. */
  timings?: {configurationWaitMs: number}
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Reads what `tune` needs to know about a function, refusing functions it cannot restore safely. */
export async function inspectFunction(client: LambdaClient, functionName: string): Promise<{facts: FunctionFacts; config: FunctionConfiguration}> {
  const config = await client.send(new GetFunctionConfigurationCommand({FunctionName: functionName}))
  if (config.LastUpdateStatus === 'InProgress') {
    throw new TuneRefusedError(`an update of ${config.FunctionName} is in progress; tune would not know which configuration to restore. Try again when it has finished.`)
  }
  if (config.State && config.State !== 'Active' && config.State !== 'Inactive') {
    throw new TuneRefusedError(`${config.FunctionName} is ${config.State}${config.StateReason ? ` (${config.StateReason})` : ''}; only active functions can be tuned.`)
  }
  if (config.MemorySize === undefined) throw new TuneRefusedError(`${functionName} did not report its memory size, so it could not be restored.`)
  const region = await client.config.region()
  return {
    config,
    facts: {
      name: config.FunctionName ?? functionName,
      arn: config.FunctionArn ?? functionName,
      memoryMb: config.MemorySize,
      timeoutSeconds: config.Timeout ?? 3,
      architecture: (config.Architectures?.[0] as Architecture | undefined) ?? 'x86_64',
      region,
      logFormat: config.LoggingConfig?.LogFormat ?? 'Text',
    },
  }
}

/**
 * What sends traffic to the function's unqualified ARN ($LATEST), whose memory tuning changes:
 * enabled event source mappings, resource-policy statements and a function URL.
 */
export async function trafficSources(client: LambdaClient, facts: FunctionFacts): Promise<string[]> {
  const sources: string[] = []
  const unqualified = (arn: string | undefined): boolean => arn === undefined || arn === facts.arn || arn === facts.name || arn.split(':').length === 7
  let marker: string | undefined
  do {
    const page = await client.send(new ListEventSourceMappingsCommand({FunctionName: facts.name, Marker: marker}))
    for (const mapping of page.EventSourceMappings ?? []) {
      if (mapping.State !== 'Disabled' && mapping.State !== 'Disabling' && unqualified(mapping.FunctionArn)) sources.push(`event source mapping from ${mapping.EventSourceArn ?? 'an event source'}`)
    }
    marker = page.NextMarker
  } while (marker)
  try {
    const policy = await client.send(new GetPolicyCommand({FunctionName: facts.name}))
    const statements = (JSON.parse(policy.Policy ?? '{}') as {Statement?: Array<{Principal?: unknown; Resource?: string}>}).Statement ?? []
    for (const statement of statements) {
      if (!unqualified(statement.Resource)) continue
      const principal = statement.Principal
      const who = typeof principal === 'string' ? principal : ((principal as {Service?: string; AWS?: string} | undefined)?.Service ?? (principal as {AWS?: string} | undefined)?.AWS ?? 'someone')
      sources.push(`resource policy lets ${String(who)} invoke it`)
    }
  } catch (error) {
    if ((error as {name?: string}).name !== 'ResourceNotFoundException') throw error
  }
  try {
    const url = await client.send(new GetFunctionUrlConfigCommand({FunctionName: facts.name}))
    if (url.FunctionUrl) sources.push(`function URL ${url.FunctionUrl}`)
  } catch (error) {
    if ((error as {name?: string}).name !== 'ResourceNotFoundException') throw error
  }
  return sources
}

/** Spreads `count` invocations over weighted payloads (largest remainders first), in a stable order. */
export function assignPayloads(payloads: readonly Payload[], count: number): Payload[] {
  const total = payloads.reduce((sum, payload) => sum + payload.weight, 0)
  const shares = payloads.map((payload) => (payload.weight / total) * count)
  const counts = shares.map(Math.floor)
  let left = count - counts.reduce((a, b) => a + b, 0)
  const byRemainder = shares.map((share, index) => ({index, remainder: share - Math.floor(share)})).sort((a, b) => b.remainder - a.remainder)
  for (const {index} of byRemainder) {
    if (left-- <= 0) break
    counts[index]!++
  }
  // Interleave so that each payload is spread over the run rather than bunched at its start.
  const result: Payload[] = []
  const remaining = [...counts]
  while (result.length < count) {
    payloads.forEach((payload, index) => {
      if (remaining[index]! > 0) {
        result.push(payload)
        remaining[index]!--
      }
    })
  }
  return result
}

/** Runs the whole measurement. The function is restored in every case, also when this throws. */
export async function runTuning(plan: TunePlan, options: TuneOptions): Promise<TuneRun> {
  const {client, signal} = options
  const sleep = options.sleep ?? defaultSleep
  options = {...options, timings: {configurationWaitMs: 0}}
  const {facts} = await inspectFunction(client, plan.functionName)
  const existingVersions = await listVersions(client, facts.name)
  const created: string[] = []
  const runs: MemoryRun[] = []
  let finished = false
  let applied: number | undefined
  let restore: RestoreOutcome | undefined
  try {
    for (const memoryMb of plan.memories) {
      if (signal?.aborted) break
      const run: MemoryRun = {memoryMb, samples: []}
      runs.push(run)
      options.onEvent?.({type: 'configure', memoryMb})
      try {
        await setMemory(client, facts.name, memoryMb, options, sleep)
        const published = await client.send(new PublishVersionCommand({FunctionName: facts.name, Description: `sls-eda tune: ${memoryMb} MB`}), {abortSignal: signal})
        const version = published.Version!
        // PublishVersion returns an existing version when nothing changed since it: never delete one we did not create.
        if (!existingVersions.has(version) && !created.includes(version)) created.push(version)
        run.version = version
        await waitForVersion(client, facts.name, version, options, sleep)
        await invokeAll(client, facts, run, plan, options)
      } catch (error) {
        if (signal?.aborted) break
        run.failure ??= `API error: ${describe(error)}`
        options.onEvent?.({type: 'failed', memoryMb, reason: run.failure})
      }
    }
    finished = !signal?.aborted
    if (finished && options.finalMemory) applied = options.finalMemory(runs)
  } finally {
    restore = await restoreFunction(client, facts, applied ?? facts.memoryMb, created, options, sleep)
  }
  return {
    function: facts,
    runs,
    interrupted: signal?.aborted ? String(signal.reason ?? 'interrupted') : undefined,
    restore,
    applied: restore.problems.length === 0 ? applied : undefined,
    configurationWaitMs: Math.round(options.timings!.configurationWaitMs),
  }
}

async function listVersions(client: LambdaClient, name: string): Promise<Set<string>> {
  const versions = new Set<string>()
  let marker: string | undefined
  do {
    const page = await client.send(new ListVersionsByFunctionCommand({FunctionName: name, Marker: marker}))
    for (const version of page.Versions ?? []) if (version.Version) versions.add(version.Version)
    marker = page.NextMarker
  } while (marker)
  return versions
}

/** Sets $LATEST's memory and waits until the update has finished. */
async function setMemory(client: LambdaClient, name: string, memoryMb: number, options: TuneOptions, sleep: (ms: number) => Promise<void>, abortable = true): Promise<void> {
  const current = await waitForUpdate(client, name, options, sleep)
  if (current.MemorySize === memoryMb) return
  await client.send(new UpdateFunctionConfigurationCommand({FunctionName: name, MemorySize: memoryMb, RevisionId: current.RevisionId}), abortable ? {abortSignal: options.signal} : {})
  const started = performance.now()
  const after = await waitForUpdate(client, name, options, sleep)
  if (options.timings) options.timings.configurationWaitMs += performance.now() - started
  if (after.LastUpdateStatus === 'Failed') throw new Error(`the update to ${memoryMb} MB failed: ${after.LastUpdateStatusReason ?? 'no reason given'}`)
}

/** Polls until no update is in progress; returns the configuration then. */
async function waitForUpdate(client: LambdaClient, name: string, options: TuneOptions, sleep: (ms: number) => Promise<void>): Promise<FunctionConfiguration> {
  const deadline = Date.now() + (options.updateTimeoutMs ?? 300_000)
  for (;;) {
    const config = await client.send(new GetFunctionConfigurationCommand({FunctionName: name}))
    if (config.LastUpdateStatus !== 'InProgress') return config
    if (Date.now() > deadline) throw new Error(`the function's update did not finish within ${Math.round((options.updateTimeoutMs ?? 300_000) / 1000)} s`)
    await sleep(options.pollIntervalMs ?? 1000)
  }
}

/** A new version starts Pending while Lambda prepares it (SnapStart, VPC); invoke it only once Active. */
async function waitForVersion(client: LambdaClient, name: string, version: string, options: TuneOptions, sleep: (ms: number) => Promise<void>): Promise<void> {
  const deadline = Date.now() + (options.updateTimeoutMs ?? 300_000)
  const started = performance.now()
  for (;;) {
    const config = await client.send(new GetFunctionConfigurationCommand({FunctionName: name, Qualifier: version}))
    if (config.State === undefined || config.State === 'Active') {
      if (options.timings) options.timings.configurationWaitMs += performance.now() - started
      return
    }
    if (config.State === 'Failed') throw new Error(`version ${version} failed to become active: ${config.StateReason ?? 'no reason given'}`)
    if (Date.now() > deadline) throw new Error(`version ${version} did not become active in time`)
    await sleep(options.pollIntervalMs ?? 1000)
  }
}

async function invokeAll(client: LambdaClient, facts: FunctionFacts, run: MemoryRun, plan: TunePlan, options: TuneOptions): Promise<void> {
  const queue = assignPayloads(plan.payloads, plan.invocations)
  let next = 0
  let done = 0
  const worker = async (): Promise<void> => {
    while (next < queue.length && !run.failure && !options.signal?.aborted) {
      const payload = queue[next++]!
      const sample = await invokeOnce(client, facts, run, payload, false, plan, options)
      if (sample) run.samples.push(sample)
      done++
      options.onEvent?.({type: 'invoked', memoryMb: run.memoryMb, done, total: queue.length})
    }
  }
  // The first invocation of a version is a cold start: run it alone so the others measure warm behaviour.
  if (queue.length > 0) {
    const payload = queue[next++]!
    const sample = await invokeOnce(client, facts, run, payload, true, plan, options)
    if (sample) run.samples.push(sample)
    done++
    options.onEvent?.({type: 'invoked', memoryMb: run.memoryMb, done, total: queue.length})
  }
  await Promise.all(Array.from({length: Math.max(1, Math.min(plan.parallel, queue.length))}, () => worker()))
}

async function invokeOnce(client: LambdaClient, facts: FunctionFacts, run: MemoryRun, payload: Payload, cold: boolean, plan: TunePlan, options: TuneOptions): Promise<Sample | undefined> {
  const response = await client.send(new InvokeCommand({FunctionName: facts.name, Qualifier: run.version, LogType: 'Tail', InvocationType: 'RequestResponse', Payload: new TextEncoder().encode(payload.body)}), {
    abortSignal: options.signal,
  })
  const tail = response.LogResult ? Buffer.from(response.LogResult, 'base64').toString('utf8') : ''
  const report = parseLogTail(tail)
  let errorType: string | undefined
  if (response.FunctionError) {
    const body = response.Payload ? new TextDecoder().decode(response.Payload) : ''
    let parsed: {errorType?: string; errorMessage?: string} = {}
    try {
      parsed = JSON.parse(body) as typeof parsed
    } catch {
      // Not JSON: the error type stays unknown.
    }
    errorType = report?.errorType ?? parsed.errorType ?? response.FunctionError
    if (report?.status === 'timeout') errorType = 'Sandbox.Timedout'
    if (!plan.allowedErrors.includes(errorType)) {
      const reason =
        report?.status === 'timeout'
          ? `timed out after ${facts.timeoutSeconds} s`
          : errorType === 'Runtime.OutOfMemory'
            ? `out of memory (${report?.maxMemoryUsedMb ?? run.memoryMb} MB used)`
            : `${errorType}${parsed.errorMessage ? `: ${parsed.errorMessage}` : ''}`
      run.failure = reason
      options.onEvent?.({type: 'failed', memoryMb: run.memoryMb, reason})
      return undefined
    }
  }
  if (!report) {
    run.failure = 'no REPORT line in the log tail (is logging disabled for the function?)'
    options.onEvent?.({type: 'failed', memoryMb: run.memoryMb, reason: run.failure})
    return undefined
  }
  return {
    durationMs: report.durationMs,
    billedDurationMs: report.billedDurationMs,
    initDurationMs: report.initDurationMs,
    maxMemoryUsedMb: report.maxMemoryUsedMb,
    cold: cold || report.initDurationMs !== undefined,
    payload: payload.label,
    allowedError: errorType,
  }
}

/** Puts memory back (or sets the applied value) and deletes every version the run created; never throws. */
async function restoreFunction(client: LambdaClient, facts: FunctionFacts, memoryMb: number, created: string[], options: TuneOptions, sleep: (ms: number) => Promise<void>): Promise<RestoreOutcome> {
  options.onEvent?.({type: 'restoring', memoryMb, versions: [...created]})
  const problems: string[] = []
  const restoreOptions: TuneOptions = {...options, signal: undefined}
  for (let attempt = 1; ; attempt++) {
    try {
      await setMemory(client, facts.name, memoryMb, restoreOptions, sleep, false)
      break
    } catch (error) {
      if (attempt >= 3) {
        problems.push(`memory is not back at ${memoryMb} MB (${describe(error)}); run: aws lambda update-function-configuration --function-name ${facts.name} --memory-size ${memoryMb}`)
        break
      }
      await sleep((options.pollIntervalMs ?? 1000) * attempt)
    }
  }
  const deleted: string[] = []
  for (const version of created) {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.send(new DeleteFunctionCommand({FunctionName: facts.name, Qualifier: version}))
        deleted.push(version)
        break
      } catch (error) {
        if ((error as {name?: string}).name === 'ResourceNotFoundException') {
          deleted.push(version)
          break
        }
        if (attempt >= 3) {
          problems.push(`version ${version} was not deleted (${describe(error)}); run: aws lambda delete-function --function-name ${facts.name} --qualifier ${version}`)
          break
        }
        await sleep((options.pollIntervalMs ?? 1000) * attempt)
      }
    }
  }
  return {memoryMb, deletedVersions: deleted, problems}
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name !== 'Error' ? `${error.name}: ` : ''}${error.message}`
  return String(error)
}
