// SAM's Globals section: which properties each section may set, how they merge into a resource, and where a merged value was written.
import {get, isRecord} from '../intrinsics.js'
import type {PropPath} from '../types.js'
import type {Props} from './expansion.js'

/**
 * The properties each Globals section may set, from SAM's globals plugin (samtranslator/plugins/globals/globals.py).
 * SAM rejects a template that sets anything else there, so nothing else is inherited.
 */
export const GLOBALS_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  Function: [
    'Handler',
    'Runtime',
    'CodeUri',
    'DeadLetterQueue',
    'Description',
    'MemorySize',
    'Timeout',
    'VpcConfig',
    'Environment',
    'Tags',
    'PropagateTags',
    'Tracing',
    'KmsKeyArn',
    'AutoPublishAlias',
    'AutoPublishAliasAllProperties',
    'Layers',
    'DeploymentPreference',
    'RolePath',
    'PermissionsBoundary',
    'ReservedConcurrentExecutions',
    'ProvisionedConcurrencyConfig',
    'AssumeRolePolicyDocument',
    'EventInvokeConfig',
    'FileSystemConfigs',
    'CodeSigningConfigArn',
    'Architectures',
    'SnapStart',
    'EphemeralStorage',
    'FunctionUrlConfig',
    'RuntimeManagementConfig',
    'LoggingConfig',
    'RecursiveLoop',
    'SourceKMSKeyArn',
    'TenancyConfig',
    'DurableConfig',
    'CapacityProviderConfig',
    'FunctionScalingConfig',
    'PublishToLatestPublished',
    'VersionDeletionPolicy',
  ],
  Api: [
    'Auth',
    'Name',
    'DefinitionUri',
    'CacheClusterEnabled',
    'CacheClusterSize',
    'MergeDefinitions',
    'Variables',
    'EndpointConfiguration',
    'MethodSettings',
    'BinaryMediaTypes',
    'MinimumCompressionSize',
    'Cors',
    'GatewayResponses',
    'AccessLogSetting',
    'CanarySetting',
    'TracingEnabled',
    'OpenApiVersion',
    'Domain',
    'AlwaysDeploy',
    'PropagateTags',
    'SecurityPolicy',
    'EndpointAccessMode',
  ],
  HttpApi: ['Auth', 'AccessLogSettings', 'StageVariables', 'Tags', 'CorsConfiguration', 'DefaultRouteSettings', 'Domain', 'RouteSettings', 'FailOnWarnings', 'PropagateTags'],
  SimpleTable: ['SSESpecification'],
  StateMachine: ['PropagateTags'],
  LayerVersion: ['PublishLambdaVersion'],
  CapacityProvider: ['VpcConfig', 'OperatorRole', 'Tags', 'InstanceRequirements', 'ScalingConfig', 'KmsKeyArn', 'PropagateTags'],
  WebSocketApi: [
    'AccessLogSettings',
    'ApiKeySelectionExpression',
    'DefaultRouteSettings',
    'DisableExecuteApiEndpoint',
    'DisableSchemaValidation',
    'Domain',
    'FailOnWarnings',
    'IpAddressType',
    'PropagateTags',
    'RouteSelectionExpression',
    'RouteSettings',
    'StageVariables',
    'Tags',
  ],
}

/** An intrinsic function, which SAM's Globals merge treats as a single value rather than a mapping. */
export function isIntrinsicLike(value: Props): boolean {
  const keys = Object.keys(value)
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0]!.startsWith('Fn::'))
}

/** SAM's Globals merge: maps merge recursively, lists append (globals first), anything else is overridden by the resource. */
export function mergeGlobals(globals: unknown, own: Props): Props {
  if (!isRecord(globals)) return own
  return mergeValue(globals, own) as Props
}

function mergeValue(inherited: unknown, value: unknown): unknown {
  if (isRecord(inherited) && isRecord(value) && !isIntrinsicLike(value) && !isIntrinsicLike(inherited)) {
    const result: Props = {...inherited}
    for (const [key, child] of Object.entries(value)) result[key] = key in result ? mergeValue(result[key], child) : child
    return result
  }
  if (Array.isArray(inherited) && Array.isArray(value)) return [...(inherited as unknown[]), ...(value as unknown[])]
  return value
}

/**
 * The Globals of one section, limited to what SAM lets that section set; for a resource, less what its
 * `IgnoreGlobals` attribute leaves out (`'*'` for all of them, or a list of property names).
 */
export function globalsFor(template: Props, section: string, resourceId?: string): Props {
  const all = get(template, 'Globals', section)
  if (!isRecord(all)) return {}
  const ignored = resourceId === undefined ? undefined : get(template, 'Resources', resourceId, 'IgnoreGlobals')
  if (ignored === '*') return {}
  const allowed = GLOBALS_PROPERTIES[section] ?? []
  return Object.fromEntries(Object.entries(all).filter(([key]) => allowed.includes(key) && !(Array.isArray(ignored) && ignored.includes(key))))
}

/**
 * Where a path of a SAM resource's merged properties was written: in the resource itself, or in
 * the Globals entry it inherited. Follows SAM's merge: a merged list holds the Globals items first.
 */
export function mergedSource(own: unknown, inherited: unknown, path: PropPath): {where: 'own' | 'globals'; path: PropPath} {
  const result: Array<string | number> = []
  let ownNode = own
  let globalNode = inherited
  for (const segment of path) {
    if (Array.isArray(ownNode) && Array.isArray(globalNode) && typeof segment === 'number') {
      if (segment < globalNode.length) return {where: 'globals', path: [...result, segment, ...path.slice(result.length + 1)]}
      const index = segment - globalNode.length
      return {where: 'own', path: [...result, index, ...path.slice(result.length + 1)]}
    }
    const ownHas = isRecord(ownNode) && String(segment) in ownNode
    const globalHas = isRecord(globalNode) && String(segment) in globalNode
    if (!ownHas && globalHas) return {where: 'globals', path}
    if (!ownHas) return {where: 'own', path}
    result.push(segment)
    ownNode = (ownNode as Props)[String(segment)]
    globalNode = globalHas ? (globalNode as Props)[String(segment)] : undefined
    // A value that is not a mapping or list replaces whatever Globals had.
    if (!isRecord(ownNode) && !Array.isArray(ownNode)) return {where: 'own', path}
    if (isRecord(ownNode) && isIntrinsicLike(ownNode)) return {where: 'own', path}
  }
  return {where: 'own', path}
}
