// Builds the compact specification index from @aws-cdk/aws-service-spec: property shapes, allowed values and ranges, required names and attributes per resource type.
import {createRequire} from 'node:module'

import {type Constraints, INDEX_FORMAT, type IndexMeta, type ObjectEntry, type ResourceEntry, type Shape, type Shard, shardOf} from './format.js'
import {SAM_CONNECTOR_SOURCES, SAM_GETATT_TYPES, SAM_GLOBALS, SAM_TYPES, SAM_VERSION, type SamShape} from './sam-types.js'
import {VALUE_OVERRIDES, type ValueOverride} from './value-overrides.js'

/** The parts of the specification database's shapes this builder reads. */
interface SpecType {
  type: string
  reference?: {$ref: string}
  element?: SpecType
  types?: SpecType[]
  allowedValues?: Array<string | number>
}
interface SpecProperty {
  type: SpecType
  previousTypes?: SpecType[]
  required?: boolean
}
interface SpecResource {
  cloudFormationType: string
  properties: Record<string, SpecProperty>
  attributes: Record<string, unknown>
}
interface SpecDefinition {
  name?: string
  properties: Record<string, SpecProperty>
}
/** What the builder needs of `SpecDatabase`. */
export interface SpecSource {
  version: string
  resources: SpecResource[]
  definition(id: string): SpecDefinition | undefined
  /** Constraints the specification lacks, by resource type and property (value-overrides.ts plus the Lambda SDK's enums). */
  overrides?: Readonly<Record<string, Readonly<Record<string, ValueOverride>>>>
}

export interface BuiltIndex {
  meta: IndexMeta
  shards: Map<string, Shard>
}

const PRIMITIVES: Record<string, Shape> = {string: 's', number: 'n', integer: 'i', boolean: 'b', json: 'j', 'date-time': 'd', tag: 't', null: 'z'}

/** Reads the installed specification package (CommonJS, loaded synchronously). */
export function loadSpecSource(): SpecSource {
  const require = createRequire(import.meta.url)
  const {loadAwsServiceSpecSync} = require('@aws-cdk/aws-service-spec') as {loadAwsServiceSpecSync: () => SpecDb}
  const version = (require('@aws-cdk/aws-service-spec/package.json') as {version: string}).version
  const db = loadAwsServiceSpecSync()
  return {
    version,
    overrides: withLambdaEnums(VALUE_OVERRIDES, require),
    resources: db.all('resource') as SpecResource[],
    definition: (id) => {
      try {
        return db.get('typeDefinition', id) as SpecDefinition
      } catch {
        return undefined
      }
    },
  }
}

/**
 * Lambda runtimes and architectures: the values the Lambda API accepts, from the SDK's model (updated with
 * each SDK release), so a runtime added after this package was built is not a finding once the SDK knows it.
 */
function withLambdaEnums(overrides: typeof VALUE_OVERRIDES, require: NodeJS.Require): typeof VALUE_OVERRIDES {
  let lambda: {Runtime?: Record<string, string>; Architecture?: Record<string, string>}
  try {
    lambda = require('@aws-sdk/client-lambda') as typeof lambda
  } catch {
    return overrides
  }
  const runtimes = Object.values(lambda.Runtime ?? {})
  const architectures = Object.values(lambda.Architecture ?? {})
  const source = 'https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html (the SDK model of @aws-sdk/client-lambda)'
  const function_ = {...overrides['AWS::Lambda::Function']}
  if (runtimes.length > 0) function_.Runtime = {value: {e: runtimes.sort()}, source}
  if (architectures.length > 0) function_.Architectures = {...function_.Architectures, items: {e: architectures.sort()}, source}
  const layer: Record<string, ValueOverride> = {...overrides['AWS::Lambda::LayerVersion']}
  if (runtimes.length > 0) layer.CompatibleRuntimes = {items: {e: runtimes}, source}
  if (architectures.length > 0) layer.CompatibleArchitectures = {items: {e: architectures}, source}
  return {...overrides, 'AWS::Lambda::Function': function_, 'AWS::Lambda::LayerVersion': layer}
}

interface SpecDb {
  all(collection: 'resource'): unknown[]
  get(collection: 'typeDefinition', id: string): unknown
}

/** Collects one shard's definitions, giving each specification definition one index in it. */
class ShardBuilder {
  readonly shard: Shard = {r: {}, d: []}
  private readonly indexBySpecId = new Map<string, number>()

  constructor(readonly source: SpecSource) {}

  /** The shape of a property; `owner` and `name` (a resource type's own property) look up the constraints the specification lacks. */
  property(property: SpecProperty, owner?: string, name?: string): Shape {
    // A value of an earlier type still deploys, so earlier types are accepted too.
    const shape = unionOf([property.type, ...(property.previousTypes ?? [])].map((type) => this.type(type)))
    const override = owner && name ? this.source.overrides?.[owner]?.[name] : undefined
    return override ? constrain(shape, override) : shape
  }

  type(type: SpecType): Shape {
    const primitive = PRIMITIVES[type.type]
    // Some allowed values are numbers (log retention days): values are compared as written, in text.
    if (primitive !== undefined) return type.allowedValues && type.allowedValues.length > 0 ? ['v', primitive, {e: type.allowedValues.map(String)}] : primitive
    if (type.type === 'array' && type.element) return ['a', this.type(type.element)]
    if (type.type === 'map' && type.element) return ['m', this.type(type.element)]
    if (type.type === 'union' && type.types) return unionOf(type.types.map((member) => this.type(member)))
    if (type.type === 'ref' && type.reference) return this.definition(type.reference.$ref)
    // A shape this builder does not know: accept anything rather than report what cannot be told.
    return 'j'
  }

  definition(id: string): Shape {
    const known = this.indexBySpecId.get(id)
    if (known !== undefined) return known
    const definition = this.source.definition(id)
    if (!definition) return 'j'
    const index = this.shard.d.length
    this.indexBySpecId.set(id, index)
    const entry: ObjectEntry = {p: {}}
    this.shard.d.push(entry)
    Object.assign(entry, this.object(definition.properties))
    return index
  }

  object(properties: Record<string, SpecProperty>, owner?: string): ObjectEntry {
    const p: Record<string, Shape> = {}
    const q: string[] = []
    for (const [name, property] of Object.entries(properties)) {
      p[name] = this.property(property, owner, name)
      if (property.required) q.push(name)
    }
    return q.length > 0 ? {p, q} : {p}
  }

  /** Adds a plain object definition (SAM) and returns its index. */
  add(entry: ObjectEntry): number {
    this.shard.d.push(entry)
    return this.shard.d.length - 1
  }
}

/** Adds constraints to a shape: on the value itself, or on each item of a list. */
function constrain(shape: Shape, override: ValueOverride): Shape {
  let result = shape
  if (override.items && Array.isArray(result) && result[0] === 'a') result = ['a', withConstraints(result[1], override.items)]
  return override.value ? withConstraints(result, override.value) : result
}

function withConstraints(shape: Shape, constraints: Constraints): Shape {
  // Constraints on a union apply to whichever member the value is: keep them on the whole.
  if (Array.isArray(shape) && shape[0] === 'v') return ['v', shape[1], {...shape[2], ...constraints}]
  return ['v', shape, constraints]
}

/** One shape for several: nested unions flattened, duplicates dropped, and anything when one member is anything. */
export function unionOf(shapes: Shape[]): Shape {
  const flat = shapes.flatMap((shape) => (Array.isArray(shape) && shape[0] === 'u' ? (shape.slice(1) as Shape[]) : [shape]))
  if (flat.includes('j')) return 'j'
  const seen = new Set<string>()
  const members = flat.filter((shape) => {
    const key = JSON.stringify(shape)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  return members.length === 1 ? members[0]! : ['u', ...members]
}

/** Builds every shard of the index. */
export function buildIndex(source: SpecSource): BuiltIndex {
  const builders = new Map<string, ShardBuilder>()
  const builderOf = (type: string): ShardBuilder => {
    const name = shardOf(type)
    let builder = builders.get(name)
    if (!builder) builders.set(name, (builder = new ShardBuilder(source)))
    return builder
  }
  const byType = new Map(source.resources.map((resource) => [resource.cloudFormationType, resource]))
  const types: Record<string, string> = {}
  for (const resource of source.resources) {
    const type = resource.cloudFormationType
    // SAM types are described from the SAM specification below.
    if (type in SAM_TYPES) continue
    const builder = builderOf(type)
    const entry: ResourceEntry = {...builder.object(resource.properties, type), a: Object.keys(resource.attributes)}
    if (type === 'AWS::CloudFormation::CustomResource') entry.o = 1
    if (SAM_CONNECTOR_SOURCES.includes(type)) entry.x = ['Connectors']
    builder.shard.r[type] = entry
    types[type] = shardOf(type)
  }
  for (const [type, sam] of Object.entries(SAM_TYPES)) {
    const builder = builderOf(type)
    const converter = new SamConverter(builder, byType)
    const getAtt = SAM_GETATT_TYPES[type]
    const entry: ResourceEntry = {...converter.object(sam.properties, sam.required, false), a: attributesOf(byType.get(getAtt ?? ''))}
    if (getAtt) entry.g = getAtt
    entry.x = ['IgnoreGlobals', ...sam.keys.filter((key) => key === 'Connectors')]
    builder.shard.r[type] = entry
    types[type] = shardOf(type)
  }
  const shards = new Map([...builders].map(([name, builder]) => [name, builder.shard]))
  const sam = {version: SAM_VERSION, globals: SAM_GLOBALS, connectorSources: SAM_CONNECTOR_SOURCES}
  return {meta: {format: INDEX_FORMAT, specVersion: source.version, types, sam}, shards}
}

/** A primitive shape, possibly with constraints: what a SAM property described only in prose may borrow. */
function isScalar(shape: Shape): boolean {
  if (typeof shape === 'string') return shape !== 't'
  return Array.isArray(shape) && shape[0] === 'v' && isScalar(shape[1])
}

function attributesOf(resource: SpecResource | undefined): string[] {
  return resource ? Object.keys(resource.attributes) : []
}

/** Turns the SAM description into index shapes, borrowing pass-through shapes from the CloudFormation types. */
class SamConverter {
  constructor(
    private readonly builder: ShardBuilder,
    private readonly byType: Map<string, SpecResource>,
  ) {}

  object(properties: Record<string, SamShape>, required: string[] | undefined, open: boolean | undefined): ObjectEntry {
    const p: Record<string, Shape> = {}
    for (const [name, shape] of Object.entries(properties)) p[name] = this.shape(shape)
    const entry: ObjectEntry = required && required.length > 0 ? {p, q: required} : {p}
    if (open) entry.o = 1
    return entry
  }

  shape(shape: SamShape): Shape {
    if (shape === 'o') return ['m', 'j']
    if (typeof shape === 'string') return shape
    if ('cfn' in shape) {
      const borrowed = this.borrowed(shape.cfn, shape.def, shape.path[0] ?? '')
      return shape.scalar && !isScalar(borrowed) ? 'j' : borrowed
    }
    if ('list' in shape) return ['a', this.shape(shape.list)]
    if ('map' in shape) return ['m', this.shape(shape.map)]
    if ('anyOf' in shape) return unionOf(shape.anyOf.map((member) => this.shape(member)))
    if ('events' in shape) {
      const kinds: Record<string, Shape> = {}
      for (const [kind, properties] of Object.entries(shape.events)) kinds[kind] = this.shape(properties)
      return ['m', this.builder.add({p: {Type: 's', Properties: 'j'}, q: ['Type'], k: kinds})]
    }
    return this.builder.add(this.object(shape.object, shape.required, shape.open))
  }

  /**
   * The shape of a CloudFormation property SAM passes through, e.g. AWS::Lambda::Function Timeout, or
   * Code.ImageUri. A property the specification does not have yet (SAM is sometimes ahead) accepts anything.
   */
  private borrowed(type: string, definition: string | undefined, name: string): Shape {
    const resource = this.byType.get(type)
    if (!resource) return 'j'
    if (definition === undefined) {
      const property = resource.properties[name]
      return property ? this.builder.property(property, type, name) : 'j'
    }
    const property = this.findDefinition(resource, definition)?.properties[name]
    return property ? this.builder.property(property) : 'j'
  }

  /** A resource type's nested definition by name (`Code` of AWS::Lambda::Function), found through its properties. */
  private findDefinition(resource: SpecResource, name: string): SpecDefinition | undefined {
    const seen = new Set<string>()
    const queue: SpecType[] = Object.values(resource.properties).map((property) => property.type)
    while (queue.length > 0) {
      const type = queue.shift()!
      if (type.element) queue.push(type.element)
      if (type.types) queue.push(...type.types)
      const ref = type.reference?.$ref
      if (!ref || seen.has(ref)) continue
      seen.add(ref)
      const found = this.builder.source.definition(ref)
      if (!found) continue
      if (found.name === name) return found
      queue.push(...Object.values(found.properties).map((property) => property.type))
    }
    return undefined
  }
}
