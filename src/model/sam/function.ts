// AWS::Serverless::Function: the function, its role, version and alias, event invoke config and function URL.
import {get, isRecord} from '../intrinsics.js'
import type {ResourceDecl} from '../template.js'
import type {PropPath} from '../types.js'
import {expandFunctionEvent} from './events.js'
import {type Expansion, generated, identity, type Props, s3Location, samLocator, stripUndefined, tagList} from './expansion.js'
import {globalsFor, mergeGlobals} from './globals.js'
import {propertiesAreAMap, validateFunction} from './validation.js'
import {addDeploymentPreference} from './deployment-preference.js'
import {expandEventInvokeConfig} from './event-invoke.js'
import {aliasLogicalId, resolveParameterRefs, versionLogicalId} from './ids.js'
import {addRolePolicy, type GeneratedPolicy, SAM_MANAGED_POLICIES, samRole, trustPolicy} from './roles.js'

const FUNCTION_PASSTHROUGH = [
  'FunctionName',
  'Handler',
  'Runtime',
  'MemorySize',
  'Timeout',
  'Description',
  'Environment',
  'Architectures',
  'ReservedConcurrentExecutions',
  'Layers',
  'VpcConfig',
  'KmsKeyArn',
  'EphemeralStorage',
  'LoggingConfig',
  'RecursiveLoop',
  'SnapStart',
  'RuntimeManagementConfig',
  'PackageType',
  'ImageConfig',
  'FileSystemConfigs',
  'CodeSigningConfigArn',
  'TenancyConfig',
  'DurableConfig',
  'FunctionScalingConfig',
  'PublishToLatestPublished',
]

function renameFunctionPath(path: PropPath): PropPath {
  const head = String(path[0])
  if (head === 'TracingConfig') return ['Tracing']
  if (head === 'DeadLetterConfig') return ['DeadLetterQueue', ...(path[1] === 'TargetArn' ? ['TargetArn'] : [])]
  if (head === 'Code') return path[1] === 'ImageUri' ? ['ImageUri'] : path[1] === 'ZipFile' ? ['InlineCode'] : ['CodeUri']
  return path
}

/** What the rest of a function's expansion needs to know about it. */
export interface FunctionContext {
  decl: ResourceDecl
  props: Props
  /** What event sources call: the alias when AutoPublishAlias is set, else the function. */
  target: {ref: unknown; arn: unknown}
  role?: ResourceDecl
  addManagedPolicy: (arn: string) => void
  addInlinePolicy: (name: string, statements: Props[], locate?: PropPath, versioned?: boolean) => void
}

export function expandFunction(expansion: Expansion, decl: ResourceDecl, props: Props): void {
  if (!propertiesAreAMap(expansion, decl)) return
  validateFunction(expansion, decl, props)
  const {out} = expansion
  const id = decl.id
  const fnLocate = samLocator(expansion, decl, 'Function', renameFunctionPath)
  const fnProps: Props = {}
  // A property written as null is absent to SAM.
  for (const key of FUNCTION_PASSTHROUGH) fnProps[key] = props[key] ?? undefined
  if (props.InlineCode !== undefined) fnProps.Code = {ZipFile: props.InlineCode}
  else if (props.ImageUri !== undefined) fnProps.Code = {ImageUri: props.ImageUri}
  else if (props.CodeUri !== undefined) fnProps.Code = s3Location(props.CodeUri, {bucket: 'S3Bucket', key: 'S3Key', version: 'S3ObjectVersion'}) ?? props.CodeUri
  if (isRecord(fnProps.Code) && props.SourceKMSKeyArn !== undefined && props.InlineCode === undefined && props.ImageUri === undefined) fnProps.Code = {...fnProps.Code, SourceKMSKeyArn: props.SourceKMSKeyArn}
  // SAM treats `Tracing: Disabled` (a parameter's default included) as no tracing at all.
  if (props.Tracing !== undefined && props.Tracing !== null && resolveParameterRefs(expansion.template, props.Tracing) !== 'Disabled') fnProps.TracingConfig = {Mode: props.Tracing}
  const capacity = props.CapacityProviderConfig
  if (isRecord(capacity)) {
    fnProps.CapacityProviderConfig = {
      LambdaManagedInstancesCapacityProviderConfig: stripUndefined({
        CapacityProviderArn: capacity.Arn,
        PerExecutionEnvironmentMaxConcurrency: capacity.PerExecutionEnvironmentMaxConcurrency,
        ExecutionEnvironmentMemoryGiBPerVCpu: capacity.ExecutionEnvironmentMemoryGiBPerVCpu,
      }),
    }
  }
  const dlq = props.DeadLetterQueue
  if (isRecord(dlq)) fnProps.DeadLetterConfig = {TargetArn: dlq.TargetArn}
  fnProps.Tags = tagList(props.Tags, 'lambda:createdBy')
  const roleId = `${id}Role`
  const conditionalRole = conditionalExecutionRole(expansion, props.Role, roleId)
  const userRole = conditionalRole ? undefined : props.Role
  fnProps.Role = conditionalRole?.value ?? userRole ?? {'Fn::GetAtt': [roleId, 'Arn']}

  // SAM resolves a parameter reference in the alias name and the code hash; the hash also goes into the description.
  const alias = props.AutoPublishAlias === undefined ? undefined : resolveParameterRefs(expansion.template, props.AutoPublishAlias)
  const aliasId = alias !== undefined ? (typeof alias === 'string' ? aliasLogicalId(id, alias) : `${id}Alias`) : undefined
  const codeSha256 = alias !== undefined && props.AutoPublishCodeSha256 !== undefined ? resolveParameterRefs(expansion.template, props.AutoPublishCodeSha256) : undefined
  if (typeof codeSha256 === 'string') {
    const description = resolveParameterRefs(expansion.template, props.Description)
    fnProps.Description = !description ? codeSha256 : typeof description === 'string' ? `${description} ${codeSha256}` : {'Fn::Join': [' ', [description, codeSha256]]}
  }
  out.push(generated(decl, id, 'AWS::Lambda::Function', fnProps, fnLocate))

  const context: FunctionContext = {
    decl,
    props,
    target: aliasId ? {ref: {Ref: aliasId}, arn: {Ref: aliasId}} : {ref: {Ref: id}, arn: {'Fn::GetAtt': [id, 'Arn']}},
    addManagedPolicy: () => undefined,
    addInlinePolicy: () => undefined,
  }

  // The invoke config comes before the role: SAM writes its destination policies ahead of the user's.
  const invokePolicies = isRecord(props.EventInvokeConfig) ? expandEventInvokeConfig(expansion, decl, props.EventInvokeConfig, alias, aliasId) : []
  if (userRole === undefined) {
    const managed: unknown[] = [props.DurableConfig ? SAM_MANAGED_POLICIES.durable : SAM_MANAGED_POLICIES.basic]
    if (fnProps.TracingConfig !== undefined) managed.push(SAM_MANAGED_POLICIES.xray)
    if (props.VpcConfig !== undefined) managed.push(SAM_MANAGED_POLICIES.vpc)
    const generatedPolicies: GeneratedPolicy[] = []
    if (isRecord(dlq) && (dlq.Type === 'SQS' || dlq.Type === 'SNS')) {
      generatedPolicies.push({
        name: 'DeadLetterQueuePolicy',
        statements: [{Action: dlq.Type === 'SQS' ? 'sqs:SendMessage' : 'sns:Publish', Resource: dlq.TargetArn, Effect: 'Allow'}],
        source: ['DeadLetterQueue'],
      })
    }
    generatedPolicies.push(...invokePolicies)
    const role = samRole(expansion, decl, roleId, props, 'Function', get(props, 'AssumeRolePolicyDocument') ?? trustPolicy('lambda.amazonaws.com'), managed, generatedPolicies)
    if (conditionalRole?.condition !== undefined) role.condition = conditionalRole.condition
    if (props.RolePath !== undefined) role.props.Path = props.RolePath
    role.props.Tags = tagList(props.Tags, 'lambda:createdBy')
    out.push(role)
    expansion.roles.set(id, role)
    context.role = role
    context.addManagedPolicy = (arn) => {
      const list = role.props.ManagedPolicyArns as unknown[]
      if (!list.includes(arn)) list.push(arn)
    }
    context.addInlinePolicy = (name, statements, source, versioned) => addRolePolicy(role, name, statements, source, versioned)
  }

  if (alias !== undefined) {
    const aliasLocate = samLocator(expansion, decl, 'Function', identity)
    const versionId = versionLogicalId(id, fnProps, codeSha256, resolveParameterRefs(expansion.template, fnProps.Code), allPropertiesHashed(expansion, props, fnProps))
    const versionLocate = samLocator(expansion, decl, 'Function', () => ['AutoPublishAlias'])
    const version = generated(decl, versionId, 'AWS::Lambda::Version', {FunctionName: {Ref: id}}, versionLocate)
    version.deletionPolicy = 'Retain'
    out.push(version)
    const aliasDecl = generated(
      decl,
      aliasId!,
      'AWS::Lambda::Alias',
      {FunctionName: {Ref: id}, FunctionVersion: {'Fn::GetAtt': [versionId, 'Version']}, Name: alias, ProvisionedConcurrencyConfig: props.ProvisionedConcurrencyConfig},
      (path, scope) => (path.length === 0 || path[0] !== 'ProvisionedConcurrencyConfig' ? versionLocate(path, scope) : aliasLocate(path, scope)),
    )
    aliasDecl.updatePolicy = addDeploymentPreference(expansion, decl, props)
    out.push(aliasDecl)
  }

  const events = isRecord(props.Events) ? props.Events : {}
  // SAM translates events in the order of their Path (HttpApi's $default first), else of their name.
  const eventOrder = ([name, event]: [string, unknown]): string => {
    const path = get(event, 'Properties', 'Path')
    return typeof path === 'string' ? path : name
  }
  const ordered = Object.entries(events).sort((a, b) => (eventOrder(a) < eventOrder(b) ? -1 : eventOrder(a) > eventOrder(b) ? 1 : 0))
  for (const [eventName, event] of ordered) expandFunctionEvent(expansion, context, eventName, event)

  if (isRecord(props.FunctionUrlConfig)) {
    const urlLocate = samLocator(expansion, decl, 'Function', (path) => (path[0] === 'TargetFunctionArn' ? [] : path), ['FunctionUrlConfig'])
    const url = props.FunctionUrlConfig
    out.push(generated(decl, `${id}Url`, 'AWS::Lambda::Url', {TargetFunctionArn: context.target.ref, AuthType: url.AuthType, Cors: url.Cors, InvokeMode: url.InvokeMode}, urlLocate))
    if (url.AuthType === 'NONE') {
      const authLocate = samLocator(expansion, decl, 'Function', () => ['AuthType'], ['FunctionUrlConfig'])
      out.push(
        generated(
          decl,
          `${id}UrlPublicPermissions`,
          'AWS::Lambda::Permission',
          {Action: 'lambda:InvokeFunctionUrl', FunctionName: context.target.ref, Principal: '*', FunctionUrlAuthType: 'NONE'},
          authLocate,
          true,
        ),
      )
      out.push(
        generated(
          decl,
          `${id}URLInvokeAllowPublicAccess`,
          'AWS::Lambda::Permission',
          {Action: 'lambda:InvokeFunction', FunctionName: context.target.ref, Principal: '*', InvokedViaFunctionUrl: true},
          authLocate,
          true,
        ),
      )
    }
  }
}

const isNoValue = (value: unknown): boolean => get(value, 'Ref') === 'AWS::NoValue'

/**
 * A `Role: !If [Condition, …, !Ref AWS::NoValue]`: SAM generates the execution role for the branch without a role,
 * under that condition (or a `NOT{Condition}` it adds), and points the function at it in that branch.
 */
function conditionalExecutionRole(expansion: Expansion, role: unknown, roleId: string): {value: unknown; condition?: string} | undefined {
  const branches = get(resolveParameterRefs(expansion.template, role), 'Fn::If')
  if (!Array.isArray(branches) || branches.length !== 3 || typeof branches[0] !== 'string') return undefined
  const [condition, ifTrue, ifFalse] = branches as [string, unknown, unknown]
  const arn = {'Fn::GetAtt': [roleId, 'Arn']}
  if (isNoValue(ifTrue) && isNoValue(ifFalse)) return {value: arn}
  if (isNoValue(ifTrue)) return {value: {'Fn::If': [condition, arn, ifFalse]}, condition}
  if (isNoValue(ifFalse)) {
    const negated = `NOT${condition}`
    const conditions = isRecord(expansion.template.Conditions) ? expansion.template.Conditions : (expansion.template.Conditions = {})
    ;(conditions as Props)[negated] = {'Fn::Not': [{Condition: condition}]}
    return {value: {'Fn::If': [condition, ifTrue, arn]}, condition: negated}
  }
  return undefined
}

/**
 * With `AutoPublishAliasAllProperties`, SAM hashes every property of the function it generates, and the properties of
 * each layer it references that sets `PublishLambdaVersion`, so any change publishes a new version.
 */
function allPropertiesHashed(expansion: Expansion, props: Props, fnProps: Props): Props | undefined {
  if (props.AutoPublishAliasAllProperties !== true) return undefined
  const hashed = stripUndefined(fnProps)
  // SAM hashes before it points the function at the role it generates.
  if (props.Role === undefined) delete hashed.Role
  else hashed.Role = props.Role
  for (const layer of Array.isArray(fnProps.Layers) ? fnProps.Layers : []) {
    const ref = get(layer, 'Ref') ?? get(layer, 'Fn::GetAtt', 0)
    if (typeof ref !== 'string') continue
    if (get(expansion.resources, ref, 'Type') !== 'AWS::Serverless::LayerVersion' && get(expansion.resources, ref, 'Type') !== 'AWS::Lambda::LayerVersion') continue
    const written = get(expansion.resources, ref, 'Properties')
    const layerProps = get(expansion.resources, ref, 'Type') === 'AWS::Serverless::LayerVersion' ? mergeGlobals(globalsFor(expansion.template, 'LayerVersion'), isRecord(written) ? written : {}) : written
    if (isRecord(layerProps) && layerProps.PublishLambdaVersion) hashed[ref] = layerProps
  }
  return hashed
}
