// Expands the AWS::LanguageExtensions transform as CloudFormation does (Fn::ForEach, Fn::Length, Fn::ToJsonString, Fn::FindInMap defaults, intrinsic deletion policies), keeping every generated value located where the user wrote it.
import {asArray, isIntrinsic, isRecord, PSEUDO_PARAMETERS} from './intrinsics.js'
import type {PositionIndex} from './parse.js'
import type {PropPath} from './types.js'

export const LANGUAGE_EXTENSIONS_TRANSFORM = 'AWS::LanguageExtensions'
const LOOP_PREFIX = 'Fn::ForEach::'
/** The sections CloudFormation expands Fn::ForEach in (resource properties are reached through Resources). */
const LOOP_SECTIONS = ['Conditions', 'Resources', 'Outputs'] as const
/** CloudFormation refuses a template with more resources than this; loops stop expanding well past it. */
const MAX_EXPANDED_ENTRIES = 10_000

/** A Fn::ForEach that could not be expanded: what it declares was not checked. */
export interface UnexpandedLoop {
  /** Absolute path of the loop's key in the expanded template, e.g. ['Resources', 'Fn::ForEach::Queues']. */
  at: PropPath
  /** The loop's key as written, e.g. `Fn::ForEach::Queues`. */
  loop: string
  /** What the loop declares: resources, outputs, conditions or properties. */
  what: 'resources' | 'outputs' | 'conditions' | 'properties'
  /** How many of them it declares for each item of its collection (nested loops included). */
  perItem: number
  /** Why it was not expanded, as a clause: "parameter Names has no default value". */
  reason: string
}

export interface LanguageExpansion {
  /** The template as CloudFormation sees it after the transform; the same object when there was nothing to expand. */
  template: Record<string, unknown>
  unexpanded: UnexpandedLoop[]
}

export interface LanguageExtensionsOptions {
  /** Parameter values that replace the template's defaults (`--parameter-overrides`). */
  parameterValues?: Readonly<Record<string, string>>
}

/** True when the template declares the AWS::LanguageExtensions transform. */
export function declaresLanguageExtensions(template: Record<string, unknown>): boolean {
  return asArray(template.Transform).includes(LANGUAGE_EXTENSIONS_TRANSFORM)
}

/**
 * Expands a template's language extensions. Templates that do not declare the transform are returned
 * as they are, except that loops written without it are listed as unexpanded (CloudFormation rejects them).
 */
export function expandLanguageExtensions(template: Record<string, unknown>, positions: PositionIndex, options: LanguageExtensionsOptions = {}): LanguageExpansion {
  if (!declaresLanguageExtensions(template)) return {template, unexpanded: loopsWithoutTransform(template)}
  const expander = new Expander(template, positions, options.parameterValues ?? {})
  return {template: expander.run(), unexpanded: expander.unexpanded}
}

function loopsWithoutTransform(template: Record<string, unknown>): UnexpandedLoop[] {
  const loops: UnexpandedLoop[] = []
  for (const section of LOOP_SECTIONS) {
    const entries = template[section]
    if (!isRecord(entries)) continue
    for (const [key, spec] of Object.entries(entries)) {
      if (!key.startsWith(LOOP_PREFIX)) continue
      loops.push({
        at: [section, key],
        loop: key,
        what: sectionWhat(section),
        perItem: declaredPerItem(spec),
        reason: `the template does not declare the ${LANGUAGE_EXTENSIONS_TRANSFORM} transform, which CloudFormation needs to expand it`,
      })
    }
  }
  return loops
}

function sectionWhat(section: string): UnexpandedLoop['what'] {
  return section === 'Resources' ? 'resources' : section === 'Outputs' ? 'outputs' : section === 'Conditions' ? 'conditions' : 'properties'
}

/** Entries a loop body declares per item, counting what nested loops declare per item of theirs. */
function declaredPerItem(spec: unknown): number {
  const body: unknown = Array.isArray(spec) ? spec[2] : undefined
  if (!isRecord(body)) return 0
  let count = 0
  for (const [key, value] of Object.entries(body)) count += key.startsWith(LOOP_PREFIX) ? declaredPerItem(value) : 1
  return count
}

/** A value that could be computed before deployment, or why not. */
type Resolution = {value: unknown} | {reason: string}

const isResolved = (resolution: Resolution): resolution is {value: unknown} => 'value' in resolution

/** What `&{Name}` turns an item into: its letters and digits only, so it can be part of a logical id. */
function alphanumeric(item: string): string {
  return item.replace(/[^A-Za-z0-9]/g, '')
}

/** Replaces `${identifier}` and `&{identifier}` in a string. */
function substituteText(text: string, identifier: string, item: string): string {
  if (!text.includes('{')) return text
  return text.split(`\${${identifier}}`).join(item).split(`&{${identifier}}`).join(alphanumeric(item))
}

class Expander {
  readonly unexpanded: UnexpandedLoop[] = []
  private readonly parameters: Record<string, unknown>
  private readonly mappings: Record<string, unknown>
  private expandedEntries = 0

  constructor(
    private readonly template: Record<string, unknown>,
    private readonly positions: PositionIndex,
    private readonly parameterValues: Readonly<Record<string, string>>,
  ) {
    this.parameters = isRecord(template.Parameters) ? template.Parameters : {}
    this.mappings = isRecord(template.Mappings) ? template.Mappings : {}
  }

  run(): Record<string, unknown> {
    const result: Record<string, unknown> = {...this.template}
    this.positions.alias(result, this.template)
    for (const section of LOOP_SECTIONS) {
      const value = this.template[section]
      if (value !== undefined) result[section] = this.value(value, [section])
    }
    if (isRecord(result.Resources)) result.Resources = this.policies(result.Resources)
    // Like CloudFormation's processed template: the transform is gone once it has been applied everywhere.
    if (this.unexpanded.length === 0) {
      const rest = asArray(this.template.Transform).filter((name) => name !== LANGUAGE_EXTENSIONS_TRANSFORM)
      if (rest.length === 0) delete result.Transform
      else result.Transform = typeof this.template.Transform === 'string' ? rest[0] : rest
    }
    return result
  }

  /** Expands the language extensions in a value; returns the same object when nothing in it changed. */
  private value(value: unknown, at: PropPath): unknown {
    if (Array.isArray(value)) {
      let changed = false
      const items = value.map((item, index) => {
        const expanded = this.value(item, [...at, index])
        if (expanded !== item) changed = true
        return expanded
      })
      if (!changed) return value
      this.positions.alias(items, value)
      return items
    }
    if (!isRecord(value)) return value
    const keys = Object.keys(value)
    if (keys.length === 1 && isIntrinsic(value)) {
      const computed = this.function(keys[0]!, value, at)
      if (computed !== undefined) return computed
    }
    return this.mapping(value, at)
  }

  /** A language-extension function computed, or undefined when it is not one or cannot be computed before deployment. */
  private function(name: string, value: Record<string, unknown>, at: PropPath): unknown {
    const argument = value[name]
    if (name === 'Fn::Length') {
      const list = this.resolve(this.value(argument, [...at, name]))
      return isResolved(list) && Array.isArray(list.value) ? list.value.length : undefined
    }
    if (name === 'Fn::ToJsonString') {
      const content = this.value(argument, [...at, name])
      // Intrinsics inside are resolved by CloudFormation at deployment; until then the function stays.
      return containsIntrinsic(content) ? undefined : JSON.stringify(content)
    }
    // `!GetAtt [!Sub 'Queue${Name}', Arn]` and `!Ref {Fn::Sub: ...}` name a resource of the loop once the identifier is replaced.
    if (name === 'Fn::GetAtt' && Array.isArray(argument) && literalSub(argument[0]) !== undefined) {
      const target = [literalSub(argument[0]), ...argument.slice(1).map((part, index) => this.value(part, [...at, name, index + 1]))]
      this.positions.alias(target, argument)
      const result = {[name]: target}
      this.positions.alias(result, value)
      return result
    }
    if (name === 'Ref' && literalSub(argument) !== undefined) {
      const result = {Ref: literalSub(argument)}
      this.positions.alias(result, value)
      return result
    }
    if (name === 'Fn::FindInMap' && Array.isArray(argument) && argument.length === 4 && isRecord(argument[3]) && 'DefaultValue' in argument[3]) {
      const found = this.findInMap(argument.slice(0, 3).map((key, index) => this.value(key, [...at, name, index])))
      if (!isResolved(found)) return undefined
      return found.value === undefined ? this.value(argument[3].DefaultValue, [...at, name, 3, 'DefaultValue']) : found.value
    }
    return undefined
  }

  private mapping(value: Record<string, unknown>, at: PropPath): Record<string, unknown> {
    let changed = false
    const result: Record<string, unknown> = {}
    // Where each member of the result was written: loop bodies give members of other containers.
    const sources = new Map<string, {container: object; key: string}>()
    for (const [key, child] of Object.entries(value)) {
      if (key.startsWith(LOOP_PREFIX)) {
        const expansion = this.loop(key, child, at)
        if (expansion) {
          changed = true
          for (const entry of expansion) {
            result[entry.key] = entry.value
            sources.set(entry.key, entry.source)
          }
          continue
        }
      }
      const expanded = this.value(child, [...at, key])
      if (expanded !== child) changed = true
      result[key] = expanded
      sources.set(key, {container: value, key})
    }
    if (!changed) return value
    this.positions.compose(result, value, sources)
    return result
  }

  /** The entries one Fn::ForEach produces, or undefined (recorded as unexpanded) when it cannot be expanded. */
  private loop(key: string, spec: unknown, at: PropPath): Array<{key: string; value: unknown; source: {container: object; key: string}}> | undefined {
    const skip = (reason: string): undefined => {
      // A loop nested in a loop that did expand is met once per outer item: report it once.
      if (this.unexpanded.some((loop) => loop.loop === key && loop.at.length === at.length + 1 && loop.at.every((segment, index) => index === at.length || segment === at[index]))) return undefined
      this.unexpanded.push({at: [...at, key], loop: key, what: sectionWhat(at.length <= 1 ? String(at[0]) : 'Properties'), perItem: declaredPerItem(spec), reason})
      return undefined
    }
    if (!Array.isArray(spec) || spec.length !== 3 || typeof spec[0] !== 'string' || !isRecord(spec[2])) {
      return skip('it is not [identifier, collection, {key: value}]')
    }
    const [identifier, collectionValue, body] = spec as [string, unknown, Record<string, unknown>]
    const collection = this.resolve(this.value(collectionValue, [...at, key, 1]))
    if (!isResolved(collection)) return skip(collection.reason)
    if (!Array.isArray(collection.value)) return skip('its collection is not a list')
    const items = collection.value.map((item) => (typeof item === 'string' ? item : typeof item === 'number' || typeof item === 'boolean' ? String(item) : undefined))
    if (items.some((item) => item === undefined)) return skip('its collection holds values that are not strings')
    if (this.expandedEntries + items.length * Object.keys(body).length > MAX_EXPANDED_ENTRIES) return skip(`it would generate more than ${MAX_EXPANDED_ENTRIES} entries`)
    const entries: Array<{key: string; value: unknown; source: {container: object; key: string}}> = []
    for (const item of items as string[]) {
      const copy = this.substitute(body, identifier, item) as Record<string, unknown>
      // Nested loops and functions in the copy are expanded with this item's values in place.
      const expanded = this.mapping(copy, at)
      for (const [entryKey, value] of Object.entries(expanded)) {
        this.expandedEntries++
        entries.push({key: entryKey, value, source: {container: expanded, key: entryKey}})
      }
    }
    return entries
  }

  /** A copy of a loop body with the identifier replaced by one item, located where the body was written. */
  private substitute(value: unknown, identifier: string, item: string): unknown {
    if (typeof value === 'string') return substituteText(value, identifier, item)
    if (Array.isArray(value)) {
      const copy = value.map((member) => this.substitute(member, identifier, item))
      this.positions.alias(copy, value)
      return copy
    }
    if (!isRecord(value)) return value
    if (value.Ref === identifier && Object.keys(value).length === 1) return item
    const copy: Record<string, unknown> = {}
    const renamed = new Map<string, string>()
    for (const [key, member] of Object.entries(value)) {
      const newKey = substituteText(key, identifier, item)
      if (newKey !== key) renamed.set(newKey, key)
      copy[newKey] = this.substitute(member, identifier, item)
    }
    this.positions.alias(copy, value, (key) => renamed.get(key) ?? key)
    return copy
  }

  /** Resources whose DeletionPolicy or UpdateReplacePolicy is an intrinsic that resolves to a string, with that string. */
  private policies(resources: Record<string, unknown>): Record<string, unknown> {
    let result: Record<string, unknown> | undefined
    for (const [id, resource] of Object.entries(resources)) {
      if (!isRecord(resource)) continue
      let copy: Record<string, unknown> | undefined
      for (const attribute of ['DeletionPolicy', 'UpdateReplacePolicy']) {
        const policy = resource[attribute]
        if (!isRecord(policy)) continue
        const resolved = this.resolve(policy)
        if (!isResolved(resolved) || typeof resolved.value !== 'string') continue
        copy ??= {...resource}
        copy[attribute] = resolved.value
      }
      if (!copy) continue
      this.positions.alias(copy, resource)
      if (!result) {
        result = {...resources}
        this.positions.alias(result, resources)
      }
      result[id] = copy
    }
    return result ?? resources
  }

  /** Computes a value before deployment: literals, parameters (overridden or defaulted), mappings and the list and string functions over them. */
  private resolve(value: unknown): Resolution {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return {value}
    if (Array.isArray(value)) {
      const items: unknown[] = []
      for (const item of value) {
        const resolved = this.resolve(item)
        if (!isResolved(resolved)) return resolved
        items.push(resolved.value)
      }
      return {value: items}
    }
    if (!isRecord(value) || !isIntrinsic(value)) return {reason: 'its value is not a list'}
    const [name] = Object.keys(value)
    const argument = value[name!]
    switch (name) {
      case 'Ref':
        return typeof argument === 'string' ? this.parameter(argument) : {reason: 'it uses a Ref that is not a name'}
      case 'Fn::FindInMap': {
        if (!Array.isArray(argument) || argument.length < 3) return {reason: 'it uses a malformed Fn::FindInMap'}
        const found = this.findInMap(argument.slice(0, 3))
        if (!isResolved(found)) return found
        if (found.value !== undefined) return this.resolve(found.value)
        const fallback = isRecord(argument[3]) ? argument[3].DefaultValue : undefined
        return fallback === undefined ? {reason: `Fn::FindInMap finds nothing in ${String(argument[0])}`} : this.resolve(fallback)
      }
      case 'Fn::Split': {
        const [delimiter, source] = asArray(argument)
        const text = this.resolve(source)
        if (!isResolved(text)) return text
        return typeof delimiter === 'string' && typeof text.value === 'string' ? {value: text.value.split(delimiter)} : {reason: 'it uses a malformed Fn::Split'}
      }
      case 'Fn::Join': {
        const [delimiter, list] = asArray(argument)
        const items = this.resolve(list)
        if (!isResolved(items)) return items
        return typeof delimiter === 'string' && Array.isArray(items.value) ? {value: items.value.map(String).join(delimiter)} : {reason: 'it uses a malformed Fn::Join'}
      }
      case 'Fn::Select': {
        const [indexValue, list] = asArray(argument)
        const index = this.resolve(indexValue)
        const items = this.resolve(list)
        if (!isResolved(index)) return index
        if (!isResolved(items)) return items
        const position = Number(index.value)
        return Array.isArray(items.value) && Number.isInteger(position) && position >= 0 && position < items.value.length ? {value: items.value[position]} : {reason: 'it uses an Fn::Select out of range'}
      }
      case 'Fn::Length': {
        const items = this.resolve(argument)
        if (!isResolved(items)) return items
        return Array.isArray(items.value) ? {value: items.value.length} : {reason: 'it uses Fn::Length of something that is not a list'}
      }
      case 'Fn::Sub': {
        if (typeof argument !== 'string') return {reason: 'it uses an Fn::Sub with variables'}
        let failure: string | undefined
        const text = argument.replace(/\$\{([^}!]+)\}/g, (match, reference: string) => {
          const resolved = this.parameter(reference.trim())
          if (isResolved(resolved) && typeof resolved.value === 'string') return resolved.value
          failure ??= isResolved(resolved) ? `${reference} is a list` : resolved.reason
          return match
        })
        return failure ? {reason: failure} : {value: text.replace(/\$\{!/g, '${')}
      }
      case 'Fn::ImportValue':
        return {reason: 'it uses Fn::ImportValue, known only at deployment'}
      case 'Fn::GetAZs':
        return {reason: 'it uses Fn::GetAZs, known only at deployment'}
      case 'Fn::GetAtt':
        return {reason: 'it uses Fn::GetAtt, known only at deployment'}
      default:
        return {reason: `it uses ${name}, which cannot be computed before deployment`}
    }
  }

  /** A parameter's value: the override, else its default. List parameters are lists. */
  private parameter(name: string): Resolution {
    if (PSEUDO_PARAMETERS.has(name)) return {reason: `${name} is known only at deployment`}
    const declaration = this.parameters[name]
    if (!isRecord(declaration)) return {reason: `${name} is not a parameter of the template`}
    const type = typeof declaration.Type === 'string' ? declaration.Type : 'String'
    if (type.startsWith('AWS::SSM::Parameter::')) return {reason: `parameter ${name} is read from Systems Manager at deployment`}
    const raw = this.parameterValues[name] ?? declaration.Default
    if (raw === undefined || raw === null) return {reason: `parameter ${name} has no default value`}
    const text = Array.isArray(raw) ? raw.map(String).join(',') : String(raw)
    return {value: type === 'CommaDelimitedList' || type.startsWith('List<') ? text.split(',') : text}
  }

  /** The value at [map, top key, second key], `undefined` when the keys are known but absent, or why the keys are not known. */
  private findInMap(keys: unknown[]): Resolution {
    const names: string[] = []
    for (const key of keys) {
      const resolved = this.resolve(key)
      if (!isResolved(resolved)) return resolved
      if (typeof resolved.value !== 'string' && typeof resolved.value !== 'number') return {reason: 'it uses Fn::FindInMap with a key that is not a string'}
      names.push(String(resolved.value))
    }
    const [map, top, second] = names as [string, string, string]
    const found = (this.mappings[map] as Record<string, Record<string, unknown> | undefined> | undefined)?.[top]?.[second]
    return {value: found}
  }
}

/** The text of `{Fn::Sub: 'text'}` when it has no variables left, else undefined. */
function literalSub(value: unknown): string | undefined {
  if (!isRecord(value) || Object.keys(value).length !== 1) return undefined
  const text = value['Fn::Sub']
  return typeof text === 'string' && !/\$\{(?!!)/.test(text) ? text.replace(/\$\{!/g, '${') : undefined
}

function containsIntrinsic(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsIntrinsic)
  if (!isRecord(value)) return false
  return isIntrinsic(value) || Object.values(value).some(containsIntrinsic)
}
