// Logical ids SAM computes from content: Python-compatible JSON and the hashes SAM puts in generated ids.
import {createHash} from 'node:crypto'

import {isRecord} from '../intrinsics.js'
import type {Props} from './expansion.js'

/**
 * JSON as Python's `json.dumps(sort_keys=True, separators=(",", ":"))` writes it (ASCII only), which
 * SAM hashes into generated logical ids such as the version of `AutoPublishAlias`.
 */
export function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(',')}]`
  if (isRecord(value)) {
    const keys = Object.keys(value).sort()
    return `{${keys.map((key) => `${pythonJson(key)}:${pythonJson(value[key])}`).join(',')}}`
  }
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  if (value === undefined) return 'null'
  return JSON.stringify(value)
}

/**
 * SAM's `{Function}Version{hash}`: the hash covers the code (parameter references resolved), environment, memory
 * and SnapStart, so a change publishes a new version; or every property of the function when
 * `AutoPublishAliasAllProperties` is set (`hashedProperties`). A given `AutoPublishCodeSha256` replaces the hash.
 */
export function versionLogicalId(id: string, fnProps: Props, codeSha256: unknown, resolvedCode?: unknown, hashedProperties?: Props): string {
  if (typeof codeSha256 === 'string' && codeSha256 !== '') return `${id}Version${codeSha256.slice(0, 10)}`
  let hashed: Props
  if (hashedProperties) {
    hashed = hashedProperties
  } else {
    const code = resolvedCode ?? fnProps.Code
    hashed = isRecord(code) ? {...code} : {}
    if (isRecord(fnProps.Environment)) Object.assign(hashed, fnProps.Environment)
    if (fnProps.MemorySize) hashed.MemorySize = fnProps.MemorySize
    const snapStart = fnProps.SnapStart
    if (isRecord(snapStart) && (snapStart.ApplyOn ?? 'None') !== 'None') hashed.SnapStart = snapStart
  }
  if (Object.keys(hashed).length === 0) return `${id}Version`
  return `${id}Version${samHash(hashed)}`
}

/** The first `length` hex digits of the SHA-1 of SAM's stringified data (`LogicalIdGenerator.get_hash`); a string is hashed as it is. */
export function samHash(data: unknown, length = 10): string {
  const text = typeof data === 'string' ? data : pythonJson(data)
  return createHash('sha1').update(text).digest('hex').slice(0, length)
}

/** The values SAM resolves parameter references to: the template's parameter defaults. */
function parameterDefaults(template: Props): Map<string, unknown> {
  const defaults = new Map<string, unknown>()
  const parameters = template.Parameters
  if (!isRecord(parameters)) return defaults
  for (const [name, parameter] of Object.entries(parameters)) if (isRecord(parameter) && 'Default' in parameter) defaults.set(name, parameter.Default)
  return defaults
}

/**
 * SAM's `resolve_parameter_refs`: every `{Ref: Parameter}` replaced by the parameter's default, and `${Parameter}`
 * inside an `Fn::Sub` string replaced by it; other intrinsics are left as they are.
 */
export function resolveParameterRefs(template: Props, value: unknown): unknown {
  const defaults = parameterDefaults(template)
  if (defaults.size === 0) return value
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk)
    if (!isRecord(node)) return node
    const keys = Object.keys(node)
    if (keys.length === 1 && keys[0] === 'Ref' && typeof node.Ref === 'string') return defaults.has(node.Ref) ? defaults.get(node.Ref) : node
    if (keys.length === 1 && keys[0] === 'Fn::Sub') {
      const sub = node['Fn::Sub']
      const substitute = (text: string): string =>
        text.replace(/\$\{([A-Za-z0-9.]+|AWS::[A-Z][A-Za-z]*)\}/g, (whole, name: string) => {
          const resolved = defaults.get(name)
          return typeof resolved === 'string' ? resolved : whole
        })
      if (typeof sub === 'string') return {'Fn::Sub': substitute(sub)}
      if (Array.isArray(sub) && typeof sub[0] === 'string') return {'Fn::Sub': [substitute(sub[0]), ...sub.slice(1).map(walk)]}
      return node
    }
    return Object.fromEntries(keys.map((key) => [key, walk(node[key])]))
  }
  return walk(value)
}

/** SAM's alias logical id: `{Function}Alias{Name}` with `-` written as `D` and `_` as `U`. */
export function aliasLogicalId(id: string, name: string): string {
  return `${id}Alias${name.replace(/-/g, 'D').replace(/_/g, 'U')}`
}
