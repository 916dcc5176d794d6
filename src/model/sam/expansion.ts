// The state one SAM expansion shares across families, and the helpers every family uses to generate located resources.
import {isRecord, get} from '../intrinsics.js'
import type {ParsedFile} from '../parse.js'
import type {ResourceDecl} from '../template.js'
import type {Locator, PropPath} from '../types.js'
import {globalsFor, isIntrinsicLike, mergedSource} from './globals.js'
import type {DeploymentPreference} from './deployment-preference.js'
import type {RestSwagger} from './rest-swagger.js'
import type {SamRejection} from './validation.js'

export type Props = Record<string, unknown>

export interface Expansion {
  parsed: ParsedFile
  template: Props
  resources: Props
  out: ResourceDecl[]
  /** Generated execution roles by the logical id of the SAM resource they belong to. */
  roles: Map<string, ResourceDecl>
  /** Paths SAM adds to an API's definition, by API logical id, with where each was written. */
  apiPaths: Map<string, {kind: 'rest' | 'http'; paths: Props; securitySchemes: Props; locate: Map<string, Locator>; first?: ResourceDecl}>
  /** Changes SAM makes to other resources of the template (bucket notifications, user pool triggers). */
  patches: Array<{target: string; apply: (decl: ResourceDecl) => void}>
  /** SAM's definition and Deployment id for each REST API, computed once per template. */
  restSwaggers: Map<string, RestSwagger>
  /** Every function's DeploymentPreference, for the CodeDeploy resources SAM adds once all functions are translated. */
  deploymentPreferences: Map<string, DeploymentPreference>
  /** Logical ids SAM changes (a layer version gets a hash suffix), old to new: references follow them. */
  renamedIds: Map<string, string>
  /** Errors SAM's translator would report; any of them makes the template unusable, as SAM rejects it whole. */
  rejections: SamRejection[]
}

/**
 * A locator for something generated from a SAM resource: `rename` maps a generated path to the
 * SAM property it comes from (`TracingConfig.Mode` → `Tracing`), relative to `prefix`; values the
 * resource inherits from Globals are located in Globals.
 */
export function samLocator(expansion: Expansion, sam: ResourceDecl, globalsSection: string | undefined, rename: (path: PropPath) => PropPath | undefined, prefix: PropPath = []): Locator {
  const {parsed, template, resources} = expansion
  return (path, scope = 'properties') => {
    if (scope === 'resource') return sam.locate(path, 'resource')
    const mapped = rename(path)
    if (mapped === undefined) return sam.locate(prefix, 'properties') ?? sam.locate([])
    const sourcePath = [...prefix, ...mapped]
    if (globalsSection && sourcePath.length > 0) {
      const own = get(resources, sam.id, 'Properties')
      const inherited = globalsFor(template, globalsSection, sam.id)
      const source = mergedSource(own, inherited, sourcePath)
      if (source.where === 'globals') return parsed.positions.locate(template, ['Globals', globalsSection, ...source.path])
      return sam.locate(source.path)
    }
    return sam.locate(sourcePath)
  }
}

export const identity = (path: PropPath): PropPath => path

/** A generated declaration that inherits its SAM parent's origin, metadata (suppressions), condition and DependsOn. */
export function generated(parent: ResourceDecl, id: string, type: string, props: Props, locate: Locator, managed = false): ResourceDecl {
  return {
    id,
    type,
    props: stripUndefined(props),
    metadata: parent.metadata,
    condition: parent.condition,
    dependsOn: parent.dependsOn,
    origin: {...parent.origin, declaredType: parent.origin.declaredType ?? parent.type},
    locate,
    managed,
  }
}

export function stripUndefined(props: Props): Props {
  // Called for every generated resource: one loop instead of entries, filter and fromEntries arrays.
  const result: Props = {}
  for (const key of Object.keys(props)) {
    const value = props[key]
    if (value === undefined) continue
    // A `__proto__` key is data here, as Object.fromEntries would keep it.
    if (key === '__proto__') Object.defineProperty(result, key, {value, writable: true, enumerable: true, configurable: true})
    else result[key] = value
  }
  return result
}

/** SAM writes tags as a map; CloudFormation's Lambda, IAM, Step Functions and DynamoDB resources take a list. */
export function tagList(tags: unknown, createdBy?: string): unknown {
  const list: unknown[] = createdBy ? [{Key: createdBy, Value: 'SAM'}] : []
  if (isRecord(tags) && !isIntrinsicLike(tags)) for (const [Key, Value] of Object.entries(tags)) list.push({Key, Value})
  return list.length > 0 ? list : undefined
}

/** `s3://bucket/key?versionId=v` or `{Bucket, Key, Version}` as CloudFormation's S3 location properties. */
export function s3Location(uri: unknown, names: {bucket: string; key: string; version: string}): Props | undefined {
  if (typeof uri === 'string') {
    const match = /^s3:\/\/([^/]+)\/([^?]+)(?:\?versionId=(.+))?$/.exec(uri)
    if (!match) return undefined
    return stripUndefined({[names.bucket]: match[1], [names.key]: match[2], [names.version]: match[3]})
  }
  if (isRecord(uri) && !isIntrinsicLike(uri)) return stripUndefined({[names.bucket]: uri.Bucket, [names.key]: uri.Key, [names.version]: uri.Version})
  return undefined
}
