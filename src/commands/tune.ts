// `sls-eda tune`: Lambda memory power-tuning from the CLI, leaving the function exactly as it found it.
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {Args, Command, Flags} from '@oclif/core'

import {EXIT} from '../lib/exit-codes.js'

export default class Tune extends Command {
  static override summary = 'Measure a Lambda function at several memory sizes and recommend the best one.'

  static override description = `For each memory value: sets the function's memory, waits for the update, publishes a version, invokes that version and reads each invocation's REPORT line. Whatever happens (success, errors, Ctrl-C, SIGTERM) the function ends with the memory it started with (unless --apply was given and the run finished) and every version the run published is deleted.
Exit codes: 0 done, 1 no memory value succeeded, 2 bad input or the function cannot be tuned safely, 4 the function could not be restored (the message says what to run), 130/143 interrupted (after restoring).`

  static override examples = [
    {command: '<%= config.bin %> tune orders-worker --payload-file events/sqs.json', description: 'Tune with one payload, default memory values.'},
    {
      command: '<%= config.bin %> tune arn:aws:lambda:eu-west-1:123456789012:function:resize --memory 512,1024,1769,3008 --invocations 20 --strategy balanced --weight 0.7 --report tune.html',
      description: 'Choose the memory values and the trade-off, and write an HTML report.',
    },
    {command: '<%= config.bin %> tune resize --dry-run', description: 'Show the plan and the most the tuning can cost; nothing is invoked or changed.'},
    {command: '<%= config.bin %> tune resize --apply', description: 'Keep the recommended memory at the end.'},
  ]

  static override args = {
    function: Args.string({description: 'Function name or ARN.', required: true}),
  }

  static override enableJsonFlag = true

  static override flags = {
    memory: Flags.string({char: 'm', summary: 'Comma-separated memory values in MB (default 128,256,512,1024,1536,2048,3008); the current value is always added.'}),
    invocations: Flags.integer({char: 'n', summary: 'Invocations per memory value (the first, a cold start, is reported apart).', default: 10, min: 3, max: 1000}),
    parallel: Flags.integer({summary: 'Invocations in flight at once for one memory value.', default: 1, min: 1, max: 100}),
    payload: Flags.string({summary: 'Invocation payload as inline JSON.'}),
    'payload-file': Flags.string({summary: 'Payload file, optionally with a relative weight (events/big.json:3); repeatable for a weighted mix.', multiple: true}),
    strategy: Flags.string({char: 's', summary: 'What to optimise for.', options: ['cost', 'speed', 'balanced'], default: 'cost'}),
    weight: Flags.string({summary: 'For --strategy balanced: 0 favours speed only, 1 favours cost only.', default: '0.5'}),
    trim: Flags.string({summary: 'Share of the fastest and slowest invocations dropped at each end before the medians.', default: '0.1'}),
    'include-cold-starts': Flags.boolean({summary: 'Count cold starts in the medians instead of reporting them apart.'}),
    'allowed-error': Flags.string({summary: 'Error type that counts as a normal response (e.g. ValidationError); repeatable.', multiple: true}),
    'monthly-invocations': Flags.integer({summary: 'Project the monthly cost at each memory value and the saving against the current one.', min: 0}),
    report: Flags.string({summary: 'Write a self-contained HTML report with the cost and duration curves.'}),
    'dry-run': Flags.boolean({summary: 'Show the plan and the most the tuning can cost; invoke and change nothing.'}),
    apply: Flags.boolean({summary: 'Keep the memory recommended by --strategy at the end (only if the run finishes).'}),
    yes: Flags.boolean({char: 'y', summary: 'Do not ask before tuning a function that serves traffic.'}),
    profile: Flags.string({summary: 'AWS profile from the shared config and credentials files.'}),
    region: Flags.string({summary: 'AWS region (default: from the environment or profile).'}),
    seed: Flags.integer({summary: 'Seed of the bootstrap that compares the pick with the runner-up.', default: 1, hidden: true}),
    'poll-interval': Flags.integer({summary: 'Milliseconds between checks of a configuration update.', default: 1000, hidden: true}),
  }

  public async run(): Promise<unknown> {
    const {args, flags} = await this.parse(Tune)
    const weight = Number(flags.weight)
    if (!(weight >= 0 && weight <= 1)) this.error(`--weight must be a number from 0 to 1, not "${flags.weight}"`, {exit: EXIT.usage})
    const trim = Number(flags.trim)
    if (!(trim >= 0 && trim < 0.5)) this.error(`--trim must be a share from 0 to below 0.5 (e.g. 0.1), not "${flags.trim}"`, {exit: EXIT.usage})

    const [{LambdaClient}, {awsClientConfig}, engine, plan, {analyse, estimateTuningCost}, {pricesFor}] = await Promise.all([
      import('@aws-sdk/client-lambda'),
      import('../lib/aws.js'),
      import('../tune/engine.js'),
      import('../tune/plan.js'),
      import('../tune/analyse.js'),
      import('../tune/pricing.js'),
    ])
    let payloads
    try {
      payloads = plan.loadPayloads(flags.payload, flags['payload-file'])
      plan.parseMemories(flags.memory)
    } catch (error) {
      if (error instanceof plan.PlanError) this.error(error.message, {exit: EXIT.usage})
      throw error
    }

    const client = new LambdaClient(awsClientConfig({profile: flags.profile, region: flags.region}))
    let inspected
    try {
      inspected = await engine.inspectFunction(client, args.function)
    } catch (error) {
      this.failOnAwsError(error, engine.TuneRefusedError)
    }
    const {facts} = inspected!
    const memories = plan.parseMemories(flags.memory, facts.memoryMb)
    const prices = pricesFor(facts.architecture, facts.region)

    if (flags['dry-run']) {
      const estimate = estimateTuningCost(memories, flags.invocations, facts.timeoutSeconds, prices)
      const dryRun = {function: facts, memories, invocationsPerMemory: flags.invocations, totalInvocations: estimate.invocations, maxCostUsd: estimate.maxCost, payloads: payloads.map((p) => ({label: p.label, weight: p.weight}))}
      if (this.jsonEnabled()) return dryRun
      this.log(`Plan for ${facts.name} (${facts.architecture}, ${facts.region}, now ${facts.memoryMb} MB, timeout ${facts.timeoutSeconds} s):`)
      this.log(`  memory values: ${memories.join(', ')} MB`)
      this.log(`  ${flags.invocations} invocations each, ${estimate.invocations} in all, ${flags.parallel} at a time, payloads: ${payloads.map((p) => `${p.label}${payloads.length > 1 ? ` ×${p.weight}` : ''}`).join(', ')}`)
      this.log(`  the tuning costs at most $${estimate.maxCost.toFixed(4)} (if every invocation ran to the ${facts.timeoutSeconds} s timeout), usually far less`)
      this.log(`  it publishes ${memories.length} versions and deletes them at the end; nothing was invoked or changed now.`)
      return dryRun
    }

    let sources: string[] = []
    try {
      sources = await engine.trafficSources(client, facts)
    } catch (error) {
      this.failOnAwsError(error, engine.TuneRefusedError)
    }
    if (sources.length > 0 && !flags.yes) {
      const what = `${facts.name} serves traffic (${sources.join('; ')}): while it is tuned, that traffic runs at each memory value tried.`
      if (!process.stdin.isTTY || this.jsonEnabled()) this.error(`${what} Pass --yes to tune it anyway.`, {exit: EXIT.usage})
      const {confirm, isCancel} = await import('@clack/prompts')
      const answer = await confirm({message: `${what} Continue?`, initialValue: false})
      if (isCancel(answer) || answer !== true) {
        this.log('Cancelled; nothing was changed.')
        return undefined
      }
    }

    const controller = new AbortController()
    let signalled: NodeJS.Signals | undefined
    const onSignal = (signal: NodeJS.Signals): void => {
      if (signalled) {
        process.stderr.write(`\nsls-eda: still restoring ${facts.name}; please wait.\n`)
        return
      }
      signalled = signal
      process.stderr.write(`\nsls-eda: ${signal} received: stopping and restoring ${facts.name}…\n`)
      controller.abort(signal)
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
    const progress = process.stderr.isTTY && !this.jsonEnabled() && !process.env.CI
    const strategy = flags.strategy as 'cost' | 'speed' | 'balanced'
    const analyseOptions = {strategy, weight, trim, includeColdStarts: flags['include-cold-starts'], monthlyInvocations: flags['monthly-invocations'], seed: flags.seed}
    let run
    try {
      run = await engine.runTuning(
        {functionName: facts.arn, memories, invocations: flags.invocations, parallel: flags.parallel, payloads, allowedErrors: flags['allowed-error'] ?? []},
        {
          client,
          signal: controller.signal,
          pollIntervalMs: flags['poll-interval'],
          finalMemory: flags.apply ? (runs) => analyse({function: facts, runs}, analyseOptions).recommendations[strategy]?.memoryMb : undefined,
          onEvent: (event) => {
            if (event.type === 'failed') process.stderr.write(`${progress ? '\r\u001B[K' : ''}${event.memoryMb} MB failed: ${event.reason}\n`)
            if (!progress) return
            if (event.type === 'configure') process.stderr.write(`\r\u001B[K${event.memoryMb} MB: configuring…`)
            if (event.type === 'invoked') process.stderr.write(`\r\u001B[K${event.memoryMb} MB: ${event.done}/${event.total} invocations`)
            if (event.type === 'restoring') process.stderr.write(`\r\u001B[Krestoring ${event.memoryMb} MB, deleting ${event.versions.length} versions…`)
          },
        },
      )
    } catch (error) {
      this.failOnAwsError(error, engine.TuneRefusedError)
    } finally {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      if (progress) process.stderr.write('\r\u001B[K')
    }
    const result = run!
    const analysis = analyse(result, analyseOptions)
    if (flags.report) {
      const {renderHtml} = await import('../tune/render.js')
      const target = path.resolve(flags.report)
      mkdirSync(path.dirname(target), {recursive: true})
      writeFileSync(target, renderHtml(result, analysis, new Date()))
      this.logToStderr(`sls-eda: report written to ${path.relative(process.cwd(), target) || target}`)
    }
    const restoreLine = result.restore.problems.length > 0
      ? `NOT fully restored:\n  ${result.restore.problems.join('\n  ')}`
      : result.applied !== undefined
        ? `Applied ${result.applied} MB (was ${facts.memoryMb} MB); deleted versions ${result.restore.deletedVersions.join(', ') || 'none'}.`
        : `Restored ${facts.memoryMb} MB; deleted versions ${result.restore.deletedVersions.join(', ') || 'none'}.`
    let output: unknown
    if (this.jsonEnabled()) {
      output = {
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
    } else {
      const {renderTerminal} = await import('../tune/render.js')
      process.stdout.write(renderTerminal(result, analysis))
      this.log(restoreLine)
    }
    if (result.restore.problems.length > 0) {
      if (this.jsonEnabled()) process.exitCode = EXIT.restoreFailed
      else this.error(`the function was not put back as it was: ${result.restore.problems.join('; ')}`, {exit: EXIT.restoreFailed})
    } else if (signalled) {
      process.exitCode = signalled === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted
    } else if (Object.keys(analysis.recommendations).length === 0) {
      process.exitCode = EXIT.findings
    }
    return output
  }

  /** Turns AWS and refusal errors into one clear line and exit code 2; anything else is a bug and propagates. */
  private failOnAwsError(error: unknown, refused: new (...args: never[]) => Error): never {
    if (error instanceof refused) this.error(error.message, {exit: EXIT.usage})
    const name = (error as {name?: string}).name ?? ''
    const message = (error as Error).message ?? String(error)
    if (name === 'ResourceNotFoundException') this.error(`function not found: ${message}`, {exit: EXIT.usage})
    if (/Region is missing/i.test(message)) this.error('no AWS region: pass --region or set AWS_REGION (or a region in your profile)', {exit: EXIT.usage})
    if (name === 'CredentialsProviderError' || /credential/i.test(message)) this.error(`no usable AWS credentials: ${message}`, {exit: EXIT.usage})
    if (name === 'AccessDeniedException' || name === 'AccessDenied') this.error(`access denied: ${message}`, {exit: EXIT.usage})
    this.error(`${name ? `${name}: ` : ''}${message}`, {exit: EXIT.usage})
  }
}
