// Hands the configuration's registryTypes to the unknown-type rule as its option, wherever the rule's own setting is kept.
import type {Config} from '../../engine/config.js'
import {isRecord} from '../../model/intrinsics.js'

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
