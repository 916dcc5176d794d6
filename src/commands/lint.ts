// `sls-eda lint`: checks SAM, CloudFormation and CDK templates against the rule catalogue.
import {Args, Command, Flags} from '@oclif/core'

import type {Preset} from '../engine/presets.js'
import {UsageError} from '../lib/exit-codes.js'
import {COLOR_FLAG, jsonFlagConflict, RUN_FLAGS} from '../lib/run-flags.js'
import {runForCommand} from '../lib/run-outcome.js'
import type {Format} from '../report/types.js'
import type {Severity} from '../rules/types.js'

export default class Lint extends Command {
  static override summary = 'Check SAM, CloudFormation and CDK templates against serverless best practices.'

  static override description = `Lints the given templates, folders and CDK cloud assemblies (cdk.out), or every template found under the current folder.
A Serverless Framework service (serverless.yml) is linted from the template \`serverless package\` writes; findings name the function or resource in serverless.yml.
Environment: NO_COLOR and FORCE_COLOR (colour; --color/--no-color win), SLS_EDA_DOCS_URL (where rule links point), SLS_EDA_WORKERS (threads; 0 lints in one).
Exit codes: 0 nothing failed the run, 1 findings at or above --fail-level (or more warnings than --max-warnings), 2 unusable input (bad flags or configuration, a path that does not exist, no template found, unreadable or unparseable files; the other files are still linted).`

  static override examples = [
    {command: '<%= config.bin %> lint', description: 'Lint every template under the current folder.'},
    {command: '<%= config.bin %> lint template.yaml cdk.out/', description: 'Lint a SAM template and a CDK cloud assembly.'},
    {command: "<%= config.bin %> lint 'stacks/*.yaml'", description: 'Lint the files a glob matches (quoted, so every shell passes it the same way).'},
    {command: '<%= config.bin %> lint services/orders', description: 'Lint a Serverless Framework service after `serverless package`; findings point into its serverless.yml.'},
    {command: '<%= config.bin %> lint --format sarif --output results.sarif', description: 'Write SARIF for GitHub code scanning.'},
    {command: '<%= config.bin %> lint --fail-level warning --max-warnings 0', description: 'Fail on any warning.'},
    {command: "<%= config.bin %> lint stacks/ --stack-group 'orders=stacks/orders-*.yaml' --stack-group 'billing=stacks/billing-*.yaml'", description: 'Two applications in one folder, linked separately.'},
    {command: '<%= config.bin %> lint --cache --cache-location .cache/sls-eda', description: 'In CI, re-lint only what changed since the cached run.'},
    {command: '<%= config.bin %> lint --fix-dry-run', description: 'Show the fixes as a diff without writing them.'},
    {command: '<%= config.bin %> lint --fix --unsafe-fixes template.yaml', description: 'Write every fix, including those that change behaviour.'},
  ]

  static override strict = false

  static override args = {
    paths: Args.string({description: 'Template files, folders, globs, cdk.out folders or Serverless Framework services to lint (default: the current folder).', required: false}),
  }

  static override enableJsonFlag = true

  static override flags = {
    format: RUN_FLAGS.format,
    output: RUN_FLAGS.output,
    'fail-level': RUN_FLAGS['fail-level'],
    'max-warnings': Flags.integer({summary: 'Fail the run when there are more warnings than this, whatever the fail level.', min: 0}),
    config: RUN_FLAGS.config,
    // Non-greedy: `--ignore x template.yaml` keeps template.yaml a path (and matches the fast path in bin/run.js).
    ignore: Flags.string({summary: 'Glob of files to skip, relative to the current folder; repeatable.', multiple: true, multipleNonGreedy: true}),
    preset: RUN_FLAGS.preset,
    rule: Flags.string({summary: 'Run only this rule (id or name); repeatable.', multiple: true, multipleNonGreedy: true}),
    'pass-on-no-templates': Flags.boolean({summary: 'Exit 0 when the paths hold no template to lint (by default that is an error, exit code 2).'}),
    color: COLOR_FLAG,
    'stack-group': Flags.string({
      summary: 'Templates that form one application, as comma-separated globs relative to the current folder (NAME=GLOB,GLOB names it); repeatable.',
      description: 'By default the templates of each folder given (and the files given by name) may link into applications; a stack group splits a folder or joins templates from several.',
      multiple: true,
      multipleNonGreedy: true,
    }),
    fix: Flags.boolean({summary: 'Write safe fixes into the templates (comments and layout are kept), then report what is left.', exclusive: ['fix-dry-run']}),
    'fix-dry-run': Flags.boolean({summary: 'Print the fixes as a unified diff and change nothing; exit code 1 when there is something to fix.', aliases: ['diff']}),
    cache: Flags.boolean({summary: 'Lint only the files that changed since the last run with --cache; reuse the other results.'}),
    'cache-location': Flags.string({summary: 'Folder of the cache (default: .sls-eda-cache in the current folder).'}),
    'fix-edits': Flags.boolean({summary: "With --format json or sarif (or --json): carry each finding's fix as text edits (SARIF fixes); builds every fix, so a large run takes longer."}),
    'unsafe-fixes': Flags.boolean({summary: 'With --fix or --fix-dry-run, also apply fixes that change behaviour (each rule says what).'}),
  }

  public async run(): Promise<unknown> {
    const {argv, flags, metadata} = await this.parse(Lint)
    const conflict = jsonFlagConflict(this.jsonEnabled(), flags, !metadata.flags.format?.setFromDefault)
    const {runLint} = await import('../lint/run.js')
    return runForCommand(this, async () => {
      if (conflict) throw new UsageError(conflict)
      return runLint(
        argv as string[],
        {
          format: flags.format as Format,
          output: flags.output,
          failLevel: flags['fail-level'] as Severity,
          maxWarnings: flags['max-warnings'],
          config: flags.config,
          ignore: flags.ignore,
          preset: flags.preset as Preset | undefined,
          rule: flags.rule,
          passOnNoTemplates: flags['pass-on-no-templates'],
          color: flags.color,
          stackGroup: flags['stack-group'],
          fix: flags.fix,
          fixDryRun: flags['fix-dry-run'],
          unsafeFixes: flags['unsafe-fixes'],
          fixEdits: flags['fix-edits'],
          cache: flags.cache,
          cacheLocation: flags['cache-location'],
          json: this.jsonEnabled(),
        },
        {cwd: process.cwd(), version: this.config.version},
      )
    })
  }
}
