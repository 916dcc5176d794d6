// AWS::Serverless::Function: the function, its role, version and alias, event invoke config and function URL.
import {get, isRecord} from '../intrinsics.js'
import type {ResourceDecl} from '../template.js'
import type {PropPath} from '../types.js'
import {expandFunctionEvent} from './events.js'
import {type Expansion, generated, identity, type Props, s3Location, samLocator, tagList} from './expansion.js'
import {versionLogicalId} from './ids.js'
import {addRolePolicy, type GeneratedPolicy, SAM_MANAGED_POLICIES, samRole, trustPolicy} from './roles.js'

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

const DESTINATION_POLICY: Record<string, {action: string}> = {
  SQS: {action: 'sqs:SendMessage'},
  SNS: {action: 'sns:publish'},
  Lambda: {action: 'lambda:InvokeFunction'},
  EventBridge: {action: 'events:PutEvents'},
  S3: {action: 's3:PutObject'},
}

/** What the rest of a function's expansion needs to know about it. */
export interface FunctionContext {
  decl: ResourceDecl
  props: Props
  /** What event sources call: the alias when AutoPublishAlias is set, else the function. */
  target: {ref: unknown; arn: unknown}
  role?: ResourceDecl
  addManagedPolicy: (arn: string) => void
  addInlinePolicy: (name: string, statements: Props[], locate?: PropPath) => void
}

export function expandFunction(expansion: Expansion, decl: ResourceDecl, props: Props): void {
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
