// Helpers for CloudFormation intrinsic functions: recognising them, finding what they reference, and reading literals.
import type {PropPath} from './types.js'

export const PSEUDO_PARAMETERS = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix'])

const INTRINSIC_KEYS = new Set([
  'Ref',
  'Condition',
  'Fn::GetAtt',
  'Fn::Sub',
  'Fn::Join',
  'Fn::If',
  'Fn::Select',
  'Fn::Split',
  'Fn::FindInMap',
  'Fn::ImportValue',
  'Fn::GetAZs',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::Equals',
  'Fn::And',
  'Fn::Or',
  'Fn::Not',
  'Fn::Transform',
  'Fn::ToJsonString',
  'Fn::Length',
  'Fn::GetParam',
])

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** True when `value` is a single-key object such as `{Ref: X}` or `{"Fn::GetAtt": [...]}`. */
export function isIntrinsic(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false
  const keys = Object.keys(value)
  return keys.length === 1 && INTRINSIC_KEYS.has(keys[0]!)
}

export interface Reference {
  /** Logical id, parameter or pseudo parameter named. */
  target: string
  /** Attribute for GetAtt or `${X.Attr}`. */
  attribute?: string
  /** Path of the intrinsic inside the value that was walked. */
  path: PropPath
  via: 'Ref' | 'Fn::GetAtt' | 'Fn::Sub'
}

const SUB_VARIABLE = /\$\{(?!!)([^}]+)\}/g

/** Names referenced in a `Fn::Sub` string, minus those defined by its variable map. */
export function subReferences(template: string, locals: ReadonlySet<string> = new Set()): Array<{target: string; attribute?: string}> {
  const result: Array<{target: string; attribute?: string}> = []
  for (const match of template.matchAll(SUB_VARIABLE)) {
    const expression = match[1]!.trim()
    if (locals.has(expression)) continue
    const dot = expression.indexOf('.')
    if (dot > 0 && !expression.startsWith('AWS::')) {
      result.push({target: expression.slice(0, dot), attribute: expression.slice(dot + 1)})
    } else {
      result.push({target: expression})
    }
  }
  return result
}

/** Every Ref, GetAtt and Sub reference inside `value`, with where it sits. */
export function collectReferences(value: unknown, basePath: PropPath = []): Reference[] {
  const found: Reference[] = []
  // One path stack for the whole walk: most values hold no intrinsic, so a path is copied only where a reference sits.
  const path: Array<string | number> = [...basePath]
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index++) {
        path.push(index)
        walk(node[index])
        path.pop()
      }
      return
    }
    if (!isRecord(node)) return
    const record = node
    if (isIntrinsic(node)) {
      const [key, argument] = Object.entries(node)[0]!
      if (key === 'Ref' && typeof argument === 'string') {
        found.push({target: argument, path: [...path], via: 'Ref'})
        return
      }
      if (key === 'Fn::GetAtt') {
        const parts = Array.isArray(argument) ? argument : typeof argument === 'string' ? argument.split('.') : []
        if (typeof parts[0] === 'string') {
          found.push({target: parts[0], attribute: typeof parts[1] === 'string' ? parts.slice(1).join('.') : undefined, path: [...path], via: 'Fn::GetAtt'})
        }
        return
      }
      if (key === 'Fn::Sub') {
        const [text, variables] = subArguments(argument)
        const locals = new Set(isRecord(variables) ? Object.keys(variables) : [])
        if (typeof text === 'string') {
          const refs = subReferences(text, locals)
          if (refs.length > 0) {
            const at = [...path]
            for (const ref of refs) found.push({...ref, path: at, via: 'Fn::Sub'})
          }
        }
        if (isRecord(variables)) {
          path.push('Fn::Sub', 1)
          walk(variables)
          path.length -= 2
        }
        return
      }
      path.push(key)
      walk(argument)
      path.pop()
      return
    }
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue
      path.push(key)
      walk(record[key])
      path.pop()
    }
  }
  walk(value)
  return found
}

/** The template text and the variable map of an `Fn::Sub` argument, written `text` or `[text, {variables}]`. */
export function subArguments(argument: unknown): [text: unknown, variables: unknown] {
  return Array.isArray(argument) ? [argument[0] as unknown, argument[1] as unknown] : [argument, undefined]
}

/** How a value reads in a message: a literal as written, anything else (an intrinsic, a list) as compact JSON, never "[object Object]". */
export function textOf(value: unknown): string {
  const scalar = literal(value)
  if (scalar !== undefined) return String(scalar)
  return value === undefined ? '' : JSON.stringify(value)
}

/** A string, number or boolean written literally; undefined for intrinsics and other values that cannot be resolved statically. */
export function literal(value: unknown): string | number | boolean | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  return undefined
}

/** A literal number, accepting numeric strings as CloudFormation does. */
export function literalNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  return undefined
}

/** A literal boolean, accepting "true"/"false" strings as CloudFormation does. */
export function literalBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  if (typeof value === 'string') {
    const lower = value.toLowerCase()
    if (lower === 'true') return true
    if (lower === 'false') return false
  }
  return undefined
}

/** Reads a nested property, e.g. get(props, 'TracingConfig', 'Mode'). */
export function get(value: unknown, ...path: Array<string | number>): unknown {
  let current = value
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment]
    else if (isRecord(current)) current = current[segment as string]
    else return undefined
  }
  return current
}

/** Turns a value that may be a single item or a list into a list. */
export function asArray<T = unknown>(value: unknown): T[] {
  if (value === undefined || value === null) return []
  return (Array.isArray(value) ? value : [value]) as T[]
}
