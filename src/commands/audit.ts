// `sls-eda audit`: applies the rule catalogue to a live AWS account, read-only.
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {Command, Flags} from '@oclif/core'

import {EXIT} from '../lib/exit-codes.js'
import {FORMATS, type Format} from '../report/types.js'
import type {Severity} from '../rules/types.js'

export default class Audit extends Command {
  static override summary = 'Check a live AWS account against serverless best practices, read-only.'

  static override description = `Reads Lambda, SQS, SNS, EventBridge, Step Functions, API Gateway, CloudWatch alarms, the IAM roles functions use and CloudFormation ownership with List, Get and Describe calls only, and runs every catalogue rule that applies to live resources.
Credentials and region come from the AWS SDK's standard chain (--profile, SSO, environment, AWS_ENDPOINT_URL and per-service endpoint variables). docs/audit-iam-policy.json is the read-only policy it needs.
Exit codes: 0 nothing failed the run, 1 findings at or above --fail-level, 2 unusable input (bad flags, configuration, baseline or inventory, or no usable credentials), 3 some services or regions could not be checked (missing permissions) and nothing else failed.`

  static override examples = [
    {command: '<%= config.bin %> audit --profile prod --region eu-west-1', description: 'Audit one region of the account behind the prod profile.'},
    {command: '<%= config.bin %> audit --region eu-west-1 --region us-east-1', description: 'Audit two regions.'},
    {command: '<%= config.bin %> audit --all-regions --format sarif --output audit.sarif', description: 'Audit every enabled region and write SARIF.'},
    {command: '<%= config.bin %> audit --stack orders-service', description: 'Report only what the orders-service stack (and its nested stacks) owns.'},
    {command: '<%= config.bin %> audit --write-baseline audit-baseline.json', description: 'Record today\'s findings as accepted.'},
    {command: '<%= config.bin %> audit --baseline audit-baseline.json', description: 'Show only findings that are new since the baseline.'},
    {command: '<%= config.bin %> audit --save-inventory prod.json && <%= config.bin %> audit --from-inventory prod.json', description: 'Collect once, audit offline.'},
  ]

  static override enableJsonFlag = true

  static override flags = {
    profile: Flags.string({summary: 'Named profile from the AWS shared config files (SSO, role and process profiles included).'}),
    region: Flags.string({char: 'r', summary: 'Region to audit; repeatable. Default: the region the SDK configuration names.', multiple: true}),
    'all-regions': Flags.boolean({summary: 'Audit every region enabled for the account.', exclusive: ['region']}),
    stack: Flags.string({summary: 'Report only resources owned by this CloudFormation stack or stacks nested in it; repeatable.', multiple: true}),
    'cdk-paths': Flags.boolean({summary: 'Read each stack\'s deployed template to name CDK construct paths and honour suppressions in resource metadata.'}),
    baseline: Flags.string({summary: 'Hide findings recorded in this baseline file.'}),
    'write-baseline': Flags.string({summary: 'Write every finding of this audit to a baseline file.'}),
    'save-inventory': Flags.string({summary: 'Write the collected resources to this file (secret-looking environment values are replaced).'}),
    'from-inventory': Flags.string({summary: 'Audit a saved inventory file instead of calling AWS.', exclusive: ['save-inventory', 'profile', 'region', 'all-regions', 'cdk-paths']}),
    format: Flags.string({char: 'f', summary: 'Output format.', options: [...FORMATS], default: 'stylish'}),
    output: Flags.string({char: 'o', summary: 'Write the report to this file instead of standard output.'}),
    'fail-level': Flags.string({summary: 'Lowest severity that makes the run fail (exit code 1).', options: ['error', 'warning', 'info'], default: 'error'}),
    config: Flags.string({char: 'c', summary: 'Configuration file to use instead of the nearest .sls-eda.yml.'}),
    preset: Flags.string({summary: 'Rule preset: recommended (default) or strict (every rule).', options: ['recommended', 'strict']}),
    rule: Flags.string({summary: 'Run only this rule (id or name); repeatable.', multiple: true}),
  }

  public async run(): Promise<unknown> {
    const {flags} = await this.parse(Audit)
    const cwd = process.cwd()
    const json = this.jsonEnabled()
    const {findConfigFile, loadConfig, ConfigError, DEFAULT_CONFIG} = await import('../engine/config.js')
    let config = DEFAULT_CONFIG
    try {
      const file = flags.config ? path.resolve(flags.config) : findConfigFile(cwd)
      if (file) config = loadConfig(file)
    } catch (error) {
      if (error instanceof ConfigError) this.error(`${error.file ? `${path.relative(cwd, error.file) || error.file}: ` : ''}${error.message}`, {exit: EXIT.usage})
      throw error
    }
    config = {...config, preset: (flags.preset as typeof config.preset | undefined) ?? config.preset}
    const {CATALOGUE, findRule} = await import('../rules/index.js')
    let catalogue = CATALOGUE
    if (flags.rule && flags.rule.length > 0) {
      const chosen = flags.rule.map((key) => {
        const rule = findRule(key)
        if (!rule) this.error(`unknown rule "${key}"; run \`sls-eda rules\` to list them`, {exit: EXIT.usage})
        if (!rule.meta.sources.includes('live')) this.error(`rule ${rule.meta.id} (${rule.meta.name}) checks templates only and cannot run on a live account`, {exit: EXIT.usage})
        return rule
      })
      catalogue = chosen
      config = {...config, rules: Object.fromEntries(chosen.map((rule) => [rule.meta.id, rule.meta.severity]))}
    }

    let baseline: Set<string> | undefined
    if (flags.baseline) {
      const {readBaseline, BaselineError} = await import('../audit/baseline.js')
      try {
        baseline = readBaseline(path.resolve(flags.baseline))
      } catch (error) {
        if (error instanceof BaselineError) this.error(error.message, {exit: EXIT.usage})
        throw error
      }
    }

    const {readInventory, InventoryError, serializeInventory} = await import('../audit/inventory.js')
    let inventory
    let apiCalls: unknown
    if (flags['from-inventory']) {
      try {
        inventory = readInventory(path.resolve(flags['from-inventory']))
      } catch (error) {
        if (error instanceof InventoryError) this.error(error.message, {exit: EXIT.usage})
        throw error
      }
    } else {
      const collected = await this.collect(flags, json)
      inventory = collected.inventory
      apiCalls = collected.apiCalls
      if (flags['save-inventory']) {
        const target = path.resolve(flags['save-inventory'])
        mkdirSync(path.dirname(target), {recursive: true})
        writeFileSync(target, serializeInventory(inventory))
        this.logToStderr(`sls-eda: inventory of ${inventory.nodes.length} resources written to ${path.relative(cwd, target) || target}`)
      }
    }

    const {auditInventory} = await import('../audit/audit.js')
    const outcome = auditInventory(inventory, {config, catalogue, stacks: flags.stack, baseline})
    for (const key of outcome.unknownRules) this.warn(`${config.file ? path.relative(cwd, config.file) : 'configuration'}: unknown rule "${key}" ignored`)
    if (flags['write-baseline']) {
      const {baselineOf} = await import('../audit/baseline.js')
      const target = path.resolve(flags['write-baseline'])
      mkdirSync(path.dirname(target), {recursive: true})
      writeFileSync(target, JSON.stringify(baselineOf(outcome.allFindings, new Date()), null, 2) + '\n')
      this.logToStderr(`sls-eda: baseline of ${outcome.allFindings.length} findings written to ${path.relative(cwd, target) || target}`)
    }

    const {SEVERITY_RANK} = await import('../rules/types.js')
    const failLevel = flags['fail-level'] as Severity
    const shown = outcome.files.flatMap((file) => file.findings)
    const exitCode = shown.some((finding) => SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[failLevel])
      ? EXIT.findings
      : inventory.notChecked.length > 0
        ? EXIT.partial
        : EXIT.ok
    const input = {command: 'audit' as const, files: outcome.files, rules: outcome.rules, version: this.config.version, cwd, failLevel}
    const coverage = {
      accountId: inventory.accountId,
      regions: inventory.regions,
      collectedAt: inventory.collectedAt,
      resources: outcome.nodes,
      notChecked: inventory.notChecked,
      hiddenByBaseline: outcome.hidden,
      apiCalls,
    }
    const format = (json ? 'json' : flags.format) as Format
    if (format === 'json') {
      const {jsonDocument} = await import('../report/json.js')
      const document = {...(jsonDocument(input) as Record<string, unknown>), audit: coverage}
      if (json) {
        if (exitCode !== EXIT.ok) process.exitCode = exitCode
        return document
      }
      this.emit(JSON.stringify(document, null, 2) + '\n', flags.output, format)
    } else {
      const {render} = await import('../report/index.js')
      if (flags.output) (await import('chalk')).default.level = 0
      this.emit(await render(format, input), flags.output, format)
    }
    for (const entry of inventory.notChecked) {
      const scope = entry.resources === undefined ? `${entry.service} not checked` : `${entry.resources} ${entry.service} resource${entry.resources === 1 ? '' : 's'} not checked`
      this.logToStderr(`sls-eda: ${entry.region}: ${scope}: ${entry.action} was refused (${entry.message})`)
    }
    if (outcome.hidden > 0) this.logToStderr(`sls-eda: ${outcome.hidden} finding${outcome.hidden === 1 ? '' : 's'} hidden by the baseline`)
    if (exitCode !== EXIT.ok) this.exit(exitCode)
    return undefined
  }

  private emit(text: string, output: string | undefined, format: Format): void {
    if (!output) {
      process.stdout.write(text)
      return
    }
    const target = path.resolve(output)
    mkdirSync(path.dirname(target), {recursive: true})
    writeFileSync(target, text)
    if (format !== 'stylish') this.logToStderr(`sls-eda: report written to ${path.relative(process.cwd(), target) || target}`)
  }

  /** Resolves regions and identity, then reads the account with a progress display when a person is watching. */
  private async collect(
    flags: {profile?: string; region?: string[]; 'all-regions'?: boolean; stack?: string[]; 'cdk-paths'?: boolean},
    json: boolean,
  ): Promise<{inventory: import('../audit/inventory.js').Inventory; apiCalls: unknown}> {
    const {AwsClients} = await import('../audit/clients.js')
    const {callerIdentity, collectAccount, configuredRegion, enabledRegions, REGION_TASKS} = await import('../audit/collect.js')
    const {describeError} = await import('../audit/errors.js')
    const clients = new AwsClients({profile: flags.profile})
    try {
      let regions = flags.region ?? []
      const home = regions[0] ?? (await configuredRegion(flags.profile))
      if (!home && !flags['all-regions']) this.error('no region: pass --region, set AWS_REGION, or give the profile a region', {exit: EXIT.usage})
      const start = home ?? 'us-east-1'
      let identity
      try {
        identity = await callerIdentity(clients, start)
      } catch (error) {
        this.error(`cannot use AWS credentials${flags.profile ? ` of profile ${flags.profile}` : ''}: ${describeError(error)}`, {exit: EXIT.usage})
      }
      if (flags['all-regions']) {
        try {
          regions = await enabledRegions(clients, start)
        } catch (error) {
          this.error(`cannot list the account's regions (ec2:DescribeRegions): ${describeError(error)}`, {exit: EXIT.usage})
        }
      } else if (regions.length === 0) {
        regions = [start]
      }
      regions = [...new Set(regions)]
      const {wantsProgress, listrProgress, SILENT_PROGRESS} = await import('../audit/progress.js')
      const progress = wantsProgress({json}) ? listrProgress([...regions.map((region) => ({region, tasks: [...REGION_TASKS]})), {region: 'global', tasks: ['iam']}]) : SILENT_PROGRESS
      try {
        const result = await collectAccount({regions, stacks: flags.stack, cdkPaths: flags['cdk-paths'], progress, clients}, identity)
        return {inventory: result.inventory, apiCalls: {...clients.stats.toJSON(), durationMs: Math.round(result.durationMs)}}
      } finally {
        await progress.close()
      }
    } finally {
      clients.destroy()
    }
  }
}
