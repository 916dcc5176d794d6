// `sls-eda lint`: checks SAM, CloudFormation and CDK templates against the rule catalogue.
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {Args, Command, Flags} from '@oclif/core'

import {EXIT} from '../lib/exit-codes.js'
import type {Severity} from '../rules/types.js'
import {FORMATS, type Format} from '../report/types.js'

export default class Lint extends Command {
  static override summary = 'Check SAM, CloudFormation and CDK templates against serverless best practices.'

  static override description = `Lints the given templates, folders and CDK cloud assemblies (cdk.out), or every template found under the current folder.
Exit codes: 0 nothing failed the run, 1 findings at or above --fail-level (or more warnings than --max-warnings), 2 unusable input (bad flags or configuration, unreadable or unparseable files; the other files are still linted).`

  static override examples = [
    {command: '<%= config.bin %> lint', description: 'Lint every template under the current folder.'},
    {command: '<%= config.bin %> lint template.yaml cdk.out/', description: 'Lint a SAM template and a CDK cloud assembly.'},
    {command: '<%= config.bin %> lint --format sarif --output results.sarif', description: 'Write SARIF for GitHub code scanning.'},
    {command: '<%= config.bin %> lint --fail-level warning --max-warnings 0', description: 'Fail on any warning.'},
  ]

  static override strict = false

  static override args = {
    paths: Args.string({description: 'Template files, folders or cdk.out folders to lint (default: the current folder).', required: false}),
  }

  static override enableJsonFlag = true

  static override flags = {
    format: Flags.string({char: 'f', summary: 'Output format.', options: [...FORMATS], default: 'stylish'}),
    output: Flags.string({char: 'o', summary: 'Write the report to this file instead of standard output.'}),
    'fail-level': Flags.string({summary: 'Lowest severity that makes the run fail (exit code 1).', options: ['error', 'warning', 'info'], default: 'error'}),
    'max-warnings': Flags.integer({summary: 'Fail the run when there are more warnings than this, whatever the fail level.', min: 0}),
    config: Flags.string({char: 'c', summary: 'Configuration file to use instead of the nearest .sls-eda.yml.'}),
    ignore: Flags.string({summary: 'Glob of files to skip, relative to the configuration file or current folder; repeatable.', multiple: true}),
    preset: Flags.string({summary: 'Rule preset: recommended (default) or strict (every rule).', options: ['recommended', 'strict']}),
    rule: Flags.string({summary: 'Run only this rule (id or name); repeatable.', multiple: true}),
  }

  public async run(): Promise<unknown> {
    const {argv, flags} = await this.parse(Lint)
    const cwd = process.cwd()
    const {findConfigFile, loadConfig, ConfigError, DEFAULT_CONFIG} = await import('../engine/config.js')
    let config = DEFAULT_CONFIG
    try {
      const file = flags.config ? path.resolve(flags.config) : findConfigFile(cwd)
      if (file) config = loadConfig(file)
    } catch (error) {
      if (error instanceof ConfigError) this.error(`${error.file ? `${path.relative(cwd, error.file) || error.file}: ` : ''}${error.message}`, {exit: EXIT.usage})
      throw error
    }
    config = {...config, ignore: [...config.ignore, ...(flags.ignore ?? [])], preset: (flags.preset as typeof config.preset | undefined) ?? config.preset}
    const {CATALOGUE, findRule} = await import('../rules/index.js')
    let catalogue = CATALOGUE
    if (flags.rule && flags.rule.length > 0) {
      const chosen = flags.rule.map((key) => {
        const rule = findRule(key)
        if (!rule) this.error(`unknown rule "${key}"; run \`sls-eda rules\` to list them`, {exit: EXIT.usage})
        return rule
      })
      catalogue = chosen
      config = {...config, rules: Object.fromEntries(chosen.map((rule) => [rule.meta.id, rule.meta.severity]))}
    }
    const {lint} = await import('../lint/lint.js')
    const result = lint({paths: argv as string[], config, catalogue, cwd})
    for (const key of result.unknownRules) this.warn(`${config.file ? path.relative(cwd, config.file) : 'configuration'}: unknown rule "${key}" ignored`)

    const failLevel = flags['fail-level'] as Severity
    const format = (this.jsonEnabled() ? 'json' : flags.format) as Format
    const input = {command: 'lint' as const, files: result.files, rules: result.rules, version: this.config.version, cwd, failLevel}
    const exitCode = await exitCodeFor(result.files, failLevel, flags['max-warnings'])
    if (this.jsonEnabled()) {
      const {jsonDocument} = await import('../report/json.js')
      if (exitCode !== EXIT.ok) process.exitCode = exitCode
      return jsonDocument(input)
    }
    const {render} = await import('../report/index.js')
    if (flags.output) (await import('chalk')).default.level = 0
    const text = await render(format, input)
    if (flags.output) {
      const target = path.resolve(flags.output)
      mkdirSync(path.dirname(target), {recursive: true})
      writeFileSync(target, text)
      if (format !== 'stylish') this.logToStderr(`sls-eda: report written to ${path.relative(cwd, target) || target}`)
    } else {
      process.stdout.write(text)
    }
    if (exitCode !== EXIT.ok) this.exit(exitCode)
    return undefined
  }
}

async function exitCodeFor(files: Array<{unusable: boolean; findings: Array<{severity: Severity}>}>, failLevel: Severity, maxWarnings: number | undefined): Promise<number> {
  const {SEVERITY_RANK} = await import('../rules/types.js')
  if (files.some((file) => file.unusable)) return EXIT.usage
  const findings = files.flatMap((file) => file.findings)
  if (findings.some((finding) => SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[failLevel])) return EXIT.findings
  if (maxWarnings !== undefined && findings.filter((finding) => finding.severity === 'warning').length > maxWarnings) return EXIT.findings
  return EXIT.ok
}
