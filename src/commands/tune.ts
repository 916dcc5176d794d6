// `sls-eda tune`: Lambda memory power-tuning from the CLI, leaving the function exactly as it found it.
import {Args, Command, Flags} from '@oclif/core'

import {applyColor} from '../lib/color.js'
import {EXIT, UsageError} from '../lib/exit-codes.js'
import {COLOR_FLAG} from '../lib/run-flags.js'
import {usageFailure} from '../lib/run-outcome.js'

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
    'dry-run': Flags.boolean({summary: 'Show the plan and the most the tuning can cost; invoke and change nothing.', exclusive: ['apply']}),
    apply: Flags.boolean({summary: 'Keep the memory recommended by --strategy at the end (only if the run finishes).', exclusive: ['dry-run']}),
    yes: Flags.boolean({char: 'y', summary: 'Do not ask before tuning a function that serves traffic.'}),
    profile: Flags.string({summary: 'AWS profile from the shared config and credentials files.'}),
    region: Flags.string({summary: 'AWS region (default: from the environment or profile).'}),
    color: COLOR_FLAG,
    seed: Flags.integer({summary: 'Seed of the bootstrap that compares the pick with the runner-up.', default: 1, hidden: true}),
    'poll-interval': Flags.integer({summary: 'Milliseconds between checks of a configuration update.', default: 1000, hidden: true}),
  }

  public async run(): Promise<unknown> {
    const {args, flags} = await this.parse(Tune)
    applyColor(flags.color)
    const {runTune} = await import('../tune/run.js')
    let outcome
    try {
      outcome = await runTune(
        args.function,
        {
          ...flags,
          payloadFile: flags['payload-file'],
          strategy: flags.strategy as 'cost' | 'speed' | 'balanced',
          includeColdStarts: flags['include-cold-starts'],
          allowedError: flags['allowed-error'],
          monthlyInvocations: flags['monthly-invocations'],
          dryRun: flags['dry-run'],
          pollInterval: flags['poll-interval'],
          json: this.jsonEnabled(),
        },
        {cwd: process.cwd()},
      )
    } catch (error) {
      if (error instanceof UsageError) return usageFailure(this, error)
      throw error
    }
    for (const notice of outcome.notices) this.logToStderr(notice)
    if (outcome.stdout !== undefined) process.stdout.write(outcome.stdout)
    for (const line of outcome.lines) this.log(line)
    if (outcome.failure && !this.jsonEnabled()) this.error(outcome.failure, {exit: outcome.exitCode})
    // Interrupted runs end normally (the function is restored) with the shell's code for the signal.
    if (outcome.exitCode !== EXIT.ok) process.exitCode = outcome.exitCode
    return outcome.json
  }
}
