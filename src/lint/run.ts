// What `sls-eda lint` does once its flags are parsed: rule selection, linting, rendering and the exit code, through the shared run pipeline.
import {type Preset, withRegistryTypes} from '../engine/config.js'
import {runExitCode, selectRules, unknownRuleWarnings} from '../engine/pipeline.js'
import {EXIT} from '../lib/exit-codes.js'
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
  /** `--fix`: write safe fixes into the templates. */
  fix?: boolean
  /** `--fix-dry-run` (`--diff`): print the fixes as a unified diff, write nothing. */
  fixDryRun?: boolean
  /** `--unsafe-fixes`: apply fixes that change behaviour too. */
  unsafeFixes?: boolean
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
  const edits = fix !== undefined || flags.json === true || flags.format === 'json' || flags.format === 'sarif'
  const result = await lintInParallel({paths, config: withRegistryTypes(config), catalogue, cwd, ignore: flags.ignore, now: env.now, fix, edits})
  const warnings = unknownRuleWarnings(result.unknownRules, config, cwd)
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
  const text = await renderReport(flags.format, input, {toFile: flags.output !== undefined})
  const notices = fixed?.notices ?? []
  if (!flags.output) return {exitCode, stdout: text, warnings, notices}
  return {exitCode, warnings, notices: [...notices, `sls-eda: report written to ${writeOutput(flags.output, text, cwd)}`]}
}
