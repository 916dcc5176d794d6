// The `.sls-eda.yml` configuration file: finding it, validating it, and turning it into the set of rules that run.
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'

import {parse as parseYaml} from 'yaml'

import {isRecord} from '../model/intrinsics.js'
import {type Rule, SERVICES, SEVERITIES, type Service, type Severity} from '../rules/types.js'
import type {Preset} from './presets.js'

export const CONFIG_FILE_NAMES = ['.sls-eda.yml', '.sls-eda.yaml', '.sls-eda.json']

export type {Preset} from './presets.js'

export type RuleSetting = Severity | 'off' | {severity?: Severity | 'off'; options?: Record<string, unknown>}

export interface Config {
  /** File the configuration was read from, if any. */
  file?: string
  preset: Preset
  /** By rule id or name. */
  rules: Record<string, RuleSetting>
  /** Whole services turned off. */
  services: Partial<Record<Service, 'off' | 'on'>>
  /** Severities turned off (e.g. info). */
  severities: Partial<Record<Severity, 'off' | 'on'>>
  /** Globs (relative to the configuration file's folder) of files not to lint. */
  ignore: string[]
  /** Resource types from the CloudFormation registry the schema validation should accept. */
  registryTypes: string[]
  /** Templates (globs relative to the configuration file's folder) that form one application each. */
  applications?: Array<{name?: string; templates: string[]}>
}

export class ConfigError extends Error {
  constructor(
    message: string,
    public readonly file?: string,
  ) {
    super(message)
    this.name = 'ConfigError'
  }
}

export const DEFAULT_CONFIG: Config = {preset: 'recommended', rules: {}, services: {}, severities: {}, ignore: [], registryTypes: []}

/** The nearest configuration file in `start` or its parents. */
export function findConfigFile(start: string): string | undefined {
  let dir = path.resolve(start)
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name)
      if (existsSync(candidate)) return candidate
    }
    const parent = path.dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

/** Reads and validates a configuration file; throws ConfigError naming what is wrong. */
export function loadConfig(file: string): Config {
  let raw: unknown
  try {
    raw = parseYaml(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new ConfigError(`cannot read configuration: ${(error as Error).message.split('\n')[0]}`, file)
  }
  if (raw === null || raw === undefined) return {...DEFAULT_CONFIG, file}
  if (!isRecord(raw)) throw new ConfigError('configuration must be a mapping', file)
  const known = new Set(['preset', 'rules', 'services', 'severities', 'ignore', 'registryTypes', 'applications'])
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) throw new ConfigError(`unknown key "${key}" (expected one of ${[...known].join(', ')})`, file)
  }
  const preset = raw.preset ?? 'recommended'
  if (preset !== 'recommended' && preset !== 'strict') throw new ConfigError(`preset must be "recommended" or "strict", not ${JSON.stringify(preset)}`, file)
  const rules = raw.rules ?? {}
  if (!isRecord(rules)) throw new ConfigError('rules must be a mapping of rule id or name to off, error, warning, info or {severity, options}', file)
  for (const [id, setting] of Object.entries(rules)) {
    const severity = isRecord(setting) ? setting.severity : setting
    if (severity !== undefined && severity !== 'off' && !SEVERITIES.includes(severity as Severity)) {
      throw new ConfigError(`rules.${id}: ${JSON.stringify(severity)} is not one of off, error, warning, info`, file)
    }
    if (isRecord(setting) && setting.options !== undefined && !isRecord(setting.options)) throw new ConfigError(`rules.${id}.options must be a mapping`, file)
  }
  const services = raw.services ?? {}
  if (!isRecord(services)) throw new ConfigError('services must be a mapping of service to off or on', file)
  for (const [service, state] of Object.entries(services)) {
    if (!SERVICES.includes(service as Service)) throw new ConfigError(`services.${service}: unknown service (expected one of ${SERVICES.join(', ')})`, file)
    if (state !== 'off' && state !== 'on') throw new ConfigError(`services.${service} must be off or on`, file)
  }
  const severities = raw.severities ?? {}
  if (!isRecord(severities)) throw new ConfigError('severities must be a mapping of severity to off or on', file)
  for (const [severity, state] of Object.entries(severities)) {
    if (!SEVERITIES.includes(severity as Severity)) throw new ConfigError(`severities.${severity}: unknown severity`, file)
    if (state !== 'off' && state !== 'on') throw new ConfigError(`severities.${severity} must be off or on`, file)
  }
  const ignore = raw.ignore ?? []
  if (!Array.isArray(ignore) || ignore.some((glob) => typeof glob !== 'string')) throw new ConfigError('ignore must be a list of globs', file)
  const registryTypes = raw.registryTypes ?? []
  if (!Array.isArray(registryTypes) || registryTypes.some((type) => typeof type !== 'string')) throw new ConfigError('registryTypes must be a list of resource types', file)
  const applications = raw.applications ?? []
  const badApplication = 'applications must be a list of {name, templates: [globs]}'
  if (!Array.isArray(applications)) throw new ConfigError(badApplication, file)
  for (const [index, application] of applications.entries()) {
    if (!isRecord(application) || !Array.isArray(application.templates) || application.templates.some((glob) => typeof glob !== 'string'))
      throw new ConfigError(`applications[${index}]: ${badApplication}`, file)
    if (application.name !== undefined && typeof application.name !== 'string') throw new ConfigError(`applications[${index}].name must be a string`, file)
  }
  return {
    file,
    preset,
    applications: applications as Config['applications'],
    rules: rules as Record<string, RuleSetting>,
    services: services as Config['services'],
    severities: severities as Config['severities'],
    ignore: ignore as string[],
    registryTypes: registryTypes as string[],
  }
}

/** A rule as it will run: its effective severity and options. */
export interface ActiveRule {
  rule: Rule
  severity: Severity
  options: Record<string, unknown>
}

/**
 * The rules that run under a configuration. Explicit settings for a rule win over its preset,
 * service and severity switches; unknown rule names are reported so typos do not silently disable nothing.
 */
export function resolveRules(catalogue: readonly Rule[], config: Config): {active: ActiveRule[]; unknown: string[]} {
  const byKey = new Map<string, Rule>()
  for (const rule of catalogue) {
    byKey.set(rule.meta.id, rule)
    byKey.set(rule.meta.name, rule)
  }
  const unknown = Object.keys(config.rules).filter((key) => !byKey.has(key))
  const active: ActiveRule[] = []
  for (const rule of catalogue) {
    const {meta} = rule
    if (meta.status === 'removed') continue
    const setting = config.rules[meta.id] ?? config.rules[meta.name]
    const explicit = isRecord(setting) ? setting.severity : setting
    if (explicit === 'off') continue
    if (explicit === undefined) {
      if (config.preset === 'recommended' && !meta.recommended) continue
      if (config.preset === 'recommended' && meta.status === 'preview') continue
      if (config.services[meta.service] === 'off') continue
      if (config.severities[meta.severity] === 'off') continue
    }
    const severity = (explicit as Severity | undefined) ?? meta.severity
    const options = {...meta.options, ...(isRecord(setting) && isRecord(setting.options) ? setting.options : {})}
    active.push({rule, severity, options})
  }
  return {active, unknown}
}

/** The rule that reads `registryTypes` (TPL001), by id and name: either may hold its setting. */
const RULE_ID = 'TPL001'
const RULE_NAME = 'template-unknown-resource-type'

/** The configuration with `registryTypes` merged into the options of TPL001 (keeping its severity and other options). */
export function withRegistryTypes(config: Config): Config {
  if (config.registryTypes.length === 0) return config
  const key = RULE_ID in config.rules ? RULE_ID : RULE_NAME in config.rules ? RULE_NAME : RULE_ID
  const setting = config.rules[key]
  if (setting === 'off') return config
  const base = isRecord(setting) ? setting : setting === undefined ? {} : {severity: setting}
  const options = isRecord(base.options) ? base.options : {}
  const own = Array.isArray(options.registryTypes) ? (options.registryTypes as string[]) : []
  return {...config, rules: {...config.rules, [key]: {...base, options: {...options, registryTypes: [...own, ...config.registryTypes]}}}}
}
