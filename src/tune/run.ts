// What `sls-eda tune` does once its flags are parsed: plan, safety checks, the measurement with restore, the analysis, and what is shown.
import {EXIT, UsageError} from '../lib/exit-codes.js'
import {tuneUsageError} from './errors.js'

export interface TuneFlags {
  memory?: string
  invocations: number
  parallel: number
  payload?: string
  payloadFile?: string[]
  strategy: 'cost' | 'speed' | 'balanced'
  weight: string
  trim: string
  includeColdStarts: boolean
  allowedError?: string[]
  monthlyInvocations?: number
  report?: string
  dryRun: boolean
  apply: boolean
  yes: boolean
  profile?: string
  region?: string
  seed: number
  pollInterval: number
  /** `--json`: return the document instead of printing text. */
  json: boolean
}

export interface TuneOutcome {
  exitCode: number
  /** What `--json` prints (also returned without --json, as oclif ignores it then). */
  json?: unknown
  /** Text for standard output, then lines for `log`. */
  stdout?: string
  lines: string[]
  /** Notes for standard error (a report written). */
  notices: string[]
  /** Set when the run must end as an error with `exitCode` (the function was not put back). */
  failure?: string
}

/** Tunes `functionName`; bad input, AWS refusals and a function that cannot be tuned safely throw UsageError. */
export async function runTune(functionName: string, flags: TuneFlags, env: {cwd: string; now?: Date}): Promise<TuneOutcome> {
  const weight = Number(flags.weight)
  if (!(weight >= 0 && weight <= 1)) throw new UsageError(`--weight must be a number from 0 to 1, not "${flags.weight}"`)
  const trim = Number(flags.trim)
  if (!(trim >= 0 && trim < 0.5)) throw new UsageError(`--trim must be a share from 0 to below 0.5 (e.g. 0.1), not "${flags.trim}"`)

  const [{LambdaClient}, {awsClientConfig, profileNotFound, recordCallSites}, engine, plan, {analyse, estimateTuningCost}, {pricesFor}] = await Promise.all([
    import('@aws-sdk/client-lambda'),
    import('../lib/aws.js'),
    import('./engine.js'),
    import('./plan.js'),
    import('./analyse.js'),
    import('./pricing.js'),
  ])
  let payloads
  try {
    payloads = plan.loadPayloads(flags.payload, flags.payloadFile)
    plan.parseMemories(flags.memory)
  } catch (error) {
    if (error instanceof plan.PlanError) throw new UsageError(error.message)
    throw error
  }

  const missingProfile = await profileNotFound(flags.profile)
  if (missingProfile) throw new UsageError(missingProfile)
  const client = new LambdaClient(awsClientConfig({profile: flags.profile, region: flags.region}))
  recordCallSites(client, 'lambda')
  let inspected
  try {
    inspected = await engine.inspectFunction(client, functionName)
  } catch (error) {
    throw tuneUsageError(error)
  }
  const {facts} = inspected
  const memories = plan.parseMemories(flags.memory, facts.memoryMb)
  const prices = pricesFor(facts.architecture, facts.region)

  if (flags.dryRun) {
    const estimate = estimateTuningCost(memories, flags.invocations, facts.timeoutSeconds, prices)
    const dryRun = {
      function: facts,
      memories,
      invocationsPerMemory: flags.invocations,
      totalInvocations: estimate.invocations,
      maxCostUsd: estimate.maxCost,
      payloads: payloads.map((p) => ({label: p.label, weight: p.weight})),
    }
    if (flags.json) return {exitCode: EXIT.ok, json: dryRun, lines: [], notices: []}
    const lines = [
      `Plan for ${facts.name} (${facts.architecture}, ${facts.region}, now ${facts.memoryMb} MB, timeout ${facts.timeoutSeconds} s):`,
      `  memory values: ${memories.join(', ')} MB`,
      `  ${flags.invocations} invocations each, ${estimate.invocations} in all, ${flags.parallel} at a time, payloads: ${payloads.map((p) => `${p.label}${payloads.length > 1 ? ` ×${p.weight}` : ''}`).join(', ')}`,
      `  the tuning costs at most $${estimate.maxCost.toFixed(4)} (if every invocation ran to the ${facts.timeoutSeconds} s timeout), usually far less`,
      `  it publishes ${memories.length} versions and deletes them at the end; nothing was invoked or changed now.`,
    ]
    return {exitCode: EXIT.ok, json: dryRun, lines, notices: []}
  }

  let sources: string[] = []
  try {
    sources = await engine.trafficSources(client, facts)
  } catch (error) {
    throw tuneUsageError(error)
  }
  if (sources.length > 0 && !flags.yes) {
    const what = `${facts.name} serves traffic (${sources.join('; ')}): while it is tuned, that traffic runs at each memory value tried.`
    if (!process.stdin.isTTY || flags.json) throw new UsageError(`${what} Pass --yes to tune it anyway.`)
    const {confirm, isCancel} = await import('@clack/prompts')
    const answer = await confirm({message: `${what} Continue?`, initialValue: false})
    if (isCancel(answer) || answer !== true) return {exitCode: EXIT.ok, lines: ['Cancelled; nothing was changed.'], notices: []}
  }

  const {watchInterruptions} = await import('./interrupt.js')
  const {tuneProgress} = await import('./progress.js')
  const interruption = watchInterruptions(facts.name)
  const progress = tuneProgress(process.stderr.isTTY && !flags.json && !process.env.CI)
  const strategy = flags.strategy
  const analyseOptions = {strategy, weight, trim, includeColdStarts: flags.includeColdStarts, monthlyInvocations: flags.monthlyInvocations, seed: flags.seed}
  let result
  try {
    result = await engine.runTuning(
      {functionName: facts.arn, memories, invocations: flags.invocations, parallel: flags.parallel, payloads, allowedErrors: flags.allowedError ?? []},
      {
        client,
        signal: interruption.signal,
        pollIntervalMs: flags.pollInterval,
        finalMemory: flags.apply ? (runs) => analyse({function: facts, runs}, analyseOptions).recommendations[strategy]?.memoryMb : undefined,
        onEvent: (event) => progress.onEvent(event),
      },
    )
  } catch (error) {
    throw tuneUsageError(error)
  } finally {
    interruption.stop()
    progress.clear()
  }
  const analysis = analyse(result, analyseOptions)
  const notices: string[] = []
  if (flags.report) {
    const {renderHtml} = await import('./render.js')
    const {writeOutput} = await import('../report/output.js')
    notices.push(`sls-eda: report written to ${writeOutput(flags.report, renderHtml(result, analysis, env.now ?? new Date()), env.cwd)}`)
  }

  const signalled = interruption.received()
  const failure = result.restore.problems.length > 0 ? `the function was not put back as it was: ${result.restore.problems.join('; ')}` : undefined
  const exitCode = failure ? EXIT.restoreFailed : signalled ? (signalled === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted) : Object.keys(analysis.recommendations).length === 0 ? EXIT.findings : EXIT.ok
  if (flags.json) {
    const json = {
      function: result.function,
      interrupted: result.interrupted,
      restore: result.restore,
      configurationWaitMs: result.configurationWaitMs,
      applied: result.applied,
      strategy,
      weight,
      recommendations: analysis.recommendations,
      monthly: analysis.monthly,
      prices: analysis.prices,
      memories: analysis.stats.map(({durations, costs, ...rest}) => rest),
    }
    return {exitCode, json, lines: [], notices}
  }
  const {renderTerminal} = await import('./render.js')
  const restoreLine =
    result.restore.problems.length > 0
      ? `NOT fully restored:\n  ${result.restore.problems.join('\n  ')}`
      : result.applied !== undefined
        ? `Applied ${result.applied} MB (was ${facts.memoryMb} MB); deleted versions ${result.restore.deletedVersions.join(', ') || 'none'}.`
        : `Restored ${facts.memoryMb} MB; deleted versions ${result.restore.deletedVersions.join(', ') || 'none'}.`
  return {exitCode, stdout: renderTerminal(result, analysis), lines: [restoreLine], notices, failure}
}
