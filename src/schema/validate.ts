// Validates a template as written (SAM before expansion, Globals included) against the specification index: types, property names, value shapes and allowed values, required properties, template limits.
import {isIntrinsic, isRecord} from '../model/intrinsics.js'
import {isSamTemplate} from '../model/sam/index.js'
import {isModuleType, isPackagedArtifact} from '../model/packaged-artifacts.js'
import type {PropPath} from '../model/types.js'
import type {Constraints, ObjectEntry, Shape, Shard} from './format.js'
import {knownTypes, loadIndex, resourceEntry} from './load.js'
import {requirementIssues} from './requirements.js'
import {closest} from './suggest.js'

export type SchemaIssueKind = 'unknownType' | 'unknownProperty' | 'wrongType' | 'missingRequired' | 'invalidValue' | 'limit'

export interface SchemaIssue {
  kind: SchemaIssueKind
  /** Absolute path in the template as written: the unknown key, the value of the wrong shape, or the object missing a property. */
  at: PropPath
  messageId: string
  data: Record<string, string | number>
}

/** Keys a resource may carry besides Type and Properties. */
const RESOURCE_KEYS = ['Type', 'Properties', 'DependsOn', 'Condition', 'Metadata', 'DeletionPolicy', 'UpdateReplacePolicy', 'UpdatePolicy', 'CreationPolicy', 'Fn::Transform']

/**
 * CloudFormation's template quotas (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html):
 * a template over them is rejected before anything is created.
 */
export const TEMPLATE_LIMITS = {Resources: 500, Parameters: 200, Outputs: 200, bodyBytes: 1024 * 1024} as const

const TAG: ObjectEntry = {p: {Key: 's', Value: 's'}, q: ['Key', 'Value']}

/** Types CloudFormation accepts that the specification does not list: the CDK's own metadata resource. */
const UNLISTED_TYPES = new Set(['AWS::CDK::Metadata'])

export function isCustomResourceType(type: string): boolean {
  return type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource'
}

/** True when a type is one of the registry types a user declared (`MyOrg::Service::Thing`, or a prefix ending in `*`). */
export function isRegistryType(type: string, registryTypes: readonly string[]): boolean {
  return registryTypes.some((pattern) => (pattern.endsWith('*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type))
}

const cache = new WeakMap<object, SchemaIssue[]>()

/**
 * Every schema issue of a template; computed once per template and shared by the rules that report
 * them. Types the index does not know give one unknownType issue and nothing else, so registry
 * types are left to the rule that reports unknown types.
 */
export function validateTemplate(template: Record<string, unknown>, sizeInBytes?: number): SchemaIssue[] {
  const known = cache.get(template)
  if (known) return known
  const issues = new Validator(template).run()
  issues.push(...requirementIssues(template), ...limitIssues(template, sizeInBytes))
  cache.set(template, issues)
  return issues
}

/** Counts of resources, parameters and outputs, and the size of the template body, against CloudFormation's quotas. */
function limitIssues(template: Record<string, unknown>, sizeInBytes: number | undefined): SchemaIssue[] {
  const issues: SchemaIssue[] = []
  for (const section of ['Resources', 'Parameters', 'Outputs'] as const) {
    const value = template[section]
    const count = isRecord(value) ? Object.keys(value).length : 0
    const limit = TEMPLATE_LIMITS[section]
    if (count > limit) issues.push({kind: 'limit', at: [section], messageId: 'tooMany', data: {section, noun: section.toLowerCase(), count, limit}})
  }
  if (sizeInBytes !== undefined && sizeInBytes > TEMPLATE_LIMITS.bodyBytes) {
    issues.push({kind: 'limit', at: [], messageId: 'tooLarge', data: {size: sizeInBytes, limit: TEMPLATE_LIMITS.bodyBytes}})
  }
  return issues
}

const EXPECTED: Record<string, string> = {s: 'a string', d: 'a date-time string', n: 'a number', i: 'an integer', b: 'a boolean', t: 'a tag', j: 'any value', z: 'null'}

function describeShape(shape: Shape): string {
  if (typeof shape === 'string') return EXPECTED[shape] ?? 'a value'
  if (typeof shape === 'number') return 'an object'
  if (shape[0] === 'a') return 'a list'
  if (shape[0] === 'm') return 'a mapping'
  return [...new Set(shape.slice(1).map((member) => describeShape(member as Shape)))].join(' or ')
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list'
  if (isRecord(value)) return 'a mapping'
  if (typeof value === 'string') return `the string "${value.length > 40 ? `${value.slice(0, 37)}...` : value}"`
  if (typeof value === 'number') return `the number ${value}`
  if (typeof value === 'boolean') return `the boolean ${value}`
  return 'null'
}

type Kind = 'scalar' | 'list' | 'object'

function kindOfValue(value: unknown): Kind {
  return Array.isArray(value) ? 'list' : isRecord(value) ? 'object' : 'scalar'
}

function kindsOfShape(shape: Shape): Kind[] {
  if (typeof shape === 'number') return ['object']
  if (typeof shape === 'string') return shape === 'j' ? ['scalar', 'list', 'object'] : shape === 't' ? ['object'] : ['scalar']
  if (shape[0] === 'a') return ['list']
  if (shape[0] === 'm') return ['object']
  if (shape[0] === 'v') return kindsOfShape(shape[1])
  return shape.slice(1).flatMap((member) => kindsOfShape(member as Shape))
}

/** For numeric allowed values (log retention days), the allowed one nearest to a number. */
function nearestNumber(value: string, allowed: string[]): string | undefined {
  const number = Number(value)
  if (value.trim() === '' || !Number.isFinite(number) || !allowed.every((candidate) => Number.isFinite(Number(candidate)))) return undefined
  return allowed.reduce((best, candidate) => (Math.abs(Number(candidate) - number) < Math.abs(Number(best) - number) ? candidate : best))
}

/** How a message states a range: "1–900", "at least 1", "at most 900". */
function describeRange(lo: number | undefined, hi: number | undefined): string {
  if (lo !== undefined && hi !== undefined) return `${lo}–${hi}`
  return lo !== undefined ? `at least ${lo}` : `at most ${hi}`
}

/** Allowed values for a message: all of them when few, else how many there are (the suggestion names the likely one). */
function describeAllowed(values: string[]): string {
  return values.length <= 12 ? values.join(', ') : `the ${values.length} allowed values`
}

class Validator {
  private readonly issues: SchemaIssue[] = []
  private readonly sam: boolean
  private readonly samGlobals: Record<string, string>
  /** Top-level properties the Globals section gives the resource being validated. */
  private inheritedNames = new Set<string>()

  constructor(private readonly template: Record<string, unknown>) {
    this.sam = isSamTemplate(template)
    this.samGlobals = this.sam || isRecord(template.Globals) ? loadIndex().meta.sam.globals : {}
  }

  run(): SchemaIssue[] {
    const resources = this.template.Resources
    const globals = isRecord(this.template.Globals) ? this.template.Globals : {}
    if (isRecord(resources)) {
      for (const [id, resource] of Object.entries(resources)) {
        // Fn::ForEach (AWS::LanguageExtensions) expands into resources at deploy time.
        if (id.startsWith('Fn::ForEach') || !isRecord(resource) || typeof resource.Type !== 'string') continue
        this.resource(id, resource, resource.Type, globals)
      }
    }
    this.globals(globals)
    return this.issues
  }

  private report(kind: SchemaIssueKind, at: PropPath, messageId: string, data: Record<string, string | number>): void {
    this.issues.push({kind, at, messageId, data})
  }

  private resource(id: string, resource: Record<string, unknown>, type: string, globals: Record<string, unknown>): void {
    const base = ['Resources', id]
    const properties = resource.Properties
    if (UNLISTED_TYPES.has(type)) return
    if (isCustomResourceType(type)) {
      if (isRecord(properties) && !isIntrinsic(properties) && !('ServiceToken' in properties)) {
        this.report('missingRequired', [...base, 'Properties'], 'missingRequired', {property: 'ServiceToken', type, resource: id})
      } else if (properties === undefined) {
        this.report('missingRequired', base, 'missingRequired', {property: 'ServiceToken', type, resource: id})
      }
      return
    }
    // Modules are expanded by CloudFormation from the registry; the engine says they were not checked (SLS004).
    if (isModuleType(type)) return
    const found = resourceEntry(type)
    if (!found) {
      const suggestion = closest(type, knownTypes())
      this.report('unknownType', [...base, 'Type'], suggestion ? 'unknownTypeDidYouMean' : 'unknownType', suggestion ? {type, resource: id, suggestion} : {type, resource: id})
      return
    }
    const sam = type.startsWith('AWS::Serverless::')
    const {entry, shard} = found
    // SAM's own keys (IgnoreGlobals, embedded Connectors) exist only where the SAM transform runs.
    const allowedKeys = new Set(this.sam && entry.x ? [...RESOURCE_KEYS, ...entry.x] : RESOURCE_KEYS)
    for (const key of Object.keys(resource)) {
      if (allowedKeys.has(key)) continue
      const suggestion = closest(key, allowedKeys)
      this.unknownProperty([...base, key], key, `resource ${id}`, suggestion)
    }
    const inherited = sam ? this.globalsFor(type, globals) : {}
    this.inheritedNames = new Set(Object.keys(inherited))
    if (properties === undefined) {
      this.missing(entry, {}, base, type, id, inherited)
      return
    }
    if (isIntrinsic(properties)) {
      this.intrinsic(properties, [...base, 'Properties'], (value, at) => this.objectValue(value, entry, shard, at, type, id, {}))
      return
    }
    this.objectValue(properties, entry, shard, [...base, 'Properties'], type, id, inherited)
  }

  private globalsFor(type: string, globals: Record<string, unknown>): Record<string, unknown> {
    const section = Object.entries(this.samGlobals).find(([, samType]) => samType === type)?.[0]
    const values = section ? globals[section] : undefined
    return isRecord(values) ? values : {}
  }

  private globals(globals: Record<string, unknown>): void {
    for (const [section, values] of Object.entries(globals)) {
      const at = ['Globals', section]
      const type = this.samGlobals[section]
      if (!type) {
        this.unknownProperty(at, section, 'Globals', closest(section, Object.keys(this.samGlobals)))
        continue
      }
      const found = resourceEntry(type)
      if (!found || !isRecord(values) || isIntrinsic(values)) continue
      // Globals set defaults: required properties may still come from each resource (see missing()).
      this.objectValue(values, found.entry, found.shard, at, type, `Globals.${section}`, {})
    }
  }

  private unknownProperty(at: PropPath, property: string, parent: string, suggestion: string | undefined): void {
    this.report('unknownProperty', at, suggestion ? 'unknownPropertyDidYouMean' : 'unknownProperty', suggestion ? {property, parent, suggestion} : {property, parent})
  }

  /** Validates both branches of Fn::If; every other intrinsic is taken on trust. */
  private intrinsic(value: Record<string, unknown>, at: PropPath, check: (branch: unknown, at: PropPath) => void): void {
    const branches = value['Fn::If']
    if (!Array.isArray(branches) || branches.length !== 3) return
    for (const index of [1, 2]) {
      const branch: unknown = branches[index]
      if (isRecord(branch) && isIntrinsic(branch) && !('Fn::If' in branch)) continue
      if (isRecord(branch) && isIntrinsic(branch)) this.intrinsic(branch, [...at, 'Fn::If', index], check)
      else check(branch, [...at, 'Fn::If', index])
    }
  }

  private objectValue(value: unknown, entry: ObjectEntry & {o?: 1}, shard: Shard, at: PropPath, type: string, resource: string, inherited: Record<string, unknown>): void {
    if (!isRecord(value)) {
      this.wrongType(at, value, 'an object', type)
      return
    }
    const sam = type.startsWith('AWS::Serverless::')
    // A loop left unexpanded (AWS::LanguageExtensions, reported as not checked) may add any property, required ones included.
    let loop = false
    for (const [name, child] of Object.entries(value)) {
      // SAM reads a property set to null as not set (`Events:` with nothing under it).
      if (child === null && sam) continue
      const shape = entry.p[name]
      if (shape === undefined) {
        if (name.startsWith('Fn::ForEach::')) loop = true
        else if (!entry.o && name !== 'Fn::Transform') this.unknownProperty([...at, name], name, parentName(type, at), closest(name, Object.keys(entry.p)))
        continue
      }
      this.value(child, shape, shard, [...at, name], type, resource)
    }
    if (!loop) this.missing(entry, value, at, type, resource, inherited)
    if (entry.k) this.event(value, entry.k, shard, at, type, resource)
  }

  private missing(entry: ObjectEntry, value: Record<string, unknown>, at: PropPath, type: string, resource: string, inherited: Record<string, unknown>): void {
    // Globals set defaults; SAM merges them into each resource, nested objects included.
    if (at[0] === 'Globals') return
    if (at[0] === 'Resources' && at[2] === 'Properties' && at.length > 3 && typeof at[3] === 'string' && this.inheritedNames.has(at[3])) return
    for (const name of entry.q ?? []) {
      if (name in value || name in inherited) continue
      this.report('missingRequired', at, 'missingRequired', {property: name, type: parentName(type, at), resource})
    }
  }

  /** A SAM event source: its Properties are checked against the shape its Type names. */
  private event(value: Record<string, unknown>, kinds: Record<string, Shape>, shard: Shard, at: PropPath, type: string, resource: string): void {
    const kind = value.Type
    if (typeof kind !== 'string') return
    const shape = kinds[kind]
    if (shape === undefined) {
      const suggestion = closest(kind, Object.keys(kinds))
      this.report('wrongType', [...at, 'Type'], suggestion ? 'notAllowedDidYouMean' : 'notAllowed', {
        property: 'Type',
        value: kind,
        allowed: Object.keys(kinds).join(', '),
        ...(suggestion ? {suggestion} : {}),
      })
      return
    }
    if (value.Properties !== undefined) this.value(value.Properties, shape, shard, [...at, 'Properties'], type, resource)
  }

  private wrongType(at: PropPath, value: unknown, expected: string, type: string): void {
    const last = [...at].reverse().find((segment) => typeof segment === 'string' && segment !== 'Fn::If')
    this.report('wrongType', at, 'wrongType', {property: String(last ?? ''), type, expected, actual: describeValue(value)})
  }

  private value(value: unknown, shape: Shape, shard: Shard, at: PropPath, type: string, resource: string): void {
    // A local path that `aws cloudformation package` / `sam package` uploads and rewrites into the shape CloudFormation wants.
    if (typeof value === 'string' && isPackagedArtifact(type, at)) return
    if (isRecord(value) && isIntrinsic(value)) {
      this.intrinsic(value, at, (branch, branchAt) => this.value(branch, shape, shard, branchAt, type, resource))
      return
    }
    if (typeof shape === 'number') {
      const entry = shard.d[shape]
      if (entry) this.objectValue(value, entry, shard, at, type, resource, {})
      return
    }
    if (typeof shape === 'string') {
      if (!matchesPrimitive(value, shape)) this.wrongType(at, value, describeShape(shape), type)
      else if (shape === 't' && isRecord(value)) this.objectValue(value, TAG, shard, at, type, resource, {})
      return
    }
    if (shape[0] === 'v') {
      const before = this.issues.length
      this.value(value, shape[1], shard, at, type, resource)
      // A value of the wrong shape is reported once, as such.
      if (this.issues.length === before) this.constraints(value, shape[2], at, type)
      return
    }
    const [tag, ...members] = shape
    if (tag === 'a') {
      if (!Array.isArray(value)) return this.wrongType(at, value, 'a list', type)
      value.forEach((item, index) => this.value(item, members[0] as Shape, shard, [...at, index], type, resource))
      return
    }
    if (tag === 'm') {
      if (!isRecord(value)) return this.wrongType(at, value, 'a mapping', type)
      for (const [name, child] of Object.entries(value)) this.value(child, members[0] as Shape, shard, [...at, name], type, resource)
      return
    }
    this.union(value, members as Shape[], shard, at, type, resource)
  }

  /** Allowed values, range, pattern and length of a literal value (intrinsics never reach here). */
  private constraints(value: unknown, constraints: Constraints, at: PropPath, type: string): void {
    const property = String([...at].reverse().find((segment) => typeof segment === 'string' && segment !== 'Fn::If') ?? '')
    const shown = Array.isArray(value) ? '' : String(value)
    const {e, lo, hi, p, ml, xl} = constraints
    if (e && !Array.isArray(value) && !isRecord(value) && !e.includes(shown)) {
      const suggestion = nearestNumber(shown, e) ?? closest(shown, e)
      const data = {property, type, value: shown, allowed: describeAllowed(e), ...(suggestion ? {suggestion} : {})}
      this.report('invalidValue', at, suggestion ? 'notAllowedDidYouMean' : 'notAllowed', data)
      return
    }
    if ((lo !== undefined || hi !== undefined) && (typeof value === 'number' || typeof value === 'string')) {
      const number = Number(value)
      if (Number.isFinite(number) && ((lo !== undefined && number < lo) || (hi !== undefined && number > hi))) {
        this.report('invalidValue', at, 'outOfRange', {property, type, value: number, range: describeRange(lo, hi)})
        return
      }
    }
    if (p !== undefined && typeof value === 'string' && !new RegExp(p, 'u').test(value)) {
      this.report('invalidValue', at, 'patternMismatch', {property, type, value: shown, pattern: p})
      return
    }
    if (ml !== undefined || xl !== undefined) {
      const length = Array.isArray(value) ? value.length : typeof value === 'string' ? [...value].length : undefined
      if (length !== undefined && ((ml !== undefined && length < ml) || (xl !== undefined && length > xl))) {
        const unit = Array.isArray(value) ? 'items' : 'characters'
        this.report('invalidValue', at, 'badLength', {property, type, length, unit, range: describeRange(ml, xl)})
      }
    }
  }

  /** Fine when any member fits; otherwise the issues of the closest member whose kind (scalar, list, object) fits the value. */
  private union(value: unknown, members: Shape[], shard: Shard, at: PropPath, type: string, resource: string): void {
    const kind = kindOfValue(value)
    const fitting = members.filter((member) => kindsOfShape(member).includes(kind))
    if (fitting.length === 0) {
      this.wrongType(at, value, describeShape(['u', ...members]), type)
      return
    }
    let best: SchemaIssue[] | undefined
    for (const member of fitting) {
      const trial = new Validator(this.template)
      trial.inheritedNames = this.inheritedNames
      trial.value(value, member, shard, at, type, resource)
      if (trial.issues.length === 0) return
      if (!best || trial.issues.length < best.length) best = trial.issues
    }
    this.issues.push(...(best ?? []))
  }
}

function matchesPrimitive(value: unknown, shape: string): boolean {
  switch (shape) {
    case 's':
    case 'd':
      // CloudFormation turns numbers and booleans into strings.
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    case 'n':
    case 'i':
      return typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    case 'b':
      return typeof value === 'boolean' || (typeof value === 'string' && ['true', 'false'].includes(value.toLowerCase()))
    case 't':
      return isRecord(value)
    default:
      return true
  }
}

/** How a message names where a property sits: the resource type, and the nested path below Properties. */
function parentName(type: string, at: PropPath): string {
  if (at[0] !== 'Globals' && !at.includes('Properties')) return type
  const start = at[0] === 'Globals' ? 2 : at.indexOf('Properties') + 1
  const inner = at.slice(start).filter((segment) => typeof segment === 'string' && segment !== 'Fn::If')
  return inner.length > 0 ? `${type} ${inner.join('.')}` : type
}
