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

/** SAM's `{Function}Version{hash}`: the hash covers the code, environment, memory and SnapStart, so a change publishes a new version. */
export function versionLogicalId(id: string, fnProps: Props, codeSha256: unknown): string {
  if (typeof codeSha256 === 'string' && codeSha256 !== '') return `${id}Version${codeSha256.slice(0, 10)}`
  const hashed: Props = isRecord(fnProps.Code) ? {...fnProps.Code} : {}
  if (isRecord(fnProps.Environment)) Object.assign(hashed, fnProps.Environment)
  if (fnProps.MemorySize) hashed.MemorySize = fnProps.MemorySize
  const snapStart = fnProps.SnapStart
  if (isRecord(snapStart) && (snapStart.ApplyOn ?? 'None') !== 'None') hashed.SnapStart = snapStart
  if (Object.keys(hashed).length === 0) return `${id}Version`
  return `${id}Version${createHash('sha1').update(pythonJson(hashed)).digest('hex').slice(0, 10)}`
}
