// The run pipeline lint and audit share: the configuration, the rules selected for the run, and the run's exit code.
import path from 'node:path'

import {EXIT, UsageError} from '../lib/exit-codes.js'
import type {Source} from '../model/types.js'
import {type Rule, type Severity, SEVERITY_RANK} from '../rules/types.js'
import {type Config, ConfigError, DEFAULT_CONFIG, findConfigFile, loadConfig, type Preset} from './config.js'

export interface SelectionRequest {
  /** Folder the nearest configuration file is searched from, and paths in messages are relative to. */
  cwd: string
  /** `--config`: the configuration file to use instead of the nearest one. */
  config?: string
  /** `--preset`, which wins over the configuration's. */
  preset?: Preset
  /** `--rule`: run only these rules (ids or names). */
  rule?: string[]
  /** Where the run's rules are applied: a rule named with `--rule` must claim this source. */
  source: Source
}

export interface Selection {
  config: Config
  catalogue: readonly Rule[]
}

const SOURCE_WORDS: Record<Source, string> = {template: 'templates', live: 'a live account'}

/** The configuration of a run and the catalogue it draws rules from; a bad configuration or an unknown rule is a UsageError. */
export async function selectRules(request: SelectionRequest): Promise<Selection> {
  const {cwd} = request
  let config: Config = DEFAULT_CONFIG
  try {
    const file = request.config ? path.resolve(cwd, request.config) : findConfigFile(cwd)
    if (file) config = loadConfig(file)
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`${error.file ? `${shownPath(error.file, cwd)}: ` : ''}${error.message}`)
    throw error
  }
  if (request.preset) config = {...config, preset: request.preset}
  const {CATALOGUE, findRule, unknownRuleText} = await import('../rules/index.js')
  let catalogue: readonly Rule[] = CATALOGUE
  if (request.rule && request.rule.length > 0) {
    const chosen = request.rule.map((key) => {
      const rule = findRule(key)
      if (!rule) throw new UsageError(`${unknownRuleText(key)}; run \`sls-eda rules\` to list them`)
      if (!rule.meta.sources.includes(request.source)) {
        const other = rule.meta.sources.map((source) => SOURCE_WORDS[source]).join(' and ')
        throw new UsageError(`rule ${rule.meta.id} (${rule.meta.name}) checks ${other} only and cannot run on ${SOURCE_WORDS[request.source]}`)
      }
      return rule
    })
    catalogue = chosen
    config = {...config, rules: Object.fromEntries(chosen.map((rule) => [rule.meta.id, rule.meta.severity]))}
  }
  return {config, catalogue}
}

/** Warnings for rule keys of the configuration that name no rule, so a typo does not silently turn nothing off. */
export async function unknownRuleWarnings(unknown: readonly string[], config: Config, cwd: string): Promise<string[]> {
  if (unknown.length === 0) return []
  const {unknownRuleText} = await import('../rules/index.js')
  return unknown.map((key) => `${config.file ? shownPath(config.file, cwd) : 'configuration'}: ${unknownRuleText(key)} ignored`)
}

export interface RunFile {
  unusable: boolean
  findings: ReadonlyArray<{severity: Severity}>
}

export interface ExitCodeOptions {
  failLevel: Severity
  /** `--max-warnings`: more warnings than this fail the run whatever the fail level. */
  maxWarnings?: number
  /** Some of what should have been checked was not (an audit refused reads): exit code 3 when nothing else failed. */
  partial?: boolean
}

/** The exit code of a lint or audit run: 2 when any input was unusable, 1 when findings fail the run, 3 when it was partial, else 0. */
export function runExitCode(files: readonly RunFile[], options: ExitCodeOptions): number {
  if (files.some((file) => file.unusable)) return EXIT.usage
  const findings = files.flatMap((file) => file.findings)
  if (findings.some((finding) => SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[options.failLevel])) return EXIT.findings
  if (options.maxWarnings !== undefined && findings.filter((finding) => finding.severity === 'warning').length > options.maxWarnings) return EXIT.findings
  if (options.partial) return EXIT.partial
  return EXIT.ok
}

/** A path as messages show it: relative to the working folder when inside it. */
export function shownPath(file: string, cwd: string): string {
  return path.relative(cwd, file) || file
}
