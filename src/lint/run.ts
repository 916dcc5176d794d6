// What `sls-eda lint` does once its flags are parsed: rule selection, linting, rendering and the exit code, through the shared run pipeline.
import path from 'node:path'

import {type Preset, withRegistryTypes} from '../engine/config.js'
import {runExitCode, selectRules, unknownRuleWarnings} from '../engine/pipeline.js'
import {applyColor, terminalWidth} from '../lib/color.js'
import {EXIT, UsageError} from '../lib/exit-codes.js'
import type {RunOutcome} from '../lib/run-outcome.js'
import {cacheDir} from './cache.js'
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
  /** `--fix`: write safe fixes into the templates. */
  fix?: boolean
  /** `--fix-dry-run` (`--diff`): print the fixes as a unified diff, write nothing. */
  fixDryRun?: boolean
  /** `--unsafe-fixes`: apply fixes that change behaviour too. */
  unsafeFixes?: boolean
  /** `--fix-edits`: JSON and SARIF reports carry each fix as text edits. */
  fixEdits?: boolean
  /** `--cache`: keep results by content and lint only the files that changed since the last run. */
  cache?: boolean
  /** `--cache-location`: the cache folder (default `.sls-eda-cache` in the current folder). */
  cacheLocation?: string
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
  const fix = flags.fix || flags.fixDryRun ? {write: flags.fix === true && flags.fixDryRun !== true, unsafe: flags.unsafeFixes === true} : undefined
  // Building every fix costs as much as linting twice over: JSON and SARIF carry the edits when asked (`--fix-edits`).
  const edits = fix !== undefined || (flags.fixEdits === true && (flags.json === true || flags.format === 'json' || flags.format === 'sarif'))
  const result = await lintInParallel({
    paths,
    config: withRegistryTypes(config),
    catalogue,
    cwd,
    ignore: flags.ignore,
    stackGroups: flags.stackGroup,
    now: env.now,
    fix,
    edits,
    cache: flags.cache ? {dir: cacheDir(flags.cacheLocation, cwd), version: env.version} : undefined,
  })
  // A run that checked nothing must not look like a clean one (ESLint: "No files matching the pattern").
  if (result.files.length === 0 && !flags.passOnNoTemplates) throw new UsageError(noTemplatesMessage(paths, cwd))
  const warnings = await unknownRuleWarnings(result.unknownRules, config, cwd)
  if (result.cache?.problem) warnings.push(result.cache.problem)
  let exitCode = runExitCode(result.files, {failLevel: flags.failLevel, maxWarnings: flags.maxWarnings})
  const fixed = fix ? (await import('../fix/report.js')).fixNotices(result.files, cwd, !fix.write) : undefined
  // A fixed file that could not be written (changed since it was read) is input the run could not use.
  if (fixed?.failed) exitCode = EXIT.usage
  if (fix && !fix.write && !flags.json) {
    const diff = (await import('../fix/report.js')).renderDiffs(result.files, cwd)
    const code = result.files.some((file) => file.unusable) ? EXIT.usage : diff === '' ? EXIT.ok : EXIT.findings
    return {exitCode: code, stdout: diff, warnings, notices: fixed!.notices}
  }
  const input = {command: 'lint' as const, files: result.files, rules: result.rules, version: env.version, cwd, failLevel: flags.failLevel}
  if (flags.json) return {exitCode, json: await reportDocument(input), warnings, notices: []}
  if (!flags.output) applyColor(flags.color)
  const text = await renderReport(flags.format, {...input, width: flags.output ? undefined : terminalWidth()}, {toFile: flags.output !== undefined})
  const notices = fixed?.notices ?? []
  if (!flags.output) return {exitCode, stdout: text, warnings, notices}
  return {exitCode, warnings, notices: [...notices, `sls-eda: report written to ${writeOutput(flags.output, text, cwd)}`]}
}

/** What to say when the paths hold nothing to lint: where it looked, what it looks for, and how to allow it. */
export function noTemplatesMessage(paths: readonly string[], cwd: string): string {
  const shown = (paths.length > 0 ? paths : [cwd]).map((given) => path.relative(cwd, path.resolve(cwd, given)) || '.')
  return `no templates found in ${shown.join(', ')}: looked for SAM and CloudFormation templates (*.yaml, *.yml, *.json, *.template), CDK cloud assemblies (cdk.out) and Serverless Framework packages (.serverless/); pass --pass-on-no-templates to allow a run with nothing to lint`
}
