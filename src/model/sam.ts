// Expands AWS SAM resources into the CloudFormation resources SAM would generate, so rules see SAM and raw templates alike.
import {createHash} from 'node:crypto'

import {asArray, get, isRecord} from './intrinsics.js'
import type {ParsedFile} from './parse.js'
import connectorProfiles from './sam-connector-profiles.json' with {type: 'json'}
import {expandPolicyTemplate, managedPolicyArn} from './sam-policy-templates.js'
import type {ResourceDecl} from './template.js'
import type {Locator, PropPath, SourceLocation} from './types.js'

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31'

export function isSamTemplate(template: Record<string, unknown>): boolean {
  return asArray(template.Transform).some((transform) => transform === SAM_TRANSFORM)
}

/** Managed policies SAM attaches by itself; they are not the user's statements. */
export const SAM_MANAGED_POLICIES = {
  basic: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
  xray: 'arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess',
  sqs: 'arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole',
  kinesis: 'arn:aws:iam::aws:policy/service-role/AWSLambdaKinesisExecutionRole',
  dynamodb: 'arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole',
  msk: 'arn:aws:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole',
  vpc: 'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
} as const

type Props = Record<string, unknown>

/**
 * The properties each Globals section may set, from SAM's globals plugin (samtranslator/plugins/globals/globals.py).
 * SAM rejects a template that sets anything else there, so nothing else is inherited.
 */
export const GLOBALS_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  Function: [
    'Handler', 'Runtime', 'CodeUri', 'DeadLetterQueue', 'Description', 'MemorySize', 'Timeout', 'VpcConfig', 'Environment', 'Tags', 'PropagateTags',
    'Tracing', 'KmsKeyArn', 'AutoPublishAlias', 'AutoPublishAliasAllProperties', 'Layers', 'DeploymentPreference', 'RolePath', 'PermissionsBoundary',
    'ReservedConcurrentExecutions', 'ProvisionedConcurrencyConfig', 'AssumeRolePolicyDocument', 'EventInvokeConfig', 'FileSystemConfigs',
    'CodeSigningConfigArn', 'Architectures', 'SnapStart', 'EphemeralStorage', 'FunctionUrlConfig', 'RuntimeManagementConfig', 'LoggingConfig',
    'RecursiveLoop', 'SourceKMSKeyArn', 'TenancyConfig', 'DurableConfig', 'CapacityProviderConfig', 'FunctionScalingConfig',
    'PublishToLatestPublished', 'VersionDeletionPolicy',
  ],
  Api: [
    'Auth', 'Name', 'DefinitionUri', 'CacheClusterEnabled', 'CacheClusterSize', 'MergeDefinitions', 'Variables', 'EndpointConfiguration',
    'MethodSettings', 'BinaryMediaTypes', 'MinimumCompressionSize', 'Cors', 'GatewayResponses', 'AccessLogSetting', 'CanarySetting',
    'TracingEnabled', 'OpenApiVersion', 'Domain', 'AlwaysDeploy', 'PropagateTags', 'SecurityPolicy', 'EndpointAccessMode',
  ],
  HttpApi: ['Auth', 'AccessLogSettings', 'StageVariables', 'Tags', 'CorsConfiguration', 'DefaultRouteSettings', 'Domain', 'RouteSettings', 'FailOnWarnings', 'PropagateTags'],
  SimpleTable: ['SSESpecification'],
  StateMachine: ['PropagateTags'],
  LayerVersion: ['PublishLambdaVersion'],
}

/** An intrinsic function, which SAM's Globals merge treats as a single value rather than a mapping. */
function isIntrinsicLike(value: Props): boolean {
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
  if (Array.isArray(inherited) && Array.isArray(value)) return [...inherited, ...value]
  return value
}

/** The Globals of one section, limited to what SAM lets that section set. */
function globalsFor(template: Props, section: string): Props {
  const all = get(template, 'Globals', section)
  if (!isRecord(all)) return {}
  const allowed = GLOBALS_PROPERTIES[section] ?? []
  return Object.fromEntries(Object.entries(all).filter(([key]) => allowed.includes(key)))
}

/**
 * Where a path of a SAM resource's merged properties was written: in the resource itself, or in
 * the Globals entry it inherited. Follows SAM's merge: a merged list holds the Globals items first.
 */
function mergedSource(own: unknown, inherited: unknown, path: PropPath): {where: 'own' | 'globals'; path: PropPath} {
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

interface Expansion {
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
}

/**
 * A locator for something generated from a SAM resource: `rename` maps a generated path to the
 * SAM property it comes from (`TracingConfig.Mode` → `Tracing`), relative to `prefix`; values the
 * resource inherits from Globals are located in Globals.
 */
function samLocator(
  expansion: Expansion,
  sam: ResourceDecl,
  globalsSection: string | undefined,
  rename: (path: PropPath) => PropPath | undefined,
  prefix: PropPath = [],
): Locator {
  const {parsed, template, resources} = expansion
  return (path, scope = 'properties') => {
    if (scope === 'resource') return sam.locate(path, 'resource')
    const mapped = rename(path)
    if (mapped === undefined) return sam.locate(prefix, 'properties') ?? sam.locate([])
    const sourcePath = [...prefix, ...mapped]
    if (globalsSection && sourcePath.length > 0) {
      const own = get(resources, sam.id, 'Properties')
      const inherited = globalsFor(template, globalsSection)
      const source = mergedSource(own, inherited, sourcePath)
      if (source.where === 'globals') return parsed.positions.locate(template, ['Globals', globalsSection, ...source.path])
      return sam.locate(source.path)
    }
    return sam.locate(sourcePath)
  }
}

const identity = (path: PropPath): PropPath => path

/** Returns the declarations with every AWS::Serverless::* resource replaced by what SAM generates. */
export function expandSam(declared: ResourceDecl[], template: Props, parsed: ParsedFile): ResourceDecl[] {
  const resources = isRecord(template.Resources) ? template.Resources : {}
  const expansion: Expansion = {parsed, template, resources, out: [], roles: new Map(), apiPaths: new Map(), patches: []}
  const connectors: ResourceDecl[] = []
  for (const decl of declared) {
    switch (decl.type) {
      case 'AWS::Serverless::Function':
        expandFunction(expansion, decl, mergeGlobals(globalsFor(template, 'Function'), decl.props))
        break
      case 'AWS::Serverless::StateMachine':
        expandStateMachine(expansion, decl, mergeGlobals(globalsFor(template, 'StateMachine'), decl.props))
        break
      case 'AWS::Serverless::Api':
        expandRestApi(expansion, decl, mergeGlobals(globalsFor(template, 'Api'), decl.props))
        break
      case 'AWS::Serverless::HttpApi':
        expandHttpApi(expansion, decl, mergeGlobals(globalsFor(template, 'HttpApi'), decl.props))
        break
      case 'AWS::Serverless::SimpleTable':
        expandSimpleTable(expansion, decl, mergeGlobals(globalsFor(template, 'SimpleTable'), decl.props))
        break
      case 'AWS::Serverless::LayerVersion':
        expansion.out.push({...decl, type: 'AWS::Lambda::LayerVersion', origin: {...decl.origin, declaredType: decl.type}})
        break
      case 'AWS::Serverless::Application':
        expansion.out.push({...decl, type: 'AWS::CloudFormation::Stack', origin: {...decl.origin, declaredType: decl.type}})
        break
      case 'AWS::Serverless::Connector':
        connectors.push(decl)
        break
      default:
        expansion.out.push(decl)
    }
    connectors.push(...embeddedConnectors(expansion, decl))
  }
  addImplicitApis(expansion)
  finishApiDefinitions(expansion)
  for (const connector of connectors) expandConnector(expansion, connector)
  for (const patch of expansion.patches) {
    const target = expansion.out.find((decl) => decl.id === patch.target)
    if (target) patch.apply(target)
  }
  return expansion.out
}

/** A generated declaration that inherits its SAM parent's origin, metadata (suppressions), condition and DependsOn. */
function generated(parent: ResourceDecl, id: string, type: string, props: Props, locate: Locator, managed = false): ResourceDecl {
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

function stripUndefined(props: Props): Props {
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
function tagList(tags: unknown, createdBy?: string): unknown {
  const list: unknown[] = createdBy ? [{Key: createdBy, Value: 'SAM'}] : []
  if (isRecord(tags) && !isIntrinsicLike(tags)) for (const [Key, Value] of Object.entries(tags)) list.push({Key, Value})
  return list.length > 0 ? list : undefined
}

/** `s3://bucket/key?versionId=v` or `{Bucket, Key, Version}` as CloudFormation's S3 location properties. */
function s3Location(uri: unknown, names: {bucket: string; key: string; version: string}): Props | undefined {
  if (typeof uri === 'string') {
    const match = /^s3:\/\/([^/]+)\/([^?]+)(?:\?versionId=(.+))?$/.exec(uri)
    if (!match) return undefined
    return stripUndefined({[names.bucket]: match[1], [names.key]: match[2], [names.version]: match[3]})
  }
  if (isRecord(uri) && !isIntrinsicLike(uri)) return stripUndefined({[names.bucket]: uri.Bucket, [names.key]: uri.Key, [names.version]: uri.Version})
  return undefined
}

const FUNCTION_PASSTHROUGH = [
  'FunctionName', 'Handler', 'Runtime', 'MemorySize', 'Timeout', 'Description', 'Environment', 'Architectures', 'ReservedConcurrentExecutions',
  'Layers', 'VpcConfig', 'KmsKeyArn', 'EphemeralStorage', 'LoggingConfig', 'RecursiveLoop', 'SnapStart', 'RuntimeManagementConfig', 'PackageType',
  'ImageConfig', 'FileSystemConfigs', 'CodeSigningConfigArn', 'TenancyConfig',
]

function renameFunctionPath(path: PropPath): PropPath {
  const head = String(path[0])
  if (head === 'TracingConfig') return ['Tracing']
  if (head === 'DeadLetterConfig') return ['DeadLetterQueue', ...(path[1] === 'TargetArn' ? ['TargetArn'] : [])]
  if (head === 'Code') return path[1] === 'ImageUri' ? ['ImageUri'] : path[1] === 'ZipFile' ? ['InlineCode'] : ['CodeUri']
  return path
}

/**
 * JSON as Python's `json.dumps(sort_keys=True, separators=(",", ":"))` writes it (ASCII only), which
 * SAM hashes into generated logical ids such as the version of `AutoPublishAlias`.
 */
function pythonJson(value: unknown): string {
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
function versionLogicalId(id: string, fnProps: Props, codeSha256: unknown): string {
  if (typeof codeSha256 === 'string' && codeSha256 !== '') return `${id}Version${codeSha256.slice(0, 10)}`
  const hashed: Props = isRecord(fnProps.Code) ? {...fnProps.Code} : {}
  if (isRecord(fnProps.Environment)) Object.assign(hashed, fnProps.Environment)
  if (fnProps.MemorySize) hashed.MemorySize = fnProps.MemorySize
  const snapStart = fnProps.SnapStart
  if (isRecord(snapStart) && (snapStart.ApplyOn ?? 'None') !== 'None') hashed.SnapStart = snapStart
  if (Object.keys(hashed).length === 0) return `${id}Version`
  return `${id}Version${createHash('sha1').update(pythonJson(hashed)).digest('hex').slice(0, 10)}`
}

const DESTINATION_POLICY: Record<string, {action: string}> = {
  SQS: {action: 'sqs:SendMessage'},
  SNS: {action: 'sns:publish'},
  Lambda: {action: 'lambda:InvokeFunction'},
  EventBridge: {action: 'events:PutEvents'},
  S3: {action: 's3:PutObject'},
}

/** What the rest of a function's expansion needs to know about it. */
interface FunctionContext {
  decl: ResourceDecl
  props: Props
  /** What event sources call: the alias when AutoPublishAlias is set, else the function. */
  target: {ref: unknown; arn: unknown}
  role?: ResourceDecl
  addManagedPolicy: (arn: string) => void
  addInlinePolicy: (name: string, statements: Props[], locate?: PropPath) => void
}

function expandFunction(expansion: Expansion, decl: ResourceDecl, props: Props): void {
  const {out} = expansion
  const id = decl.id
  const fnLocate = samLocator(expansion, decl, 'Function', renameFunctionPath)
  const fnProps: Props = {}
  for (const key of FUNCTION_PASSTHROUGH) fnProps[key] = props[key]
  if (props.InlineCode !== undefined) fnProps.Code = {ZipFile: props.InlineCode}
  else if (props.ImageUri !== undefined) fnProps.Code = {ImageUri: props.ImageUri}
  else if (props.CodeUri !== undefined) fnProps.Code = s3Location(props.CodeUri, {bucket: 'S3Bucket', key: 'S3Key', version: 'S3ObjectVersion'}) ?? props.CodeUri
  if (props.Tracing !== undefined) fnProps.TracingConfig = {Mode: props.Tracing}
  const dlq = props.DeadLetterQueue
  if (isRecord(dlq)) fnProps.DeadLetterConfig = {TargetArn: dlq.TargetArn}
  fnProps.Tags = tagList(props.Tags, 'lambda:createdBy')
  const roleId = `${id}Role`
  const userRole = props.Role
  fnProps.Role = userRole ?? {'Fn::GetAtt': [roleId, 'Arn']}
  out.push(generated(decl, id, 'AWS::Lambda::Function', fnProps, fnLocate))

  const alias = props.AutoPublishAlias
  const aliasId = alias !== undefined ? `${id}Alias${typeof alias === 'string' ? alias : ''}` : undefined
  const context: FunctionContext = {
    decl,
    props,
    target: aliasId ? {ref: {Ref: aliasId}, arn: {Ref: aliasId}} : {ref: {Ref: id}, arn: {'Fn::GetAtt': [id, 'Arn']}},
    addManagedPolicy: () => undefined,
    addInlinePolicy: () => undefined,
  }

  if (userRole === undefined) {
    const managed: unknown[] = [SAM_MANAGED_POLICIES.basic]
    if (props.Tracing !== undefined && props.Tracing !== 'Disabled') managed.push(SAM_MANAGED_POLICIES.xray)
    if (props.VpcConfig !== undefined) managed.push(SAM_MANAGED_POLICIES.vpc)
    const generatedPolicies: GeneratedPolicy[] = []
    if (isRecord(dlq) && (dlq.Type === 'SQS' || dlq.Type === 'SNS')) {
      generatedPolicies.push({
        name: 'DeadLetterQueuePolicy',
        statements: [{Action: dlq.Type === 'SQS' ? 'sqs:SendMessage' : 'sns:Publish', Resource: dlq.TargetArn, Effect: 'Allow'}],
        source: ['DeadLetterQueue'],
      })
    }
    const role = samRole(expansion, decl, roleId, props, 'Function', get(props, 'AssumeRolePolicyDocument') ?? trustPolicy('lambda.amazonaws.com'), managed, generatedPolicies)
    if (props.RolePath !== undefined) role.props.Path = props.RolePath
    role.props.Tags = tagList(props.Tags, 'lambda:createdBy')
    out.push(role)
    expansion.roles.set(id, role)
    context.role = role
    context.addManagedPolicy = (arn) => {
      const list = role.props.ManagedPolicyArns as unknown[]
      if (!list.includes(arn)) list.push(arn)
    }
    context.addInlinePolicy = (name, statements, source) => addRolePolicy(role, name, statements, source)
  }

  if (alias !== undefined) {
    const aliasLocate = samLocator(expansion, decl, 'Function', identity)
    const versionId = versionLogicalId(id, fnProps, props.AutoPublishCodeSha256)
    const versionLocate = samLocator(expansion, decl, 'Function', () => ['AutoPublishAlias'])
    const version = generated(decl, versionId, 'AWS::Lambda::Version', {FunctionName: {Ref: id}}, versionLocate)
    version.deletionPolicy = 'Retain'
    out.push(version)
    out.push(
      generated(
        decl,
        aliasId!,
        'AWS::Lambda::Alias',
        {FunctionName: {Ref: id}, FunctionVersion: {'Fn::GetAtt': [versionId, 'Version']}, Name: alias, ProvisionedConcurrencyConfig: props.ProvisionedConcurrencyConfig},
        (path, scope) => (path.length === 0 || path[0] !== 'ProvisionedConcurrencyConfig' ? versionLocate(path, scope) : aliasLocate(path, scope)),
      ),
    )
  }

  const events = isRecord(props.Events) ? props.Events : {}
  for (const [eventName, event] of Object.entries(events)) expandFunctionEvent(expansion, context, eventName, event)

  if (isRecord(props.EventInvokeConfig)) expandEventInvokeConfig(expansion, context, props.EventInvokeConfig, alias)

  if (isRecord(props.FunctionUrlConfig)) {
    const urlLocate = samLocator(expansion, decl, 'Function', (path) => (path[0] === 'TargetFunctionArn' ? [] : path), ['FunctionUrlConfig'])
    const url = props.FunctionUrlConfig
    out.push(generated(decl, `${id}Url`, 'AWS::Lambda::Url', {TargetFunctionArn: context.target.ref, AuthType: url.AuthType, Cors: url.Cors, InvokeMode: url.InvokeMode}, urlLocate))
    if (url.AuthType === 'NONE') {
      const authLocate = samLocator(expansion, decl, 'Function', () => ['AuthType'], ['FunctionUrlConfig'])
      out.push(
        generated(decl, `${id}UrlPublicPermissions`, 'AWS::Lambda::Permission', {Action: 'lambda:InvokeFunctionUrl', FunctionName: context.target.ref, Principal: '*', FunctionUrlAuthType: 'NONE'}, authLocate, true),
      )
      out.push(
        generated(decl, `${id}URLInvokeAllowPublicAccess`, 'AWS::Lambda::Permission', {Action: 'lambda:InvokeFunction', FunctionName: context.target.ref, Principal: '*', InvokedViaFunctionUrl: true}, authLocate, true),
      )
    }
  }
}

function trustPolicy(service: string): Props {
  return {Version: '2012-10-17', Statement: [{Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: {Service: [service]}}]}
}

/** A policy SAM writes into a role by itself, marked so rules can tell it from the user's statements. */
interface GeneratedPolicy {
  name: string
  statements: Props[]
  /** The SAM property it comes from, relative to the SAM resource. */
  source?: PropPath
}

/** Where each inline policy of a generated role comes from, so the role can locate it. */
const ROLE_POLICY_SOURCES = new WeakMap<ResourceDecl, Array<PropPath | undefined>>()

function addRolePolicy(role: ResourceDecl, name: string, statements: Props[], source?: PropPath): void {
  const policies = (role.props.Policies as Props[] | undefined) ?? []
  policies.push({PolicyName: name, PolicyDocument: {Statement: statements.map((statement) => ({...statement, SamPolicyTemplate: statement.SamPolicyTemplate ?? name}))}})
  role.props.Policies = policies
  ROLE_POLICY_SOURCES.get(role)?.push(source)
}

/**
 * The execution role SAM generates, with the user's `Policies` turned into inline policies
 * (`{Role}Policy{index}`, policy templates expanded) and managed policy ARNs.
 */
function samRole(
  expansion: Expansion,
  decl: ResourceDecl,
  roleId: string,
  props: Props,
  globalsSection: string | undefined,
  assumeRolePolicy: unknown,
  managed: unknown[],
  generatedPolicies: GeneratedPolicy[],
): ResourceDecl {
  const inline: Props[] = []
  // For each inline policy of the role, the path of what produced it in the SAM resource.
  const sources: Array<PropPath | undefined> = []
  for (const policy of generatedPolicies) {
    inline.push({PolicyName: policy.name, PolicyDocument: {Version: '2012-10-17', Statement: policy.statements.map((s) => ({...s, SamPolicyTemplate: policy.name}))}})
    sources.push(policy.source)
  }
  const policies = props.Policies
  const single = typeof policies === 'string' || (isRecord(policies) && ('Statement' in policies || Object.keys(policies).length === 1))
  const entries = single ? [policies] : asArray(policies)
  entries.forEach((entry, index) => {
    const at: PropPath = single ? ['Policies'] : ['Policies', index]
    if (typeof entry === 'string') {
      const arn = managedPolicyArn(entry)
      if (!managed.includes(arn)) managed.push(arn)
      return
    }
    if (!isRecord(entry)) return
    if ('Statement' in entry) {
      inline.push({PolicyName: `${roleId}Policy${index}`, PolicyDocument: entry})
      sources.push(at)
      return
    }
    const [name, parameters] = Object.entries(entry)[0] ?? []
    if (name === undefined || Object.keys(entry).length !== 1) return
    if (name === 'Ref' || name.startsWith('Fn::')) {
      managed.push(entry)
      return
    }
    const statements = expandPolicyTemplate(name, parameters)
    if (statements) {
      inline.push({PolicyName: `${roleId}Policy${index}`, PolicyDocument: {Statement: statements}})
      sources.push([...at, name])
    }
  })
  const role = generated(
    decl,
    roleId,
    'AWS::IAM::Role',
    {
      AssumeRolePolicyDocument: assumeRolePolicy,
      ManagedPolicyArns: managed,
      Policies: inline.length > 0 ? inline : undefined,
      PermissionsBoundary: props.PermissionsBoundary,
    },
    () => undefined,
  )
  ROLE_POLICY_SOURCES.set(role, sources)
  const base = samLocator(expansion, decl, globalsSection, identity)
  role.locate = (path, scope = 'properties') => {
    if (scope === 'resource') return decl.locate(path, 'resource')
    if (path[0] === 'Policies' && typeof path[1] === 'number') {
      const source = sources[path[1]]
      if (source === undefined) return base(['Policies'])
      const userDocument = source[0] === 'Policies' && inline[path[1]]?.PolicyDocument === get(props, ...(source as Array<string | number>))
      // Statements the user wrote keep their shape below PolicyDocument; expansions point at what produced them.
      if (userDocument && path[2] === 'PolicyDocument') return base([...source, ...path.slice(3)])
      return base(source)
    }
    if (path[0] === 'ManagedPolicyArns') return base(['Policies'])
    if (path[0] === 'AssumeRolePolicyDocument' && props.AssumeRolePolicyDocument !== undefined) return base(path)
    if (path[0] === 'PermissionsBoundary' || path[0] === 'Path') return base(path[0] === 'Path' ? ['RolePath'] : path)
    return decl.locate([])
  }
  return role
}

function expandEventInvokeConfig(expansion: Expansion, context: FunctionContext, config: Props, alias: unknown): void {
  const {decl} = context
  const id = decl.id
  const configLocate = samLocator(expansion, decl, 'Function', identity, ['EventInvokeConfig'])
  const destinationConfig: Props = {}
  for (const outcome of ['OnSuccess', 'OnFailure'] as const) {
    const entry = get(config, 'DestinationConfig', outcome)
    if (!isRecord(entry)) continue
    let destination = entry.Destination
    const type = entry.Type
    if (destination === undefined && (type === 'SQS' || type === 'SNS')) {
      // SAM creates the queue or topic itself when only the type is given.
      const generatedId = `${id}EventInvokeConfig${outcome}${type === 'SQS' ? 'Queue' : 'Topic'}`
      const where = samLocator(expansion, decl, 'Function', () => ['Type'], ['EventInvokeConfig', 'DestinationConfig', outcome])
      expansion.out.push(generated(decl, generatedId, type === 'SQS' ? 'AWS::SQS::Queue' : 'AWS::SNS::Topic', {}, where))
      destination = type === 'SQS' ? {'Fn::GetAtt': [generatedId, 'Arn']} : {Ref: generatedId}
    }
    destinationConfig[outcome] = {Destination: destination}
    const policy = typeof type === 'string' ? DESTINATION_POLICY[type] : undefined
    if (policy && destination !== undefined) {
      context.addInlinePolicy(`${id}EventInvokeConfig${outcome}${type as string}Policy`, [{Action: policy.action, Effect: 'Allow', Resource: destination}], ['EventInvokeConfig', 'DestinationConfig', outcome])
    }
  }
  expansion.out.push(
    generated(
      decl,
      `${id}EventInvokeConfig`,
      'AWS::Lambda::EventInvokeConfig',
      {
        FunctionName: {Ref: id},
        Qualifier: alias ?? '$LATEST',
        MaximumEventAgeInSeconds: config.MaximumEventAgeInSeconds,
        MaximumRetryAttempts: config.MaximumRetryAttempts,
        DestinationConfig: Object.keys(destinationConfig).length > 0 ? destinationConfig : undefined,
      },
      (path, scope) => (path[0] === 'FunctionName' || path[0] === 'Qualifier' ? configLocate([], scope) : configLocate(path, scope)),
    ),
  )
}

/** Properties of pull events (event source mappings) that SAM passes through unchanged. */
const ESM_PASSTHROUGH = [
  'StartingPosition', 'StartingPositionTimestamp', 'BatchSize', 'Enabled', 'MaximumBatchingWindowInSeconds', 'MaximumRetryAttempts',
  'BisectBatchOnFunctionError', 'MaximumRecordAgeInSeconds', 'ParallelizationFactor', 'Topics', 'Queues', 'SourceAccessConfigurations',
  'TumblingWindowInSeconds', 'FunctionResponseTypes', 'FilterCriteria', 'KmsKeyArn', 'ScalingConfig', 'ProvisionedPollerConfig',
  'MetricsConfig', 'LoggingConfig', 'DestinationConfig',
]

const ESM_SOURCE_PROPERTY: Record<string, string> = {SQS: 'Queue', Kinesis: 'Stream', DynamoDB: 'Stream', MSK: 'Stream', MQ: 'Broker', DocumentDB: 'Cluster'}
const ESM_MANAGED_POLICY: Record<string, string> = {
  SQS: SAM_MANAGED_POLICIES.sqs,
  Kinesis: SAM_MANAGED_POLICIES.kinesis,
  DynamoDB: SAM_MANAGED_POLICIES.dynamodb,
  MSK: SAM_MANAGED_POLICIES.msk,
}

function expandPullEvent(expansion: Expansion, context: FunctionContext, eventName: string, type: string, p: Props): void {
  const {decl} = context
  const generatedId = `${decl.id}${eventName}`
  const esm: Props = {FunctionName: context.target.ref}
  const sourceKey = ESM_SOURCE_PROPERTY[type]
  if (sourceKey) esm.EventSourceArn = p[sourceKey]
  for (const key of ESM_PASSTHROUGH) esm[key] = p[key]
  const renames: Record<string, PropPath> = {EventSourceArn: [sourceKey ?? 'KafkaBootstrapServers'], FunctionName: []}
  if (isRecord(p.DestinationConfig) && isRecord(p.DestinationConfig.OnFailure)) {
    const {Type: destinationType, ...onFailure} = p.DestinationConfig.OnFailure
    esm.DestinationConfig = {...p.DestinationConfig, OnFailure: onFailure}
    const action = destinationType === 'SQS' ? 'sqs:SendMessage' : destinationType === 'SNS' ? 'sns:publish' : destinationType === 'S3' ? 's3:PutObject' : undefined
    if (action) {
      context.addInlinePolicy(`${generatedId}${String(destinationType)}Policy`, [{Action: action, Effect: 'Allow', Resource: onFailure.Destination}], ['Events', eventName, 'Properties', 'DestinationConfig'])
    }
  }
  if (p.KafkaBootstrapServers !== undefined) {
    esm.SelfManagedEventSource = {Endpoints: {KafkaBootstrapServers: p.KafkaBootstrapServers}}
    renames.SelfManagedEventSource = ['KafkaBootstrapServers']
  }
  if (p.ConsumerGroupId !== undefined || p.SchemaRegistryConfig !== undefined) {
    const config = stripUndefined({ConsumerGroupId: p.ConsumerGroupId, SchemaRegistryConfig: p.SchemaRegistryConfig})
    const key = type === 'MSK' ? 'AmazonManagedKafkaEventSourceConfig' : 'SelfManagedKafkaEventSourceConfig'
    esm[key] = config
  }
  if (type === 'DocumentDB') {
    esm.DocumentDBEventSourceConfig = stripUndefined({DatabaseName: p.DatabaseName, CollectionName: p.CollectionName, FullDocument: p.FullDocument})
  }
  const rename = (path: PropPath): PropPath => {
    const head = String(path[0])
    if (head in renames) return renames[head]!
    if (head.endsWith('EventSourceConfig')) return path.slice(1)
    return path
  }
  expansion.out.push(generated(decl, generatedId, 'AWS::Lambda::EventSourceMapping', esm, samLocator(expansion, decl, undefined, rename, ['Events', eventName, 'Properties'])))
  const managedPolicy = ESM_MANAGED_POLICY[type]
  if (managedPolicy) context.addManagedPolicy(managedPolicy)
  const secret = asArray(p.SourceAccessConfigurations).map((access) => get(access, 'URI')).find((uri) => uri !== undefined)
  const kms = p.SecretsManagerKmsKeyId === undefined ? [] : [{Action: 'kms:Decrypt', Effect: 'Allow', Resource: {'Fn::Sub': `arn:\${AWS::Partition}:kms:\${AWS::Region}:\${AWS::AccountId}:key/${String(p.SecretsManagerKmsKeyId)}`}}]
  const source: PropPath = ['Events', eventName]
  if (type === 'MQ') {
    context.addInlinePolicy(
      'SamAutoGeneratedAMQPolicy',
      [{Action: ['secretsmanager:GetSecretValue'], Effect: 'Allow', Resource: secret}, {Action: ['mq:DescribeBroker'], Effect: 'Allow', Resource: p.Broker}, ...kms],
      source,
    )
  } else if (type === 'SelfManagedKafka' && secret !== undefined) {
    context.addInlinePolicy('SelfManagedKafkaExecutionRolePolicy', [{Action: ['secretsmanager:GetSecretValue'], Effect: 'Allow', Resource: secret}, ...kms], source)
  } else if (type === 'DocumentDB') {
    const partition = 'arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}'
    context.addInlinePolicy(
      'SamAutoGeneratedDocumentDBPolicy',
      [
        {Action: ['secretsmanager:GetSecretValue'], Effect: 'Allow', Resource: secret},
        {Action: ['rds:DescribeDBClusterParameters'], Effect: 'Allow', Resource: {'Fn::Sub': `${partition}:cluster-pg:*`}},
        {Action: ['rds:DescribeDBSubnetGroups'], Effect: 'Allow', Resource: {'Fn::Sub': `${partition}:subgrp:*`}},
        {Action: ['rds:DescribeDBClusters'], Effect: 'Allow', Resource: p.Cluster},
        {
          Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'ec2:DescribeVpcs', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups'],
          Effect: 'Allow',
          Resource: '*',
        },
        ...kms,
      ],
      source,
    )
  }
}

/** An SQS queue SAM creates for a dead-letter config given as `{Type: SQS}`, and the policy letting the service send to it. */
function generatedQueue(expansion: Expansion, decl: ResourceDecl, queueId: string, locate: Locator, policy?: {principal: string; sourceArn: unknown}): Props {
  expansion.out.push(generated(decl, queueId, 'AWS::SQS::Queue', {}, locate))
  if (policy) {
    expansion.out.push(
      generated(
        decl,
        `${queueId}Policy`,
        'AWS::SQS::QueuePolicy',
        {
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {Action: 'sqs:SendMessage', Effect: 'Allow', Principal: {Service: policy.principal}, Resource: {'Fn::GetAtt': [queueId, 'Arn']}, Condition: {ArnEquals: {'aws:SourceArn': policy.sourceArn}}},
            ],
          },
          Queues: [{Ref: queueId}],
        },
        locate,
        true,
      ),
    )
  }
  return {'Fn::GetAtt': [queueId, 'Arn']}
}

/** The dead-letter config of an EventBridge target or schedule: the user's ARN, or a queue SAM creates for `Type: SQS`. */
function deadLetterArn(expansion: Expansion, decl: ResourceDecl, generatedId: string, config: unknown, locate: Locator, policy?: {principal: string; sourceArn: unknown}): unknown {
  if (!isRecord(config)) return undefined
  if (config.Arn !== undefined) return config.Arn
  if (config.Type !== 'SQS') return undefined
  const queueId = typeof config.QueueLogicalId === 'string' ? config.QueueLogicalId : `${generatedId}Queue`
  return generatedQueue(expansion, decl, queueId, locate, policy)
}

function expandFunctionEvent(expansion: Expansion, context: FunctionContext, eventName: string, event: unknown): void {
  const {out} = expansion
  const {decl} = context
  if (!isRecord(event)) return
  const id = decl.id
  const type = typeof event.Type === 'string' ? event.Type : ''
  const p = isRecord(event.Properties) ? event.Properties : {}
  const generatedId = `${id}${eventName}`
  const fn = context.target
  const eventPrefix: PropPath = ['Events', eventName, 'Properties']
  const eventLocate = samLocator(expansion, decl, undefined, identity, eventPrefix)
  const at = (path: PropPath): Locator => samLocator(expansion, decl, undefined, () => path, eventPrefix)
  const permission = (permissionId: string, principal: string, sourceArn: unknown, extra: Props = {}): void => {
    out.push(
      generated(decl, permissionId, 'AWS::Lambda::Permission', {Action: 'lambda:InvokeFunction', FunctionName: fn.ref, Principal: principal, SourceArn: sourceArn, ...extra}, at([]), true),
    )
  }
  switch (type) {
    case 'SQS':
    case 'Kinesis':
    case 'DynamoDB':
    case 'MSK':
    case 'MQ':
    case 'DocumentDB':
    case 'SelfManagedKafka':
      expandPullEvent(expansion, context, eventName, type, p)
      return
    case 'SNS': {
      const subscription: Props = {
        Protocol: 'lambda',
        Endpoint: fn.arn,
        TopicArn: p.Topic,
        Region: p.Region,
        FilterPolicy: p.FilterPolicy,
        FilterPolicyScope: p.FilterPolicyScope,
        RedrivePolicy: p.RedrivePolicy,
      }
      const rename = (path: PropPath): PropPath => (path[0] === 'TopicArn' ? ['Topic'] : path[0] === 'Endpoint' || path[0] === 'Protocol' ? [] : path)
      const sqs = p.SqsSubscription
      if (sqs === true || isRecord(sqs)) {
        // SAM puts a queue between the topic and the function; the function then polls that queue.
        const sqsLocate = at(['SqsSubscription'])
        const options = isRecord(sqs) ? sqs : {}
        let queueArn = options.QueueArn
        let queueUrl = options.QueueUrl
        if (queueArn === undefined) {
          const queueId = `${generatedId}Queue`
          out.push(generated(decl, queueId, 'AWS::SQS::Queue', {}, sqsLocate))
          queueArn = {'Fn::GetAtt': [queueId, 'Arn']}
          queueUrl = {Ref: queueId}
        }
        const policyId = typeof options.QueuePolicyLogicalId === 'string' ? options.QueuePolicyLogicalId : `${generatedId}QueuePolicy`
        out.push(
          generated(
            decl,
            policyId,
            'AWS::SQS::QueuePolicy',
            {
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [{Action: 'sqs:SendMessage', Effect: 'Allow', Principal: '*', Resource: queueArn, Condition: {ArnEquals: {'aws:SourceArn': p.Topic}}}],
              },
              Queues: [queueUrl],
            },
            sqsLocate,
            true,
          ),
        )
        out.push(
          generated(
            decl,
            `${generatedId}EventSourceMapping`,
            'AWS::Lambda::EventSourceMapping',
            {BatchSize: options.BatchSize ?? 10, Enabled: options.Enabled ?? true, EventSourceArn: queueArn, FunctionName: fn.ref},
            samLocator(expansion, decl, undefined, (path) => (path[0] === 'BatchSize' || path[0] === 'Enabled' ? path : []), [...eventPrefix, 'SqsSubscription']),
          ),
        )
        context.addManagedPolicy(SAM_MANAGED_POLICIES.sqs)
        out.push(generated(decl, generatedId, 'AWS::SNS::Subscription', {...subscription, Protocol: 'sqs', Endpoint: queueArn}, samLocator(expansion, decl, undefined, rename, eventPrefix)))
        return
      }
      out.push(generated(decl, generatedId, 'AWS::SNS::Subscription', subscription, samLocator(expansion, decl, undefined, rename, eventPrefix)))
      permission(`${generatedId}Permission`, 'sns.amazonaws.com', p.Topic)
      return
    }
    case 'S3': {
      permission(`${generatedId}Permission`, 's3.amazonaws.com', undefined, {SourceAccount: {Ref: 'AWS::AccountId'}})
      const bucket = get(p, 'Bucket', 'Ref')
      if (typeof bucket === 'string') {
        const configurations = asArray(p.Events).map((s3Event) => stripUndefined({Event: s3Event, Function: fn.arn, Filter: p.Filter}))
        expansion.patches.push({target: bucket, apply: (target) => addBucketNotifications(target, configurations, eventLocate)})
      }
      return
    }
    case 'Cognito': {
      permission(`${id}CognitoPermission`, 'cognito-idp.amazonaws.com', {'Fn::GetAtt': [get(p, 'UserPool', 'Ref') ?? p.UserPool, 'Arn']})
      const pool = get(p, 'UserPool', 'Ref')
      if (typeof pool === 'string') {
        expansion.patches.push({
          target: pool,
          apply: (target) => {
            const lambdaConfig: Props = isRecord(target.props.LambdaConfig) ? {...target.props.LambdaConfig} : {}
            for (const trigger of asArray(p.Trigger)) if (typeof trigger === 'string') lambdaConfig[trigger] = fn.arn
            target.props = {...target.props, LambdaConfig: lambdaConfig}
          },
        })
      }
      return
    }
    case 'EventBridgeRule':
    case 'CloudWatchEvent':
    case 'Schedule': {
      const dlqLocate = at(['DeadLetterConfig'])
      const deadLetter = deadLetterArn(expansion, decl, generatedId, p.DeadLetterConfig, dlqLocate, {principal: 'events.amazonaws.com', sourceArn: {'Fn::GetAtt': [generatedId, 'Arn']}})
      const target = stripUndefined({
        Arn: fn.arn,
        Id: get(p, 'Target', 'Id') ?? `${generatedId}LambdaTarget`,
        Input: p.Input,
        InputPath: p.InputPath,
        InputTransformer: p.InputTransformer,
        DeadLetterConfig: deadLetter === undefined ? undefined : {Arn: deadLetter},
        RetryPolicy: p.RetryPolicy,
      })
      const ruleProps: Props =
        type === 'Schedule'
          ? {
              ScheduleExpression: p.Schedule,
              State: p.State ?? (p.Enabled === undefined ? undefined : p.Enabled === false ? 'DISABLED' : 'ENABLED'),
              Name: p.Name,
              Description: p.Description,
              Targets: [target],
            }
          : {EventPattern: p.Pattern, EventBusName: p.EventBusName, State: p.State, Name: p.RuleName, Targets: [target]}
      out.push(generated(decl, generatedId, 'AWS::Events::Rule', ruleProps, samLocator(expansion, decl, undefined, renameRulePath, eventPrefix)))
      permission(`${generatedId}Permission`, 'events.amazonaws.com', {'Fn::GetAtt': [generatedId, 'Arn']})
      return
    }
    case 'ScheduleV2':
      expandScheduleV2(expansion, decl, eventName, p, {arn: fn.arn, roleAction: 'lambda:InvokeFunction', roleResource: fn.arn, policySuffix: 'LambdaPolicy'})
      return
    case 'Api':
      addApiPath(expansion, decl, eventName, p, {
        kind: 'rest',
        integration: {
          httpMethod: 'POST',
          type: 'aws_proxy',
          uri: {'Fn::Sub': `arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${refText(fn.arn)}}/invocations`},
        },
      })
      permission(`${generatedId}Permission${apiStageName(expansion, p.RestApiId)}`, 'apigateway.amazonaws.com', executeApiArn(p.RestApiId ?? {Ref: 'ServerlessRestApi'}, p.Method, p.Path))
      return
    case 'HttpApi':
      addApiPath(expansion, decl, eventName, p, {
        kind: 'http',
        integration: {
          httpMethod: 'POST',
          type: 'aws_proxy',
          uri: {'Fn::Sub': `arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${refText(fn.arn)}}/invocations`},
          payloadFormatVersion: p.PayloadFormatVersion ?? '2.0',
          timeoutInMillis: p.TimeoutInMillis,
        },
      })
      permission(`${generatedId}Permission`, 'apigateway.amazonaws.com', executeApiArn(p.ApiId ?? {Ref: 'ServerlessHttpApi'}, p.Method, p.Path))
      return
    case 'IoTRule':
      out.push(
        generated(decl, generatedId, 'AWS::IoT::TopicRule', {TopicRulePayload: stripUndefined({Sql: p.Sql, AwsIotSqlVersion: p.AwsIotSqlVersion, RuleDisabled: false, Actions: [{Lambda: {FunctionArn: fn.arn}}]})}, eventLocate),
      )
      permission(`${generatedId}Permission`, 'iot.amazonaws.com', {'Fn::Sub': ['arn:${AWS::Partition}:iot:${AWS::Region}:${AWS::AccountId}:rule/${RuleName}', {RuleName: {Ref: generatedId}}]}, {
        SourceAccount: {'Fn::Sub': '${AWS::AccountId}'},
      })
      return
    case 'CloudWatchLogs':
      out.push(generated(decl, generatedId, 'AWS::Logs::SubscriptionFilter', {LogGroupName: p.LogGroupName, FilterPattern: p.FilterPattern, DestinationArn: fn.arn}, eventLocate))
      permission(`${generatedId}Permission`, 'logs.amazonaws.com', {
        'Fn::Sub': ['arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${__LogGroupName__}:*', {__LogGroupName__: p.LogGroupName}],
      })
      return
    case 'AlexaSkill':
      permission(`${generatedId}Permission`, 'alexa-appkit.amazon.com', undefined, {EventSourceToken: p.SkillId})
      return
    default:
      return
  }
}

function renameRulePath(path: PropPath): PropPath {
  if (path[0] === 'Targets') {
    const field = path[2]
    if (field === 'Arn' || field === 'Id' || field === undefined) return []
    return path.slice(2)
  }
  if (path[0] === 'EventPattern') return ['Pattern', ...path.slice(1)]
  if (path[0] === 'ScheduleExpression') return ['Schedule']
  if (path[0] === 'Name') return ['RuleName']
  return path
}

/** `${X}` or `${X.Arn}` text for a Ref or GetAtt, as SAM writes integration URIs. */
function refText(value: unknown): string {
  const ref = get(value, 'Ref')
  if (typeof ref === 'string') return ref
  const getAtt = get(value, 'Fn::GetAtt')
  if (Array.isArray(getAtt)) return getAtt.join('.')
  return 'AWS::NoValue'
}

function executeApiArn(apiId: unknown, method: unknown, path: unknown): unknown {
  const route = method === undefined && path === undefined ? '*' : `${String(method ?? 'ANY').toUpperCase() === 'ANY' ? '*' : String(method).toUpperCase()}${String(path ?? '')}`
  return {'Fn::Sub': [`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${__ApiId__}/\${__Stage__}/${route}`, {__ApiId__: apiId, __Stage__: '*'}]}
}

function apiStageName(expansion: Expansion, apiId: unknown): string {
  const ref = get(apiId, 'Ref')
  if (typeof ref !== 'string') return 'Prod'
  const stage = get(expansion.resources, ref, 'Properties', 'StageName')
  return typeof stage === 'string' ? stage : 'Prod'
}

interface ScheduleTarget {
  arn: unknown
  roleAction: string
  roleResource: unknown
  policySuffix: string
}

function expandScheduleV2(expansion: Expansion, decl: ResourceDecl, eventName: string, p: Props, target: ScheduleTarget): void {
  const generatedId = `${decl.id}${eventName}`
  const eventPrefix: PropPath = ['Events', eventName, 'Properties']
  const dlqLocate = samLocator(expansion, decl, undefined, () => ['DeadLetterConfig'], eventPrefix)
  const deadLetter = deadLetterArn(expansion, decl, generatedId, p.DeadLetterConfig, dlqLocate)
  const roleId = `${generatedId}Role`
  if (p.RoleArn === undefined) {
    const statements: GeneratedPolicy[] = [{name: `${generatedId}${target.policySuffix}`, statements: [{Action: target.roleAction, Effect: 'Allow', Resource: target.roleResource}]}]
    if (deadLetter !== undefined) statements.push({name: `${generatedId}SQSPolicy`, statements: [{Action: 'sqs:SendMessage', Effect: 'Allow', Resource: deadLetter}]})
    const role = generated(
      decl,
      roleId,
      'AWS::IAM::Role',
      {
        AssumeRolePolicyDocument: trustPolicy('scheduler.amazonaws.com'),
        Policies: statements.map(({name, statements: s}) => ({PolicyName: name, PolicyDocument: {Statement: s.map((x) => ({...x, SamPolicyTemplate: name}))}})),
        PermissionsBoundary: p.PermissionsBoundary,
      },
      samLocator(expansion, decl, undefined, () => [], eventPrefix),
      true,
    )
    expansion.out.push(role)
  }
  const rename = (path: PropPath): PropPath => {
    if (path[0] !== 'Target') return path
    if (path[1] === 'Arn' || path[1] === undefined) return []
    return path.slice(1)
  }
  expansion.out.push(
    generated(
      decl,
      generatedId,
      'AWS::Scheduler::Schedule',
      {
        ScheduleExpression: p.ScheduleExpression,
        ScheduleExpressionTimezone: p.ScheduleExpressionTimezone,
        FlexibleTimeWindow: p.FlexibleTimeWindow ?? {Mode: 'OFF'},
        Name: p.Name ?? generatedId,
        State: p.State,
        Description: p.Description,
        StartDate: p.StartDate,
        EndDate: p.EndDate,
        GroupName: p.GroupName,
        KmsKeyArn: p.KmsKeyArn,
        Target: stripUndefined({
          Arn: target.arn,
          RoleArn: p.RoleArn ?? {'Fn::GetAtt': [roleId, 'Arn']},
          Input: p.Input,
          DeadLetterConfig: deadLetter === undefined ? undefined : {Arn: deadLetter},
          RetryPolicy: p.RetryPolicy,
        }),
      },
      samLocator(expansion, decl, undefined, rename, eventPrefix),
    ),
  )
}

interface ApiIntegration {
  kind: 'rest' | 'http'
  integration: Props
}

/** Adds the path an Api or HttpApi event creates to its API's definition, with the method's security as SAM writes it. */
function addApiPath(expansion: Expansion, decl: ResourceDecl, eventName: string, p: Props, {kind, integration}: ApiIntegration): void {
  const apiRef = kind === 'rest' ? p.RestApiId : p.ApiId
  const apiId = apiRef === undefined ? (kind === 'rest' ? 'ServerlessRestApi' : 'ServerlessHttpApi') : get(apiRef, 'Ref')
  if (typeof apiId !== 'string') return
  let api = expansion.apiPaths.get(apiId)
  if (!api) {
    api = {kind, paths: {}, securitySchemes: {}, locate: new Map(), first: decl}
    expansion.apiPaths.set(apiId, api)
  }
  const path = kind === 'http' && p.Path === undefined && p.Method === undefined ? '$default' : String(p.Path ?? '/')
  const rawMethod = String(p.Method ?? 'ANY').toLowerCase()
  const method = rawMethod === 'any' ? 'x-amazon-apigateway-any-method' : rawMethod
  const operation: Props = {'x-amazon-apigateway-integration': stripUndefined(integration), responses: {}}
  if (path === '$default') operation.isDefaultRoute = true
  const apiAuth = get(expansion.resources, apiId, 'Properties', 'Auth') ?? get(globalsFor(expansion.template, kind === 'rest' ? 'Api' : 'HttpApi'), 'Auth')
  const authorizer = get(p, 'Auth', 'Authorizer') ?? get(apiAuth, 'DefaultAuthorizer')
  const security: Props[] = []
  if (typeof authorizer === 'string' && authorizer !== 'NONE') {
    security.push({[authorizer]: asArray(get(p, 'Auth', 'AuthorizationScopes') ?? [])})
    api.securitySchemes[authorizer] = securityScheme(kind, authorizer, get(apiAuth, 'Authorizers', authorizer))
    if (authorizer === 'AWS_IAM' && kind === 'rest') (operation['x-amazon-apigateway-integration'] as Props).credentials = 'arn:aws:iam::*:user/*'
  }
  const apiKey = get(p, 'Auth', 'ApiKeyRequired') ?? get(apiAuth, 'ApiKeyRequired')
  if (apiKey === true && kind === 'rest') {
    security.push({api_key: []})
    api.securitySchemes.api_key = {type: 'apiKey', name: 'x-api-key', in: 'header'}
  }
  if (security.length > 0) operation.security = security
  const methods = (api.paths[path] as Props | undefined) ?? {}
  methods[method] = operation
  api.paths[path] = methods
  api.locate.set(`${path} ${method}`, samLocator(expansion, decl, undefined, () => [], ['Events', eventName, 'Properties']))
}

function securityScheme(kind: 'rest' | 'http', name: string, authorizer: unknown): Props {
  if (name === 'AWS_IAM') return {type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4'}
  if (kind === 'http') {
    if (isRecord(authorizer) && authorizer.JwtConfiguration !== undefined) {
      return {type: 'oauth2', 'x-amazon-apigateway-authorizer': stripUndefined({type: 'jwt', jwtConfiguration: authorizer.JwtConfiguration, identitySource: authorizer.IdentitySource})}
    }
    return {type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authorizer': stripUndefined({type: 'request', authorizerUri: get(authorizer, 'FunctionArn')})}
  }
  if (isRecord(authorizer) && authorizer.UserPoolArn !== undefined) {
    return {type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'cognito_user_pools', 'x-amazon-apigateway-authorizer': {type: 'cognito_user_pools', providerARNs: asArray(authorizer.UserPoolArn)}}
  }
  const payload = get(authorizer, 'FunctionPayloadType') === 'REQUEST' ? 'request' : 'token'
  return {type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'custom', 'x-amazon-apigateway-authorizer': stripUndefined({type: payload, authorizerUri: get(authorizer, 'FunctionArn')})}
}

function expandStateMachine(expansion: Expansion, decl: ResourceDecl, props: Props): void {
  const {out} = expansion
  const id = decl.id
  const rename = (path: PropPath): PropPath => {
    const head = String(path[0])
    if (head === 'TracingConfiguration') return ['Tracing', ...path.slice(1)]
    if (head === 'LoggingConfiguration') return ['Logging', ...path.slice(1)]
    if (head === 'StateMachineType') return ['Type']
    if (head === 'RoleArn') return ['Role']
    if (head === 'StateMachineName') return ['Name']
    if (head === 'DefinitionS3Location') return ['DefinitionUri']
    return path
  }
  const roleId = `${id}Role`
  out.push(
    generated(
      decl,
      id,
      'AWS::StepFunctions::StateMachine',
      {
        Definition: props.Definition,
        DefinitionS3Location: s3Location(props.DefinitionUri, {bucket: 'Bucket', key: 'Key', version: 'Version'}) ?? props.DefinitionUri,
        DefinitionSubstitutions: props.DefinitionSubstitutions,
        LoggingConfiguration: props.Logging,
        TracingConfiguration: props.Tracing,
        StateMachineType: props.Type,
        StateMachineName: props.Name,
        RoleArn: props.Role ?? {'Fn::GetAtt': [roleId, 'Arn']},
        Tags: tagList(props.Tags, 'stateMachine:createdBy'),
      },
      samLocator(expansion, decl, 'StateMachine', rename),
    ),
  )
  if (props.Role === undefined) {
    const role = samRole(expansion, decl, roleId, props, undefined, trustPolicy('states.amazonaws.com'), [], [])
    if (props.RolePath !== undefined) role.props.Path = props.RolePath
    role.props.Tags = tagList(props.Tags, 'stateMachine:createdBy')
    out.push(role)
    expansion.roles.set(id, role)
  }
  const events = isRecord(props.Events) ? props.Events : {}
  for (const [eventName, event] of Object.entries(events)) {
    if (!isRecord(event)) continue
    const p = isRecord(event.Properties) ? event.Properties : {}
    const generatedId = `${id}${eventName}`
    const eventPrefix: PropPath = ['Events', eventName, 'Properties']
    const startExecutionRole = (principal: string): void => {
      out.push(
        generated(
          decl,
          `${generatedId}Role`,
          'AWS::IAM::Role',
          {
            AssumeRolePolicyDocument: trustPolicy(principal),
            Policies: [
              {
                PolicyName: `${generatedId}RoleStartExecutionPolicy`,
                PolicyDocument: {Statement: [{Action: 'states:StartExecution', Effect: 'Allow', Resource: {Ref: id}, SamPolicyTemplate: `${generatedId}RoleStartExecutionPolicy`}]},
              },
            ],
          },
          samLocator(expansion, decl, undefined, () => [], eventPrefix),
          true,
        ),
      )
    }
    if (event.Type === 'EventBridgeRule' || event.Type === 'CloudWatchEvent' || event.Type === 'Schedule') {
      const dlqLocate = samLocator(expansion, decl, undefined, () => ['DeadLetterConfig'], eventPrefix)
      const deadLetter = deadLetterArn(expansion, decl, generatedId, p.DeadLetterConfig, dlqLocate, {principal: 'events.amazonaws.com', sourceArn: {'Fn::GetAtt': [generatedId, 'Arn']}})
      const target = stripUndefined({
        Arn: {Ref: id},
        Id: get(p, 'Target', 'Id') ?? `${generatedId}StepFunctionsTarget`,
        RoleArn: {'Fn::GetAtt': [`${generatedId}Role`, 'Arn']},
        DeadLetterConfig: deadLetter === undefined ? undefined : {Arn: deadLetter},
        RetryPolicy: p.RetryPolicy,
        Input: p.Input,
        InputPath: p.InputPath,
        InputTransformer: p.InputTransformer,
      })
      const ruleProps: Props =
        event.Type === 'Schedule'
          ? {ScheduleExpression: p.Schedule, State: p.State ?? (p.Enabled === undefined ? undefined : p.Enabled === false ? 'DISABLED' : 'ENABLED'), Name: p.Name, Description: p.Description, Targets: [target]}
          : {EventPattern: p.Pattern, EventBusName: p.EventBusName, State: p.State, Name: p.RuleName, Targets: [target]}
      out.push(generated(decl, generatedId, 'AWS::Events::Rule', ruleProps, samLocator(expansion, decl, undefined, renameRulePath, eventPrefix)))
      startExecutionRole('events.amazonaws.com')
    } else if (event.Type === 'ScheduleV2') {
      expandScheduleV2(expansion, decl, eventName, p, {arn: {Ref: id}, roleAction: 'states:StartExecution', roleResource: {Ref: id}, policySuffix: 'StartExecutionPolicy'})
    } else if (event.Type === 'Api') {
      addApiPath(expansion, decl, eventName, p, {
        kind: 'rest',
        integration: {
          httpMethod: 'POST',
          type: 'aws',
          uri: {'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/StartExecution'},
          credentials: {'Fn::GetAtt': [`${generatedId}Role`, 'Arn']},
        },
      })
      startExecutionRole('apigateway.amazonaws.com')
    }
  }
}

function expandRestApi(expansion: Expansion, decl: ResourceDecl, props: Props): void {
  const {out} = expansion
  const id = decl.id
  const locate = samLocator(expansion, decl, 'Api', (path) => (path[0] === 'Body' ? ['DefinitionBody', ...path.slice(1)] : path[0] === 'BodyS3Location' ? ['DefinitionUri'] : path))
  out.push(
    generated(
      decl,
      id,
      'AWS::ApiGateway::RestApi',
      {
        Name: props.Name,
        Body: props.DefinitionBody,
        BodyS3Location: s3Location(props.DefinitionUri, {bucket: 'Bucket', key: 'Key', version: 'Version'}) ?? props.DefinitionUri,
        EndpointConfiguration: typeof props.EndpointConfiguration === 'string' ? {Types: [props.EndpointConfiguration]} : props.EndpointConfiguration,
        BinaryMediaTypes: props.BinaryMediaTypes,
        MinimumCompressionSize: props.MinimumCompressionSize,
        Auth: props.Auth,
        Cors: props.Cors,
      },
      locate,
    ),
  )
  const stageName = typeof props.StageName === 'string' ? props.StageName : 'Prod'
  out.push(
    generated(
      decl,
      `${id}${stageName}Stage`,
      'AWS::ApiGateway::Stage',
      {
        RestApiId: {Ref: id},
        StageName: props.StageName ?? 'Prod',
        TracingEnabled: props.TracingEnabled,
        AccessLogSetting: props.AccessLogSetting,
        MethodSettings: props.MethodSettings,
        Variables: props.Variables,
        CacheClusterEnabled: props.CacheClusterEnabled,
        CacheClusterSize: props.CacheClusterSize,
        CanarySetting: props.CanarySetting,
      },
      samLocator(expansion, decl, 'Api', (path) => (path[0] === 'RestApiId' ? [] : path)),
    ),
  )
}

function expandHttpApi(expansion: Expansion, decl: ResourceDecl, props: Props): void {
  const {out} = expansion
  const id = decl.id
  const locate = samLocator(expansion, decl, 'HttpApi', (path) => (path[0] === 'Body' ? ['DefinitionBody', ...path.slice(1)] : path[0] === 'BodyS3Location' ? ['DefinitionUri'] : path))
  out.push(
    generated(
      decl,
      id,
      'AWS::ApiGatewayV2::Api',
      {
        Name: props.Name,
        Body: props.DefinitionBody,
        BodyS3Location: s3Location(props.DefinitionUri, {bucket: 'Bucket', key: 'Key', version: 'Version'}) ?? props.DefinitionUri,
        CorsConfiguration: props.CorsConfiguration,
        DisableExecuteApiEndpoint: props.DisableExecuteApiEndpoint,
        FailOnWarnings: props.FailOnWarnings,
        Auth: props.Auth,
        Tags: isRecord(props.Tags) ? {...props.Tags, 'httpapi:createdBy': 'SAM'} : undefined,
      },
      locate,
    ),
  )
  const stageName = props.StageName
  out.push(
    generated(
      decl,
      typeof stageName === 'string' && stageName !== '$default' ? `${id}${stageName.replace(/[^A-Za-z0-9]/g, '')}Stage` : `${id}ApiGatewayDefaultStage`,
      'AWS::ApiGatewayV2::Stage',
      {
        ApiId: {Ref: id},
        StageName: stageName ?? '$default',
        AutoDeploy: true,
        AccessLogSettings: props.AccessLogSettings,
        DefaultRouteSettings: props.DefaultRouteSettings,
        RouteSettings: props.RouteSettings,
        StageVariables: props.StageVariables,
        Tags: {...(isRecord(props.Tags) ? props.Tags : {}), 'httpapi:createdBy': 'SAM'},
      },
      samLocator(expansion, decl, 'HttpApi', (path) => (path[0] === 'ApiId' ? [] : path)),
    ),
  )
}

function expandSimpleTable(expansion: Expansion, decl: ResourceDecl, props: Props): void {
  const primaryKey = isRecord(props.PrimaryKey) ? props.PrimaryKey : {Name: 'id', Type: 'String'}
  const attributeType = primaryKey.Type === 'Number' ? 'N' : primaryKey.Type === 'Binary' ? 'B' : 'S'
  const table = generated(
    decl,
    decl.id,
    'AWS::DynamoDB::Table',
    {
      TableName: props.TableName,
      AttributeDefinitions: [{AttributeName: primaryKey.Name, AttributeType: attributeType}],
      KeySchema: [{AttributeName: primaryKey.Name, KeyType: 'HASH'}],
      BillingMode: props.ProvisionedThroughput === undefined ? 'PAY_PER_REQUEST' : undefined,
      ProvisionedThroughput: props.ProvisionedThroughput,
      SSESpecification: props.SSESpecification,
      PointInTimeRecoverySpecification: props.PointInTimeRecoverySpecification,
      Tags: tagList(props.Tags),
    },
    samLocator(expansion, decl, 'SimpleTable', (path) => (path[0] === 'AttributeDefinitions' || path[0] === 'KeySchema' ? ['PrimaryKey'] : path)),
  )
  table.deletionPolicy = decl.deletionPolicy
  table.updateReplacePolicy = decl.updateReplacePolicy
  expansion.out.push(table)
}

/** SAM creates `ServerlessRestApi` / `ServerlessHttpApi` when a function has Api / HttpApi events without an explicit API. */
function addImplicitApis(expansion: Expansion): void {
  for (const [apiId, api] of expansion.apiPaths) {
    if (apiId !== 'ServerlessRestApi' && apiId !== 'ServerlessHttpApi') continue
    if (expansion.out.some((decl) => decl.id === apiId) || !api.first) continue
    const first = api.first
    const parent: ResourceDecl = {...first, id: apiId, type: apiId === 'ServerlessRestApi' ? 'AWS::Serverless::Api' : 'AWS::Serverless::HttpApi', props: {}, origin: {...first.origin}}
    const section = api.kind === 'rest' ? 'Api' : 'HttpApi'
    // The implicit API has no text of its own: its properties come from Globals, anything else points at the first event that created it.
    const firstPath = api.locate.values().next().value as Locator | undefined
    parent.locate = (path, scope) => (path.length === 0 || scope === 'resource' ? (firstPath?.([]) ?? first.locate([])) : (firstPath?.([]) ?? first.locate([])))
    if (api.kind === 'rest') expandRestApi(expansion, parent, globalsFor(expansion.template, section))
    else expandHttpApi(expansion, parent, globalsFor(expansion.template, section))
  }
}

/** Writes the paths events added into each API's definition, unless the user wrote the definition (SAM leaves it alone). */
function finishApiDefinitions(expansion: Expansion): void {
  for (const [apiId, api] of expansion.apiPaths) {
    const decl = expansion.out.find((candidate) => candidate.id === apiId && (candidate.type === 'AWS::ApiGateway::RestApi' || candidate.type === 'AWS::ApiGatewayV2::Api'))
    if (!decl || decl.props.Body !== undefined || decl.props.BodyS3Location !== undefined) continue
    const body: Props =
      api.kind === 'rest'
        ? {swagger: '2.0', info: {version: '1.0', title: {Ref: 'AWS::StackName'}}, paths: api.paths}
        : {openapi: '3.0.1', info: {version: '1.0', title: {Ref: 'AWS::StackName'}}, paths: api.paths}
    if (Object.keys(api.securitySchemes).length > 0) {
      if (api.kind === 'rest') body.securityDefinitions = api.securitySchemes
      else body.components = {securitySchemes: api.securitySchemes}
    }
    decl.props = {...decl.props, Body: body}
    const base = decl.locate
    decl.locate = (path, scope = 'properties') => {
      if (scope === 'properties' && path[0] === 'Body' && path[1] === 'paths' && path.length >= 4) {
        const located = api.locate.get(`${String(path[2])} ${String(path[3])}`)
        if (located) return located([])
      }
      return base(path, scope)
    }
  }
}

/** Adds S3 → Lambda notifications to a bucket the way SAM does for S3 events; the added entries point at the event. */
function addBucketNotifications(bucket: ResourceDecl, configurations: Props[], eventLocate: Locator): void {
  const notification: Props = isRecord(bucket.props.NotificationConfiguration) ? {...bucket.props.NotificationConfiguration} : {}
  const existing = asArray(notification.LambdaConfigurations)
  const start = existing.length
  notification.LambdaConfigurations = [...existing, ...configurations]
  bucket.props = {...bucket.props, NotificationConfiguration: notification}
  const base = bucket.locate
  bucket.locate = (path, scope = 'properties') => {
    if (scope === 'properties' && path[0] === 'NotificationConfiguration' && path[1] === 'LambdaConfigurations' && typeof path[2] === 'number' && path[2] >= start && path[2] < start + configurations.length) {
      return eventLocate([])
    }
    return base(path, scope)
  }
}

// ---- Connectors ---------------------------------------------------------------------------------

interface ConnectorProfile {
  Type: string
  Properties: {SourcePolicy: boolean; AccessCategories: Record<string, Props>}
}

const PROFILES = connectorProfiles as unknown as {Permissions: Record<string, Record<string, ConnectorProfile>>; CfnResourceProperties: Record<string, {Inputs?: Props; Outputs?: Props}>}

/**
 * Connectors written inside a resource's `Connectors` attribute: SAM turns each into a connector
 * named `{Resource}{Connector}` whose source is that resource.
 */
function embeddedConnectors(expansion: Expansion, decl: ResourceDecl): ResourceDecl[] {
  const written = get(expansion.resources, decl.id, 'Connectors')
  if (!isRecord(written)) return []
  return Object.entries(written).flatMap(([name, connector]) => {
    const properties = get(connector, 'Properties')
    if (!isRecord(properties)) return []
    const at = (path: PropPath): SourceLocation | undefined => expansion.parsed.positions.locate(expansion.resources, [decl.id, 'Connectors', name, ...path])
    return [
      {
        ...decl,
        id: `${decl.id}${name}`,
        type: 'AWS::Serverless::Connector',
        props: {...properties, Source: {Id: decl.id}},
        origin: {...decl.origin, declaredType: 'AWS::Serverless::Connector'},
        locate: (path, scope = 'properties') => (scope === 'resource' ? at(path) : path.length === 0 ? at([]) : at(['Properties', ...path])),
      },
    ]
  })
}

/** SAM types as the CloudFormation type connector profiles are written for. */
const CONNECTOR_TYPE: Record<string, string> = {
  'AWS::Serverless::Function': 'AWS::Lambda::Function',
  'AWS::Serverless::StateMachine': 'AWS::StepFunctions::StateMachine',
  'AWS::Serverless::SimpleTable': 'AWS::DynamoDB::Table',
  'AWS::Serverless::Api': 'AWS::ApiGateway::RestApi',
  'AWS::Serverless::HttpApi': 'AWS::ApiGatewayV2::Api',
}

interface ConnectorEndpoint {
  type: string
  values: Record<string, unknown>
  /** The role name a managed policy is attached to, when the endpoint runs as a role of this template. */
  role?: unknown
}

/** What a connector's Source or Destination names: a resource of the template by Id, or one described by Type and Arn. */
function connectorEndpoint(expansion: Expansion, endpoint: unknown): ConnectorEndpoint | undefined {
  if (!isRecord(endpoint)) return undefined
  const id = endpoint.Id
  if (typeof id === 'string') {
    const declared = get(expansion.resources, id, 'Type')
    if (typeof declared !== 'string') return undefined
    const type = CONNECTOR_TYPE[declared] ?? declared
    const cfn = PROFILES.CfnResourceProperties[type]
    const outputs = profileReplace(cfn?.Outputs ?? {}, {logicalId: id}) as Props
    let role: unknown
    const generatedRole = expansion.roles.get(id)
    if (generatedRole) {
      role = {Ref: generatedRole.id}
    } else {
      const roleProperty = get(cfn, 'Inputs', 'Role')
      const samRoleProperty = declared.startsWith('AWS::Serverless::') ? 'Role' : roleProperty
      const written = typeof samRoleProperty === 'string' ? get(expansion.resources, id, 'Properties', samRoleProperty) : undefined
      const getAtt = get(written, 'Fn::GetAtt')
      if (Array.isArray(getAtt) && getAtt[1] === 'Arn') role = {Ref: getAtt[0]}
    }
    return {type, role, values: {Arn: outputs.Arn, Name: outputs.Name, QueueUrl: outputs.Url, Qualifier: outputs.Qualifier, ResourceId: outputs.Id}}
  }
  if (typeof endpoint.Type !== 'string') return undefined
  return {
    type: endpoint.Type,
    role: endpoint.RoleName,
    values: {Arn: endpoint.Arn, Name: endpoint.Name, QueueUrl: endpoint.QueueUrl, Qualifier: endpoint.Qualifier, ResourceId: endpoint.ResourceId},
  }
}

/** Replaces SAM profile placeholders (`%{Destination.Arn}`) the way SAM does: a whole value by the value, part of a string through Fn::Sub. */
function profileReplace(node: unknown, values: Record<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((item) => profileReplace(item, values))
  if (isRecord(node)) return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, profileReplace(value, values)]))
  if (typeof node !== 'string') return node
  let text = node
  const variables: Props = {}
  for (const [name, value] of Object.entries(values)) {
    const pattern = `%{${name}}`
    if (!text.includes(pattern)) continue
    if (text === pattern) return value
    const variable = name.replace(/[^A-Za-z0-9]/g, '')
    text = text.split(pattern).join(`\${${variable}}`)
    variables[variable] = value
  }
  if (/\$\{.+\}/.test(text)) return Object.keys(variables).length > 0 ? {'Fn::Sub': [text, variables]} : {'Fn::Sub': text}
  return text
}

/** \`AWS::Serverless::Connector\`: the policies or resource permissions SAM's connector profiles give the source on the destination. */
function expandConnector(expansion: Expansion, decl: ResourceDecl): void {
  const props = decl.props
  const source = connectorEndpoint(expansion, props.Source)
  if (!source) return
  const destinations = asArray(props.Destination)
  const multiple = Array.isArray(props.Destination)
  const permissions = asArray(props.Permissions).filter((permission): permission is string => typeof permission === 'string')
  const permissionsLocate = samLocator(expansion, decl, undefined, () => ['Permissions'])
  destinations.forEach((spec, index) => {
    const destination = connectorEndpoint(expansion, spec)
    if (!destination) return
    const profile = PROFILES.Permissions[source.type]?.[destination.type]
    if (!profile) return
    const values: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(source.values)) values[`Source.${key}`] = value
    for (const [key, value] of Object.entries(destination.values)) values[`Destination.${key}`] = value
    const categories = profile.Properties.AccessCategories
    const chosen = permissions.filter((permission) => isRecord(categories[permission]))
    if (chosen.length === 0) return
    const suffix = multiple ? `Destination${index}` : ''
    const locate = samLocator(expansion, decl, undefined, () => (multiple ? ['Destination', index] : ['Destination']))
    const statements = (): unknown[] => chosen.flatMap((permission) => asArray(profileReplace(categories[permission]!.Statement, values)))
    const owner = profile.Properties.SourcePolicy ? source : destination
    switch (profile.Type) {
      case 'AWS_IAM_ROLE_MANAGED_POLICY':
        if (owner.role === undefined) return
        expansion.out.push(
          generated(
            decl,
            multiple ? `${decl.id}PolicyDestination${index}` : `${decl.id}Policy`,
            'AWS::IAM::ManagedPolicy',
            {PolicyDocument: {Version: '2012-10-17', Statement: statements()}, Roles: [owner.role]},
            (path, scope) => (path[0] === 'PolicyDocument' ? permissionsLocate([], scope) : locate(path, scope)),
          ),
        )
        return
      case 'AWS_LAMBDA_PERMISSION':
        for (const permission of chosen) {
          const replaced = profileReplace(categories[permission], values) as Props
          expansion.out.push(
            generated(
              decl,
              `${decl.id}${permission}LambdaPermission${suffix}`,
              'AWS::Lambda::Permission',
              stripUndefined({Action: replaced.Action, FunctionName: owner.values.Arn, Principal: replaced.Principal, SourceArn: replaced.SourceArn, SourceAccount: replaced.SourceAccount}),
              locate,
              true,
            ),
          )
        }
        return
      case 'AWS_SQS_QUEUE_POLICY':
        expansion.out.push(
          generated(decl, `${decl.id}QueuePolicy${suffix}`, 'AWS::SQS::QueuePolicy', {PolicyDocument: {Version: '2012-10-17', Statement: statements()}, Queues: [owner.values.QueueUrl]}, locate, true),
        )
        return
      case 'AWS_SNS_TOPIC_POLICY':
        expansion.out.push(
          generated(decl, `${decl.id}TopicPolicy${suffix}`, 'AWS::SNS::TopicPolicy', {PolicyDocument: {Version: '2012-10-17', Statement: statements()}, Topics: [owner.values.Arn]}, locate, true),
        )
        return
      default:
        return
    }
  })
}
