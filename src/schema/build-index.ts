// Builds the compact specification index from @aws-cdk/aws-service-spec: property shapes, required names and attributes per resource type.
import {createRequire} from 'node:module'

import {INDEX_FORMAT, type IndexMeta, type ObjectEntry, type ResourceEntry, type Shape, type Shard, shardOf} from './format.js'
import {SAM_TYPES, type SamShape} from './sam-types.js'

/** The parts of the specification database's shapes this builder reads. */
interface SpecType {
  type: string
  reference?: {$ref: string}
  element?: SpecType
  types?: SpecType[]
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
  properties: Record<string, SpecProperty>
}
/** What the builder needs of `SpecDatabase`. */
export interface SpecSource {
  version: string
  resources: SpecResource[]
  definition(id: string): SpecDefinition | undefined
}

export interface BuiltIndex {
  meta: IndexMeta
  shards: Map<string, Shard>
}

const PRIMITIVES: Record<string, Shape> = {string: 's', number: 'n', integer: 'i', boolean: 'b', json: 'j', 'date-time': 'd', tag: 't', null: 'z'}

/** Reads the installed specification package (CommonJS, loaded synchronously). */
export function loadSpecSource(): SpecSource {
  const require = createRequire(import.meta.url)
  const {loadAwsServiceSpecSync} = require('@aws-cdk/aws-service-spec') as {loadAwsServiceSpecSync(): SpecDb}
  const version = (require('@aws-cdk/aws-service-spec/package.json') as {version: string}).version
  const db = loadAwsServiceSpecSync()
  return {
    version,
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

interface SpecDb {
  all(collection: 'resource'): unknown[]
  get(collection: 'typeDefinition', id: string): unknown
}

/** Collects one shard's definitions, giving each specification definition one index in it. */
class ShardBuilder {
  readonly shard: Shard = {r: {}, d: []}
  private readonly indexBySpecId = new Map<string, number>()

  constructor(readonly source: SpecSource) {}

  property(property: SpecProperty): Shape {
    // A value of an earlier type still deploys, so earlier types are accepted too.
    return unionOf([property.type, ...(property.previousTypes ?? [])].map((type) => this.type(type)))
  }

  type(type: SpecType): Shape {
    const primitive = PRIMITIVES[type.type]
    if (primitive !== undefined) return primitive
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

  object(properties: Record<string, SpecProperty>): ObjectEntry {
    const p: Record<string, Shape> = {}
    const q: string[] = []
    for (const [name, property] of Object.entries(properties)) {
      p[name] = this.property(property)
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
    const entry: ResourceEntry = {...builder.object(resource.properties), a: Object.keys(resource.attributes)}
    if (type === 'AWS::CloudFormation::CustomResource') entry.o = 1
    builder.shard.r[type] = entry
    types[type] = shardOf(type)
  }
  for (const [type, sam] of Object.entries(SAM_TYPES)) {
    const builder = builderOf(type)
    const converter = new SamConverter(builder, byType)
    const entry: ResourceEntry = {...converter.object(sam.properties, sam.required, sam.passThrough), a: attributesOf(byType.get(sam.getAtt ?? ''))}
    if (sam.getAtt) entry.g = sam.getAtt
    if (sam.open) entry.o = 1
    builder.shard.r[type] = entry
    types[type] = shardOf(type)
  }
  const shards = new Map([...builders].map(([name, builder]) => [name, builder.shard]))
  return {meta: {format: INDEX_FORMAT, specVersion: source.version, types}, shards}
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

  object(properties: Record<string, SamShape>, required: string[] | undefined, passThrough: string | undefined): ObjectEntry {
    const p: Record<string, Shape> = {}
    const through = passThrough ? this.byType.get(passThrough) : undefined
    if (passThrough && !through) throw new Error(`SAM description passes through to ${passThrough}, which the specification does not have`)
    for (const [name, property] of Object.entries(through?.properties ?? {})) p[name] = this.builder.property(property)
    for (const [name, shape] of Object.entries(properties)) p[name] = this.shape(shape)
    return required && required.length > 0 ? {p, q: required} : {p}
  }

  shape(shape: SamShape): Shape {
    if (typeof shape === 'string') return shape
    if ('cfn' in shape) return this.borrowed(shape.cfn, shape.path)
    if ('list' in shape) return ['a', this.shape(shape.list)]
    if ('map' in shape) return ['m', this.shape(shape.map)]
    if ('anyOf' in shape) return unionOf(shape.anyOf.map((member) => this.shape(member)))
    if ('events' in shape) {
      const kinds: Record<string, Shape> = {}
      for (const [kind, properties] of Object.entries(shape.events)) kinds[kind] = this.shape(properties)
      return ['m', this.builder.add({p: {Type: 's', Properties: 'j'}, q: ['Type'], k: kinds})]
    }
    return this.builder.add(this.object(shape.object, shape.required, shape.passThrough))
  }

  /** The shape of a CloudFormation property, e.g. AWS::Lambda::Function Environment. */
  private borrowed(type: string, path: string[]): Shape {
    const resource = this.byType.get(type)
    let property = resource?.properties[path[0] ?? '']
    for (const segment of path.slice(1)) {
      const ref = property?.type.reference?.$ref
      property = ref ? this.builder.source.definition(ref)?.properties[segment] : undefined
    }
    if (!property) throw new Error(`SAM description borrows ${type} ${path.join('.')}, which the specification does not have`)
    return this.builder.property(property)
  }
}
