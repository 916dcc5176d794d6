// `sls-eda new`: scaffolds an event-driven project (SAM or CDK) that passes its own tests and `sls-eda lint`.
import path from 'node:path'

import {Args, Command, Flags} from '@oclif/core'

import {EXIT} from '../lib/exit-codes.js'
import {COLOR_FLAG} from '../lib/run-flags.js'
import {DEFAULT_LANGUAGE, findLanguage, LANGUAGES} from '../scaffold/languages.js'
import {IAC_FLAVOURS, PATTERNS} from '../scaffold/patterns.js'
import {ARCHITECTURES, defaultRuntime, supportedRuntimes} from '../scaffold/runtimes.js'

export default class New extends Command {
  static override summary = 'Create an event-driven serverless project (SAM or CDK) that follows every practice sls-eda checks.'

  static override description = `Generates a project for one of the patterns (see --list): infrastructure as a SAM template or a CDK app (TypeScript), handlers in TypeScript or Python using Powertools for AWS Lambda, unit tests, sample events and a README.
In a terminal, missing choices are asked for; without one (or with --json), a missing or unknown value is an error that lists the valid values (exit code 2).
Files are written to a temporary folder and moved into place; a non-empty folder is never written into without --force.`

  static override examples = [
    {command: '<%= config.bin %> new', description: 'Choose the pattern, flavour, language and name interactively.'},
    {command: '<%= config.bin %> new queue-worker --iac sam --name orders-worker', description: 'A SAM queue worker in ./orders-worker.'},
    {command: '<%= config.bin %> new saga --iac cdk --dir services/booking', description: 'A CDK saga in ./services/booking, named booking.'},
    {command: '<%= config.bin %> new queue-worker --iac sam --language python', description: 'A SAM queue worker with Python handlers (pytest tests, pyproject.toml).'},
    {command: '<%= config.bin %> new webhook --iac sam --alarm-email oncall@example.com', description: 'Alarms notify an email address.'},
    {command: '<%= config.bin %> new outbox --iac cdk --dry-run', description: 'List the files it would write.'},
    {command: '<%= config.bin %> new --list', description: 'The patterns, one line each.'},
  ]

  static override args = {
    pattern: Args.string({description: `Pattern to generate: ${PATTERNS.map((pattern) => pattern.name).join(', ')}.`, required: false}),
  }

  static override enableJsonFlag = true

  static override flags = {
    iac: Flags.string({summary: 'Infrastructure-as-code flavour.', description: `One of: ${IAC_FLAVOURS.join(', ')}.`}),
    language: Flags.string({
      summary: `Language of the handlers and their tests (default: ${DEFAULT_LANGUAGE}; asked in a terminal).`,
      description: `One of: ${LANGUAGES.map((language) => language.name).join(', ')}. A CDK app is TypeScript whatever the handlers' language.`,
    }),
    name: Flags.string({summary: 'Project name: npm package, stack name and resource prefix (lowercase letters, digits, hyphens).'}),
    dir: Flags.string({summary: 'Folder to create the project in (default: ./<name>).'}),
    runtime: Flags.string({
      summary: 'Lambda runtime of the chosen language (default: the newest Lambda supports).',
      description:
        LANGUAGES.map(
          (language) =>
            `${language.name}: ${supportedRuntimes(new Date(), language.runtimes)
              .map((runtime) => runtime.id)
              .join(', ')} (default ${defaultRuntime(new Date(), language.runtimes).id})`,
        ).join('; ') + '.',
    }),
    arch: Flags.string({summary: 'Lambda architecture (default: arm64, better price/performance).', description: `One of: ${ARCHITECTURES.join(', ')}.`}),
    'alarm-email': Flags.string({summary: 'Email address the generated alarm topic notifies.', exclusive: ['alarm-topic-arn']}),
    'alarm-topic-arn': Flags.string({summary: 'Existing SNS topic the alarms notify, instead of creating one.', exclusive: ['alarm-email']}),
    'dry-run': Flags.boolean({summary: 'List the files that would be written, and write nothing.'}),
    force: Flags.boolean({summary: 'Write into a non-empty folder, replacing files with the same names (other files are kept).'}),
    list: Flags.boolean({summary: 'List the patterns with a one-line summary each.'}),
    color: COLOR_FLAG,
  }

  public async run(): Promise<unknown> {
    const {args, flags} = await this.parse(New)
    // The prompts colour through node:util styleText, which reads these variables.
    if (flags.color === false) process.env.FORCE_COLOR = '0'
    if (flags.color === true) process.env.FORCE_COLOR = '1'
    if (flags.list) {
      if (this.jsonEnabled()) return {patterns: PATTERNS.map(({name, summary, flavours}) => ({name, summary, flavours}))}
      const width = Math.max(...PATTERNS.map((pattern) => pattern.name.length))
      for (const pattern of PATTERNS) this.log(`${pattern.name.padEnd(width)}  ${pattern.summary}`)
      return undefined
    }
    const {generate, PromptCancelled, resolveRequest, UsageError} = await import('../scaffold/index.js')
    const cwd = process.cwd()
    const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY) && !this.jsonEnabled()
    let request
    try {
      const {clackPrompter} = await import('../scaffold/prompts.js')
      request = await resolveRequest(
        {
          pattern: args.pattern,
          iac: flags.iac,
          language: flags.language,
          name: flags.name,
          dir: flags.dir,
          runtime: flags.runtime,
          arch: flags.arch,
          alarmEmail: flags['alarm-email'],
          alarmTopicArn: flags['alarm-topic-arn'],
          force: flags.force,
        },
        {cwd, now: new Date(), interactive, prompter: interactive ? clackPrompter() : undefined},
      )
    } catch (error) {
      if (error instanceof UsageError) {
        // With --json, oclif takes the exit code from process.exitCode rather than the error.
        process.exitCode = EXIT.usage
        this.error(error.message, {exit: EXIT.usage})
      }
      if (error instanceof PromptCancelled) {
        this.logToStderr(error.message)
        return this.exit(EXIT.interrupted)
      }
      throw error
    }
    const {slsEdaDependency, npxCommand} = await import('../scaffold/install-source.js')
    const self = {version: this.config.version, dependency: slsEdaDependency(this.config.root, this.config.name, this.config.version)}
    const result = generate(request, {self, dryRun: flags['dry-run']})
    const shown = path.relative(cwd, result.dir) || '.'
    const summary = {
      pattern: request.pattern,
      iac: request.iac,
      language: request.language,
      name: request.name,
      dir: result.dir,
      runtime: request.runtime.id,
      arch: request.arch,
      slsEda: self.dependency,
      written: result.written,
      files: result.files.map((file) => file.path),
    }
    if (this.jsonEnabled()) return summary
    if (!result.written) {
      this.log(`Would write ${result.files.length} files to ${shown}:`)
      for (const file of result.files) this.log(`  ${file.path}`)
      return undefined
    }
    this.log(`Created ${request.pattern} (${request.iac}, ${request.language}) in ${shown}: ${result.files.length} files.`)
    this.log('Next:')
    this.log(`  cd ${shown}`)
    for (const step of findLanguage(request.language)!.nextSteps(request.iac, npxCommand(self.dependency, this.config.bin))) this.log(`  ${step}`)
    if (self.dependency.source !== 'registry') this.log(`  (sls-eda is installed from ${self.dependency.spec.replace(/^file:/, '')}, as this one was)`)
    this.log('  see README.md to deploy it')
    return undefined
  }
}
