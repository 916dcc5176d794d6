// What `sls-eda lint` does once its flags are parsed: configuration, rule selection, linting, rendering and the exit code.
import path from 'node:path'

import {type Config, ConfigError, DEFAULT_CONFIG, findConfigFile, loadConfig, type Preset} from '../engine/config.js'
import {EXIT} from '../lib/exit-codes.js'
import {writeOutputFile} from '../lib/output-file.js'
import type {Format} from '../report/types.js'
import {type Severity, SEVERITY_RANK} from '../rules/types.js'

export interface LintFlags {
  format: Format
  output?: string
  failLevel: Severity
  maxWarnings?: number
  config?: string
  ignore?: string[]
  preset?: Preset
  rule?: string[]
  /** `--json`: return the JSON document instead of rendering. */
  json?: boolean
}

/** Input the user must fix (bad configuration, unknown rule): exit code 2 and one line saying what is wrong. */
export class LintUsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'LintUsageError'
  }
}

export interface LintOutcome {
  exitCode: number
  /** The rendered report, when it goes to standard output. */
  stdout?: string
  /** The JSON document for `--json`. */
  json?: unknown
  /** Lines for standard error: warnings about the configuration. */
  warnings: string[]
  /** A note for standard error (where a report file was written). */
  notice?: string
}

export interface LintEnvironment {
  cwd: string
  version: string
  now?: Date
}

function shown(file: string, cwd: string): string {
  return path.relative(cwd, file) || file
}

export async function runLint(paths: string[], flags: LintFlags, env: LintEnvironment): Promise<LintOutcome> {
  const {cwd} = env
  let config: Config = DEFAULT_CONFIG
  try {
    const file = flags.config ? path.resolve(cwd, flags.config) : findConfigFile(cwd)
    if (file) config = loadConfig(file)
  } catch (error) {
    if (error instanceof ConfigError) throw new LintUsageError(`${error.file ? `${shown(error.file, cwd)}: ` : ''}${error.message}`)
    throw error
  }
  if (flags.preset) config = {...config, preset: flags.preset}
  const {CATALOGUE, findRule} = await import('../rules/index.js')
  let catalogue = CATALOGUE
  if (flags.rule && flags.rule.length > 0) {
    const chosen = flags.rule.map((key) => {
      const rule = findRule(key)
      if (!rule) throw new LintUsageError(`unknown rule "${key}"; run \`sls-eda rules\` to list them`)
      return rule
    })
    catalogue = chosen
    config = {...config, rules: Object.fromEntries(chosen.map((rule) => [rule.meta.id, rule.meta.severity]))}
  }
  const {lintInParallel} = await import('./lint.js')
  // The configuration's registryTypes reach the unknown-resource-type rule (TPL001) as its option.
  const {withRegistryTypes} = await import('../rules/template/registry-types.js')
  // Many files are linted in worker threads, one per core; the results are the same as in one thread.
  const result = await lintInParallel({paths, config: withRegistryTypes(config), catalogue, cwd, ignore: flags.ignore, now: env.now})
  const warnings = result.unknownRules.map((key) => `${config.file ? shown(config.file, cwd) : 'configuration'}: unknown rule "${key}" ignored`)
  const exitCode = exitCodeFor(result.files, flags.failLevel, flags.maxWarnings)
  const input = {command: 'lint' as const, files: result.files, rules: result.rules, version: env.version, cwd, failLevel: flags.failLevel}
  if (flags.json) {
    const {jsonDocument} = await import('../report/json.js')
    return {exitCode, json: jsonDocument(input), warnings}
  }
  if (flags.output && flags.format === 'stylish') {
    // Escape codes would end up in the file.
    const chalk = (await import('chalk')).default
    chalk.level = 0
  }
  const {render} = await import('../report/index.js')
  const text = await render(flags.format, input)
  if (!flags.output) return {exitCode, stdout: text, warnings}
  const written = writeOutputFile(flags.output, text, cwd)
  if ('error' in written) throw new LintUsageError(written.error)
  return {exitCode, warnings, notice: `sls-eda: report written to ${shown(written.written, cwd)}`}
}

/** 2 when any input was unusable, 1 when findings fail the run, else 0. */
export function exitCodeFor(files: Array<{unusable: boolean; findings: Array<{severity: Severity}>}>, failLevel: Severity, maxWarnings: number | undefined): number {
  if (files.some((file) => file.unusable)) return EXIT.usage
  const findings = files.flatMap((file) => file.findings)
  if (findings.some((finding) => SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[failLevel])) return EXIT.findings
  if (maxWarnings !== undefined && findings.filter((finding) => finding.severity === 'warning').length > maxWarnings) return EXIT.findings
  return EXIT.ok
}
