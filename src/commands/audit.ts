// `sls-eda audit`: applies the rule catalogue to a live AWS account, read-only.
import {Command, Flags} from '@oclif/core'

import {isOrgAudit, ORG_FLAGS, orgOptions} from '../audit/org/flags.js'
import type {Preset} from '../engine/presets.js'
import {UsageError} from '../lib/exit-codes.js'
import {COLOR_FLAG, jsonFlagConflict, RUN_FLAGS} from '../lib/run-flags.js'
import {runForCommand} from '../lib/run-outcome.js'
import {type Format, FORMATS} from '../report/types.js'
import type {Severity} from '../rules/types.js'

function usage(message: string): never {
  throw new UsageError(message)
}

export default class Audit extends Command {
  static override summary = 'Check a live AWS account against serverless best practices, read-only.'

  static override description = `Reads Lambda, SQS, SNS, EventBridge, Step Functions, API Gateway, CloudWatch alarms, the IAM roles functions use and CloudFormation ownership with List, Get and Describe calls only, and runs every catalogue rule that applies to live resources.
With --org, --ou, --accounts or --accounts-file it reads many accounts, each through the role --role-name names, checkpointed in --state-dir, one shard of them with --shard (\`audit merge\` combines shards).
Credentials and region come from the AWS SDK's standard chain (--profile, SSO, environment, AWS_ENDPOINT_URL and per-service endpoint variables). docs/audit-iam-policy.json is the read-only policy it needs.
Exit codes: 0 nothing failed the run, 1 findings at or above --fail-level, 2 unusable input (bad flags, configuration, baseline or inventory, or no usable credentials), 3 some services or regions could not be checked (missing permissions) and nothing else failed.`

  static override examples = [
    {command: '<%= config.bin %> audit --profile prod --region eu-west-1', description: 'Audit one region of the account behind the prod profile.'},
    {command: '<%= config.bin %> audit --region eu-west-1 --region us-east-1', description: 'Audit two regions.'},
    {command: '<%= config.bin %> audit --all-regions --format sarif --output audit.sarif', description: 'Audit every enabled region and write SARIF.'},
    {command: '<%= config.bin %> audit --stack orders-service', description: 'Report only what the orders-service stack (and its nested stacks) owns.'},
    {command: '<%= config.bin %> audit --write-baseline audit-baseline.json', description: "Record today's findings as accepted."},
    {command: '<%= config.bin %> audit --baseline audit-baseline.json', description: 'Show only findings that are new since the baseline.'},
    {command: '<%= config.bin %> audit --save-inventory prod.json && <%= config.bin %> audit --from-inventory prod.json', description: 'Collect once, audit offline.'},
    {
      command: '<%= config.bin %> audit --org --role-name SlsEdaAudit --regions all --state-dir audit-state -f sarif -o org.sarif',
      description: 'Audit every account of the organisation, every enabled region; resumable with --resume.',
    },
    {command: '<%= config.bin %> audit --org --role-name SlsEdaAudit --shard 2/4 --state-dir shard-2', description: 'One of four shards; `audit merge shard-*` combines them.'},
  ]

  static override enableJsonFlag = true

  static override flags = {
    profile: Flags.string({summary: 'Named profile from the AWS shared config files (SSO, role and process profiles included).'}),
    region: Flags.string({char: 'r', summary: 'Region to audit; repeatable. Default: the region the SDK configuration names.', multiple: true}),
    'all-regions': Flags.boolean({summary: 'Audit every region enabled for the account.', exclusive: ['region']}),
    stack: Flags.string({summary: 'Report only resources owned by this CloudFormation stack or stacks nested in it; repeatable.', multiple: true}),
    'cdk-paths': Flags.boolean({summary: "Read each stack's deployed template to name CDK construct paths and honour suppressions in resource metadata."}),
    baseline: Flags.string({summary: 'Hide findings recorded in this baseline file.'}),
    'write-baseline': Flags.string({summary: 'Write every finding of this audit to a baseline file.'}),
    'save-inventory': Flags.string({summary: 'Write the collected resources to this file (secret-looking environment values are replaced).'}),
    'from-inventory': Flags.string({summary: 'Audit a saved inventory file instead of calling AWS.', exclusive: ['save-inventory', 'profile', 'region', 'all-regions', 'cdk-paths']}),
    ...ORG_FLAGS,
    format: Flags.string({char: 'f', summary: 'Output format (html: the summary of an organisation audit).', options: [...FORMATS, 'html'], default: 'stylish'}),
    output: RUN_FLAGS.output,
    'fail-level': RUN_FLAGS['fail-level'],
    config: RUN_FLAGS.config,
    preset: RUN_FLAGS.preset,
    rule: Flags.string({summary: 'Run only this rule (id or name); repeatable.', multiple: true}),
    color: COLOR_FLAG,
  }

  public async run(): Promise<unknown> {
    const {flags, metadata} = await this.parse(Audit)
    const conflict = jsonFlagConflict(this.jsonEnabled(), flags, !metadata.flags.format?.setFromDefault)
    if (isOrgAudit(flags)) {
      const {runOrgAudit} = await import('../audit/org/run.js')
      return runForCommand(this, async () => {
        if (conflict) throw new UsageError(conflict)
        return runOrgAudit(orgOptions(flags, this.jsonEnabled()), {cwd: process.cwd(), version: this.config.version})
      })
    }
    const {runAudit} = await import('../audit/run.js')
    return runForCommand(this, async () => {
      if (conflict) throw new UsageError(conflict)
      return runAudit(
        {
          profile: flags.profile,
          region: flags.regions && flags.regions !== 'all' ? flags.regions.split(',').map((region) => region.trim()) : flags.region,
          allRegions: flags['all-regions'] || flags.regions === 'all',
          stack: flags.stack,
          cdkPaths: flags['cdk-paths'],
          baseline: flags.baseline,
          writeBaseline: flags['write-baseline'],
          saveInventory: flags['save-inventory'],
          fromInventory: flags['from-inventory'],
          format: flags.format === 'html' ? usage('--format html is the summary of an organisation audit (--org, --accounts…)') : (flags.format as Format),
          output: flags.output,
          failLevel: flags['fail-level'] as Severity,
          config: flags.config,
          preset: flags.preset as Preset | undefined,
          rule: flags.rule,
          color: flags.color,
          json: this.jsonEnabled(),
        },
        {cwd: process.cwd(), version: this.config.version},
      )
    })
  }
}
