// What `sls-eda lint` does once its flags are parsed: rule selection, linting, rendering and the exit code, through the shared run pipeline.
import path from 'node:path'

import {type Preset, withRegistryTypes} from '../engine/config.js'
import {runExitCode, selectRules, unknownRuleWarnings} from '../engine/pipeline.js'
import {applyColor, terminalWidth} from '../lib/color.js'
import {UsageError} from '../lib/exit-codes.js'
import type {RunOutcome} from '../lib/run-outcome.js'
import {renderReport, reportDocument, writeOutput} from '../report/output.js'
import type {Format} from '../report/types.js'
import type {Severity} from '../rules/types.js'

export interface LintFlags {
  format: Format
  output?: string
  failLevel: Severity
  maxWarnings?: number
  config?: string
  ignore?: string[]
  preset?: Preset
  rule?: string[]
  /** `--pass-on-no-templates`: finding nothing to lint is not an error. */
  passOnNoTemplates?: boolean
  /** `--color` / `--no-color`; undefined decides from the environment and the terminal. */
  color?: boolean
  /** `--stack-group`: templates that form one application (`[NAME=]GLOB[,GLOB…]`); repeatable. */
  stackGroup?: string[]
  /** `--json`: return the JSON document instead of rendering. */
  json?: boolean
}

export interface LintEnvironment {
  cwd: string
  version: string
  now?: Date
}

/** Lints `paths`; bad configuration, an unknown rule or an unwritable --output throw UsageError. */
export async function runLint(paths: string[], flags: LintFlags, env: LintEnvironment): Promise<RunOutcome> {
  const {cwd} = env
  const {config, catalogue} = await selectRules({cwd, config: flags.config, preset: flags.preset, rule: flags.rule, source: 'template'})
  const {lintInParallel} = await import('./lint.js')
  // The configuration's registryTypes reach the unknown-resource-type rule (TPL001) as its option.
  // Many files are linted in worker threads, one per core; the results are the same as in one thread.
  const result = await lintInParallel({paths, config: withRegistryTypes(config), catalogue, cwd, ignore: flags.ignore, stackGroups: flags.stackGroup, now: env.now})
  // A run that checked nothing must not look like a clean one (ESLint: "No files matching the pattern").
  if (result.files.length === 0 && !flags.passOnNoTemplates) throw new UsageError(noTemplatesMessage(paths, cwd))
  const warnings = await unknownRuleWarnings(result.unknownRules, config, cwd)
  const exitCode = runExitCode(result.files, {failLevel: flags.failLevel, maxWarnings: flags.maxWarnings})
  const input = {command: 'lint' as const, files: result.files, rules: result.rules, version: env.version, cwd, failLevel: flags.failLevel}
  if (flags.json) return {exitCode, json: await reportDocument(input), warnings, notices: []}
  if (!flags.output) applyColor(flags.color)
  const text = await renderReport(flags.format, {...input, width: flags.output ? undefined : terminalWidth()}, {toFile: flags.output !== undefined})
  if (!flags.output) return {exitCode, stdout: text, warnings, notices: []}
  return {exitCode, warnings, notices: [`sls-eda: report written to ${writeOutput(flags.output, text, cwd)}`]}
}

/** What to say when the paths hold nothing to lint: where it looked, what it looks for, and how to allow it. */
export function noTemplatesMessage(paths: readonly string[], cwd: string): string {
  const shown = (paths.length > 0 ? paths : [cwd]).map((given) => path.relative(cwd, path.resolve(cwd, given)) || '.')
  return `no templates found in ${shown.join(', ')}: looked for SAM and CloudFormation templates (*.yaml, *.yml, *.json, *.template), CDK cloud assemblies (cdk.out) and Serverless Framework packages (.serverless/); pass --pass-on-no-templates to allow a run with nothing to lint`
}
