// Expands AWS SAM resources into the CloudFormation resources SAM would generate, so rules see SAM and raw templates alike.
import {asArray, get, isRecord} from './intrinsics.js'
import type {ParsedFile} from './parse.js'
import {expandPolicyTemplate} from './sam-policy-templates.js'
import type {ResourceDecl} from './template.js'
import type {Locator, PropPath} from './types.js'

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
} as const

type Props = Record<string, unknown>

/** SAM's Globals merge: maps merge recursively, lists append, anything else is overridden by the resource. */
export function mergeGlobals(globals: unknown, own: Props): Props {
  if (!isRecord(globals)) return own
  const result: Props = {...globals}
  for (const [key, value] of Object.entries(own)) {
    const inherited = result[key]
    if (isRecord(inherited) && isRecord(value) && !isIntrinsicLike(value) && !isIntrinsicLike(inherited)) result[key] = mergeGlobals(inherited, value)
    else if (Array.isArray(inherited) && Array.isArray(value)) result[key] = [...inherited, ...value]
    else result[key] = value
  }
  return result
}

function isIntrinsicLike(value: Props): boolean {
  const keys = Object.keys(value)
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'))
}

/**
 * A locator for something generated from a SAM resource: `rename` maps the first segments of a
 * generated path to where SAM takes them from (`TracingConfig.Mode` → `Tracing`); values the
 * resource inherits from Globals are located in Globals.
 */
function samLocator(
  parsed: ParsedFile,
  template: Props,
  sam: ResourceDecl,
  globalsSection: string | undefined,
  rename: (path: PropPath) => PropPath | undefined,
  prefix: PropPath = [],
): Locator {
  const resources = template.Resources as Props
  return (path, scope = 'properties') => {
    if (scope === 'resource') return sam.locate(path, 'resource')
    const mapped = rename(path)
    if (mapped === undefined) return sam.locate(prefix, 'properties') ?? sam.locate([])
    const sourcePath = [...prefix, ...mapped]
    const ownProps = get(resources, sam.id, 'Properties')
    const first = sourcePath[0]
    if (globalsSection && first !== undefined && !(isRecord(ownProps) && String(first) in ownProps)) {
      const inGlobals = get(template, 'Globals', globalsSection, String(first))
      if (inGlobals !== undefined) return parsed.positions.locate(template, ['Globals', globalsSection, ...sourcePath])
    }
    return sam.locate(sourcePath)
  }
}

const FUNCTION_RENAMES: Record<string, PropPath> = {
  TracingConfig: ['Tracing'],
  DeadLetterConfig: ['DeadLetterQueue'],
  Code: ['CodeUri'],
  Role: ['Role'],
}

function renameFunctionPath(path: PropPath): PropPath {
  const head = String(path[0])
  if (head === 'TracingConfig') return ['Tracing']
  if (head === 'DeadLetterConfig') return ['DeadLetterQueue', ...path.slice(1)]
  const renamed = FUNCTION_RENAMES[head]
  return renamed ? [...renamed, ...path.slice(1)] : path
}

interface Expansion {
  parsed: ParsedFile
  template: Props
  out: ResourceDecl[]
}

/** Returns the declarations with every AWS::Serverless::* resource replaced by what SAM generates. */
export function expandSam(declared: ResourceDecl[], template: Props, parsed: ParsedFile): ResourceDecl[] {
  const expansion: Expansion = {parsed, template, out: []}
  const globals = isRecord(template.Globals) ? template.Globals : {}
  for (const decl of declared) {
    switch (decl.type) {
      case 'AWS::Serverless::Function':
        expandFunction(expansion, decl, mergeGlobals(globals.Function, decl.props))
        break
      case 'AWS::Serverless::StateMachine':
        expandStateMachine(expansion, decl, decl.props)
        break
      case 'AWS::Serverless::Api':
        expandRestApi(expansion, decl, mergeGlobals(globals.Api, decl.props), 'Api')
        break
      case 'AWS::Serverless::HttpApi':
        expandHttpApi(expansion, decl, mergeGlobals(globals.HttpApi, decl.props), 'HttpApi')
        break
      case 'AWS::Serverless::SimpleTable':
        expandSimpleTable(expansion, decl, mergeGlobals(globals.SimpleTable, decl.props))
        break
      case 'AWS::Serverless::LayerVersion':
        expansion.out.push({...decl, type: 'AWS::Lambda::LayerVersion', origin: {...decl.origin, declaredType: decl.type}})
        break
      case 'AWS::Serverless::Application':
        expansion.out.push({...decl, type: 'AWS::CloudFormation::Stack', origin: {...decl.origin, declaredType: decl.type}})
        break
      default:
        expansion.out.push(decl)
    }
  }
  addImplicitApis(expansion, globals)
  return expansion.out
}

/** A generated declaration that inherits its SAM parent's origin, metadata (suppressions) and conditions. */
function generated(parent: ResourceDecl, id: string, type: string, props: Props, locate: Locator, managed = false): ResourceDecl {
  return {
    id,
    type,
    props: stripUndefined(props),
    metadata: parent.metadata,
    condition: parent.condition,
    origin: {...parent.origin, declaredType: parent.origin.declaredType ?? parent.type},
    locate,
    managed,
  }
}

function stripUndefined(props: Props): Props {
  return Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined))
}

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
  'Tags',
  'PackageType',
  'ImageConfig',
  'FileSystemConfigs',
  'CodeSigningConfigArn',
]

function expandFunction(expansion: Expansion, decl: ResourceDecl, props: Props): void {
  const {parsed, template, out} = expansion
  const id = decl.id
  const fnLocate = samLocator(parsed, template, decl, 'Function', renameFunctionPath)
  const fnProps: Props = {}
  for (const key of FUNCTION_PASSTHROUGH) fnProps[key] = props[key]
  if (props.CodeUri !== undefined || props.InlineCode !== undefined) fnProps.Code = props.InlineCode !== undefined ? {ZipFile: props.InlineCode} : props.CodeUri
  if (props.ImageUri !== undefined) fnProps.Code = {ImageUri: props.ImageUri}
  if (props.Tracing !== undefined) fnProps.TracingConfig = {Mode: props.Tracing}
  const dlq = props.DeadLetterQueue
  if (isRecord(dlq)) fnProps.DeadLetterConfig = {TargetArn: dlq.TargetArn}
  const roleId = `${id}Role`
  const userRole = props.Role
  fnProps.Role = userRole ?? {'Fn::GetAtt': [roleId, 'Arn']}
  const fn = generated(decl, id, 'AWS::Lambda::Function', fnProps, fnLocate)
  out.push(fn)

  const events = isRecord(props.Events) ? props.Events : {}
  const eventTypes = new Set(Object.values(events).map((event) => get(event, 'Type')))
  if (userRole === undefined) {
    const managed: unknown[] = [SAM_MANAGED_POLICIES.basic]
    if (props.Tracing === 'Active') managed.push(SAM_MANAGED_POLICIES.xray)
    if (eventTypes.has('SQS')) managed.push(SAM_MANAGED_POLICIES.sqs)
    if (eventTypes.has('Kinesis')) managed.push(SAM_MANAGED_POLICIES.kinesis)
    if (eventTypes.has('DynamoDB')) managed.push(SAM_MANAGED_POLICIES.dynamodb)
    if (eventTypes.has('MSK')) managed.push(SAM_MANAGED_POLICIES.msk)
    out.push(samRole(expansion, decl, roleId, props, 'Function', 'lambda.amazonaws.com', managed))
  }

  for (const [eventName, event] of Object.entries(events)) {
    expandFunctionEvent(expansion, decl, eventName, event)
  }

  if (isRecord(props.EventInvokeConfig)) {
    const config = props.EventInvokeConfig
    const configLocate = samLocator(parsed, template, decl, 'Function', (path) => path, ['EventInvokeConfig'])
    const onFailure = get(config, 'DestinationConfig', 'OnFailure')
    let destination = get(onFailure, 'Destination')
    const destinationType = get(onFailure, 'Type')
    if (destination === undefined && (destinationType === 'SQS' || destinationType === 'SNS')) {
      // SAM creates the queue or topic itself when only the type is given.
      const generatedId = `${id}EventInvokeConfigOnFailure${destinationType === 'SQS' ? 'Queue' : 'Topic'}`
      out.push(generated(decl, generatedId, destinationType === 'SQS' ? 'AWS::SQS::Queue' : 'AWS::SNS::Topic', {}, configLocate))
      destination = destinationType === 'SQS' ? {'Fn::GetAtt': [generatedId, 'Arn']} : {Ref: generatedId}
    }
    const destinationConfig = isRecord(config.DestinationConfig)
      ? stripUndefined({
          OnFailure: onFailure === undefined ? undefined : {Destination: destination},
          OnSuccess: get(config, 'DestinationConfig', 'OnSuccess') === undefined ? undefined : {Destination: get(config, 'DestinationConfig', 'OnSuccess', 'Destination')},
        })
      : undefined
    out.push(
      generated(
        decl,
        `${id}EventInvokeConfig`,
        'AWS::Lambda::EventInvokeConfig',
        {
          FunctionName: {Ref: id},
          Qualifier: props.AutoPublishAlias ?? '$LATEST',
          MaximumEventAgeInSeconds: config.MaximumEventAgeInSeconds,
          MaximumRetryAttempts: config.MaximumRetryAttempts,
          DestinationConfig: destinationConfig,
        },
        configLocate,
      ),
    )
  }

  if (props.AutoPublishAlias !== undefined) {
    const aliasLocate = samLocator(parsed, template, decl, 'Function', () => [], ['AutoPublishAlias'])
    out.push(generated(decl, `${id}Version`, 'AWS::Lambda::Version', {FunctionName: {Ref: id}}, aliasLocate))
    out.push(
      generated(
        decl,
        `${id}Alias${String(props.AutoPublishAlias)}`,
        'AWS::Lambda::Alias',
        {FunctionName: {Ref: id}, FunctionVersion: {'Fn::GetAtt': [`${id}Version`, 'Version']}, Name: props.AutoPublishAlias, ProvisionedConcurrencyConfig: props.ProvisionedConcurrencyConfig},
        aliasLocate,
      ),
    )
  }

  if (isRecord(props.FunctionUrlConfig)) {
    const urlLocate = samLocator(parsed, template, decl, 'Function', (path) => path, ['FunctionUrlConfig'])
    const url = props.FunctionUrlConfig
    out.push(generated(decl, `${id}Url`, 'AWS::Lambda::Url', {AuthType: url.AuthType, Cors: url.Cors, InvokeMode: url.InvokeMode, TargetFunctionArn: {Ref: id}}, urlLocate))
    if (url.AuthType === 'NONE') {
      out.push(
        generated(
          decl,
          `${id}UrlPublicPermissions`,
          'AWS::Lambda::Permission',
          {Action: 'lambda:InvokeFunctionUrl', FunctionName: {Ref: id}, Principal: '*', FunctionUrlAuthType: 'NONE'},
          urlLocate,
          true,
        ),
      )
    }
  }
}

/** The execution role SAM generates, with the user's `Policies` turned into inline policies. */
function samRole(expansion: Expansion, decl: ResourceDecl, roleId: string, props: Props, globalsSection: string | undefined, principal: string, managed: unknown[]): ResourceDecl {
  const {parsed, template} = expansion
  const inline: Props[] = []
  // Maps an inline policy index of the generated role to the index of the user's Policies entry.
  const policySource: number[] = []
  const policies = props.Policies
  const entries = typeof policies === 'string' ? [policies] : asArray(policies)
  entries.forEach((entry, index) => {
    if (typeof entry === 'string') {
      managed.push(entry.startsWith('arn:') ? entry : `arn:aws:iam::aws:policy/${entry}`)
      return
    }
    if (isRecord(entry) && 'Statement' in entry) {
      inline.push({PolicyName: `${roleId}Policy${index}`, PolicyDocument: entry})
      policySource.push(index)
      return
    }
    if (isRecord(entry) && Object.keys(entry).length === 1) {
      const [name, parameters] = Object.entries(entry)[0]!
      if (name === 'Ref' || name.startsWith('Fn::')) {
        managed.push(entry)
        return
      }
      const statements = expandPolicyTemplate(name, parameters)
      if (statements) {
        inline.push({PolicyName: `${roleId}Policy${index}${name}`, PolicyDocument: {Version: '2012-10-17', Statement: statements}, PolicyTemplate: name})
        policySource.push(index)
      }
    }
  })
  const prefix: PropPath = typeof policies === 'string' ? [] : []
  const locate = samLocator(
    parsed,
    template,
    decl,
    globalsSection,
    (path) => {
      if (path[0] !== 'Policies' || typeof path[1] !== 'number') return ['Policies']
      const userIndex = policySource[path[1]]
      if (userIndex === undefined) return ['Policies']
      const inTemplate = typeof policies === 'string' ? [] : [userIndex]
      // Inline documents keep their shape below PolicyDocument; template expansions point at the template entry.
      if (path[2] === 'PolicyDocument' && !inline[path[1]]?.PolicyTemplate) return ['Policies', ...inTemplate, ...path.slice(3)]
      return ['Policies', ...inTemplate]
    },
    prefix,
  )
  return generated(
    decl,
    roleId,
    'AWS::IAM::Role',
    {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{Effect: 'Allow', Principal: {Service: [principal]}, Action: ['sts:AssumeRole']}],
      },
      ManagedPolicyArns: managed,
      Policies: inline.length > 0 ? inline.map(({PolicyName, PolicyDocument}) => ({PolicyName, PolicyDocument})) : undefined,
      PermissionsBoundary: props.PermissionsBoundary,
    },
    locate,
  )
}

function expandFunctionEvent(expansion: Expansion, decl: ResourceDecl, eventName: string, event: unknown): void {
  const {parsed, template, out} = expansion
  if (!isRecord(event)) return
  const id = decl.id
  const type = event.Type
  const p = isRecord(event.Properties) ? event.Properties : {}
  const generatedId = `${id}${eventName}`
  const fnRef = {Ref: id}
  const fnArn = {'Fn::GetAtt': [id, 'Arn']}
  const eventLocate = samLocator(parsed, template, decl, undefined, (path) => path, ['Events', eventName, 'Properties'])
  const permission = (principal: string, sourceArn: unknown, extra: Props = {}): void => {
    out.push(
      generated(decl, `${generatedId}Permission`, 'AWS::Lambda::Permission', {Action: 'lambda:InvokeFunction', FunctionName: fnRef, Principal: principal, SourceArn: sourceArn, ...extra}, eventLocate, true),
    )
  }
  switch (type) {
    case 'SQS':
    case 'Kinesis':
    case 'DynamoDB':
    case 'MSK':
    case 'MQ':
    case 'DocumentDB':
    case 'SelfManagedKafka': {
      const sourceKey = type === 'SQS' ? 'Queue' : type === 'MQ' ? 'Broker' : type === 'DocumentDB' ? 'Cluster' : 'Stream'
      const rename = (path: PropPath): PropPath => (path[0] === 'EventSourceArn' ? [sourceKey, ...path.slice(1)] : path)
      const esmProps: Props = {...p, FunctionName: fnRef, EventSourceArn: p[sourceKey]}
      delete esmProps[sourceKey]
      if (type === 'SelfManagedKafka') delete esmProps.EventSourceArn
      out.push(generated(decl, generatedId, 'AWS::Lambda::EventSourceMapping', esmProps, samLocator(parsed, template, decl, undefined, rename, ['Events', eventName, 'Properties'])))
      return
    }
    case 'SNS': {
      const subscription: Props = {
        Protocol: 'lambda',
        Endpoint: fnArn,
        TopicArn: p.Topic,
        FilterPolicy: p.FilterPolicy,
        FilterPolicyScope: p.FilterPolicyScope,
        Region: p.Region,
        RedrivePolicy: p.RedrivePolicy,
      }
      if (p.SqsSubscription === true || isRecord(p.SqsSubscription)) {
        // SAM puts a queue between the topic and the function; the function then polls that queue.
        const queueId = `${generatedId}Queue`
        out.push(generated(decl, queueId, 'AWS::SQS::Queue', {}, eventLocate))
        out.push(generated(decl, `${generatedId}EventSourceMapping`, 'AWS::Lambda::EventSourceMapping', {FunctionName: fnRef, EventSourceArn: {'Fn::GetAtt': [queueId, 'Arn']}, BatchSize: get(p.SqsSubscription, 'BatchSize')}, eventLocate))
        out.push(generated(decl, generatedId, 'AWS::SNS::Subscription', {...subscription, Protocol: 'sqs', Endpoint: {'Fn::GetAtt': [queueId, 'Arn']}}, eventLocate))
        return
      }
      out.push(generated(decl, generatedId, 'AWS::SNS::Subscription', subscription, samLocator(parsed, template, decl, undefined, (path) => (path[0] === 'TopicArn' ? ['Topic'] : path), ['Events', eventName, 'Properties'])))
      permission('sns.amazonaws.com', p.Topic)
      return
    }
    case 'S3':
      permission('s3.amazonaws.com', undefined, {SourceAccount: {Ref: 'AWS::AccountId'}})
      return
    case 'EventBridgeRule':
    case 'CloudWatchEvent':
    case 'Schedule': {
      let deadLetter = p.DeadLetterConfig
      if (isRecord(deadLetter) && deadLetter.Type === 'SQS' && deadLetter.Arn === undefined) {
        const queueId = `${generatedId}Queue`
        out.push(generated(decl, queueId, 'AWS::SQS::Queue', {}, eventLocate))
        deadLetter = {Arn: {'Fn::GetAtt': [queueId, 'Arn']}}
      }
      const target = stripUndefined({
        Arn: fnArn,
        Id: `${generatedId}LambdaTarget`,
        Input: p.Input,
        InputPath: p.InputPath,
        InputTransformer: p.InputTransformer,
        DeadLetterConfig: isRecord(deadLetter) ? {Arn: deadLetter.Arn} : undefined,
        RetryPolicy: p.RetryPolicy,
      })
      const rename = (path: PropPath): PropPath => (path[0] === 'Targets' ? path.slice(2) : path[0] === 'EventPattern' ? ['Pattern', ...path.slice(1)] : path[0] === 'ScheduleExpression' ? ['Schedule'] : path)
      const ruleProps: Props =
        type === 'Schedule'
          ? {ScheduleExpression: p.Schedule, State: p.Enabled === false ? 'DISABLED' : p.State ?? 'ENABLED', Name: p.Name, Description: p.Description, Targets: [target]}
          : {EventPattern: p.Pattern, EventBusName: p.EventBusName, State: p.State, Name: p.RuleName, Targets: [target]}
      out.push(generated(decl, generatedId, 'AWS::Events::Rule', ruleProps, samLocator(parsed, template, decl, undefined, rename, ['Events', eventName, 'Properties'])))
      permission('events.amazonaws.com', {'Fn::GetAtt': [generatedId, 'Arn']})
      return
    }
    case 'ScheduleV2': {
      const rename = (path: PropPath): PropPath => (path[0] === 'Target' ? path.slice(1) : path)
      out.push(
        generated(
          decl,
          generatedId,
          'AWS::Scheduler::Schedule',
          {
            ScheduleExpression: p.ScheduleExpression,
            FlexibleTimeWindow: p.FlexibleTimeWindow ?? {Mode: 'OFF'},
            State: p.State,
            GroupName: p.GroupName,
            Target: stripUndefined({Arn: fnArn, RoleArn: p.RoleArn ?? {'Fn::GetAtt': [`${generatedId}Role`, 'Arn']}, DeadLetterConfig: p.DeadLetterConfig, RetryPolicy: p.RetryPolicy, Input: p.Input}),
          },
          samLocator(parsed, template, decl, undefined, rename, ['Events', eventName, 'Properties']),
        ),
      )
      return
    }
    case 'Api': {
      const apiId = isRecord(p.RestApiId) || typeof p.RestApiId === 'string' ? p.RestApiId : {Ref: 'ServerlessRestApi'}
      const authorizer = get(p, 'Auth', 'Authorizer')
      out.push(
        generated(
          decl,
          `${generatedId}Method`,
          'AWS::ApiGateway::Method',
          {
            RestApiId: apiId,
            HttpMethod: typeof p.Method === 'string' ? p.Method.toUpperCase() : p.Method,
            ResourcePath: p.Path,
            AuthorizationType: authorizer === undefined ? undefined : authorizer === 'NONE' ? 'NONE' : authorizer === 'AWS_IAM' ? 'AWS_IAM' : 'CUSTOM',
            ApiKeyRequired: get(p, 'Auth', 'ApiKeyRequired'),
            RequestValidatorId: p.RequestModel === undefined && p.RequestParameters === undefined ? undefined : 'sam-request-validator',
            Integration: {Type: 'AWS_PROXY', Uri: fnArn, TimeoutInMillis: p.TimeoutInMillis},
            SamImplicitApi: isRecord(p.RestApiId) || typeof p.RestApiId === 'string' ? undefined : true,
          },
          eventLocate,
        ),
      )
      permission('apigateway.amazonaws.com', {'Fn::Sub': `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${refName(apiId)}}/*`})
      return
    }
    case 'HttpApi': {
      const apiId = p.ApiId ?? {Ref: 'ServerlessHttpApi'}
      const authorizer = get(p, 'Auth', 'Authorizer')
      out.push(
        generated(
          decl,
          `${generatedId}Route`,
          'AWS::ApiGatewayV2::Route',
          {
            ApiId: apiId,
            RouteKey: p.Method === undefined && p.Path === undefined ? '$default' : `${String(p.Method ?? 'ANY').toUpperCase()} ${String(p.Path ?? '/')}`,
            AuthorizationType: authorizer === undefined ? undefined : authorizer === 'NONE' ? 'NONE' : authorizer === 'AWS_IAM' ? 'AWS_IAM' : 'JWT',
            Target: fnArn,
            TimeoutInMillis: p.TimeoutInMillis,
            SamImplicitApi: p.ApiId === undefined ? true : undefined,
          },
          eventLocate,
        ),
      )
      permission('apigateway.amazonaws.com', undefined)
      return
    }
    case 'IoTRule':
      out.push(generated(decl, generatedId, 'AWS::IoT::TopicRule', {TopicRulePayload: {Sql: p.Sql, Actions: [{Lambda: {FunctionArn: fnArn}}]}}, eventLocate))
      permission('iot.amazonaws.com', {'Fn::GetAtt': [generatedId, 'Arn']}, {SourceAccount: {Ref: 'AWS::AccountId'}})
      return
    case 'CloudWatchLogs':
      out.push(generated(decl, generatedId, 'AWS::Logs::SubscriptionFilter', {LogGroupName: p.LogGroupName, FilterPattern: p.FilterPattern, DestinationArn: fnArn}, eventLocate))
      permission('logs.amazonaws.com', undefined)
      return
    case 'Cognito':
      permission('cognito-idp.amazonaws.com', undefined)
      return
    case 'AlexaSkill':
      permission('alexa-appkit.amazon.com', undefined, {EventSourceToken: p.SkillId})
      return
    default:
      return
  }
}

function refName(value: unknown): string {
  const ref = get(value, 'Ref')
  return typeof ref === 'string' ? ref : 'ServerlessRestApi'
}

function expandStateMachine(expansion: Expansion, decl: ResourceDecl, props: Props): void {
  const {parsed, template, out} = expansion
  const id = decl.id
  const rename = (path: PropPath): PropPath => {
    const head = String(path[0])
    if (head === 'TracingConfiguration') return ['Tracing', ...path.slice(1)]
    if (head === 'LoggingConfiguration') return ['Logging', ...path.slice(1)]
    if (head === 'StateMachineType') return ['Type']
    if (head === 'RoleArn') return ['Role']
    if (head === 'StateMachineName') return ['Name']
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
        DefinitionS3Location: props.DefinitionUri,
        DefinitionSubstitutions: props.DefinitionSubstitutions,
        LoggingConfiguration: props.Logging,
        TracingConfiguration: props.Tracing,
        StateMachineType: props.Type,
        StateMachineName: props.Name,
        RoleArn: props.Role ?? {'Fn::GetAtt': [roleId, 'Arn']},
        Tags: props.Tags,
      },
      samLocator(parsed, template, decl, undefined, rename),
    ),
  )
  if (props.Role === undefined) out.push(samRole(expansion, decl, roleId, props, undefined, 'states.amazonaws.com', []))
  const events = isRecord(props.Events) ? props.Events : {}
  for (const [eventName, event] of Object.entries(events)) {
    if (!isRecord(event)) continue
    const p = isRecord(event.Properties) ? event.Properties : {}
    const generatedId = `${id}${eventName}`
    if (event.Type === 'EventBridgeRule' || event.Type === 'CloudWatchEvent' || event.Type === 'Schedule') {
      const target = stripUndefined({Arn: {Ref: id}, Id: `${generatedId}StepFunctionsTarget`, RoleArn: {'Fn::GetAtt': [`${generatedId}Role`, 'Arn']}, DeadLetterConfig: p.DeadLetterConfig, RetryPolicy: p.RetryPolicy, Input: p.Input})
      const ruleProps: Props =
        event.Type === 'Schedule' ? {ScheduleExpression: p.Schedule, State: p.Enabled === false ? 'DISABLED' : 'ENABLED', Targets: [target]} : {EventPattern: p.Pattern, EventBusName: p.EventBusName, Targets: [target]}
      const rename = (path: PropPath): PropPath => (path[0] === 'Targets' ? path.slice(2) : path[0] === 'EventPattern' ? ['Pattern', ...path.slice(1)] : path)
      out.push(generated(decl, generatedId, 'AWS::Events::Rule', ruleProps, samLocator(parsed, template, decl, undefined, rename, ['Events', eventName, 'Properties'])))
    }
  }
}

function expandRestApi(expansion: Expansion, decl: ResourceDecl, props: Props, globalsSection: string): void {
  const {parsed, template, out} = expansion
  const id = decl.id
  const locate = samLocator(parsed, template, decl, globalsSection, (path) => path)
  out.push(
    generated(
      decl,
      id,
      'AWS::ApiGateway::RestApi',
      {Name: props.Name, Body: props.DefinitionBody, BodyS3Location: props.DefinitionUri, EndpointConfiguration: props.EndpointConfiguration, Auth: props.Auth, Cors: props.Cors},
      locate,
    ),
  )
  const stageName = props.StageName ?? 'Prod'
  out.push(
    generated(
      decl,
      `${id}${typeof stageName === 'string' ? stageName : 'Prod'}Stage`,
      'AWS::ApiGateway::Stage',
      {
        RestApiId: {Ref: id},
        StageName: stageName,
        TracingEnabled: props.TracingEnabled,
        AccessLogSetting: props.AccessLogSetting,
        MethodSettings: props.MethodSettings,
        Variables: props.Variables,
        CacheClusterEnabled: props.CacheClusterEnabled,
      },
      locate,
    ),
  )
}

function expandHttpApi(expansion: Expansion, decl: ResourceDecl, props: Props, globalsSection: string): void {
  const {parsed, template, out} = expansion
  const id = decl.id
  const locate = samLocator(parsed, template, decl, globalsSection, (path) => {
    if (path[0] === 'AccessLogSettings') return ['AccessLogSettings', ...path.slice(1)]
    if (path[0] === 'CorsConfiguration') return ['CorsConfiguration', ...path.slice(1)]
    return path
  })
  out.push(generated(decl, id, 'AWS::ApiGatewayV2::Api', {Name: props.Name, ProtocolType: 'HTTP', Body: props.DefinitionBody, CorsConfiguration: props.CorsConfiguration, Auth: props.Auth}, locate))
  out.push(
    generated(
      decl,
      `${id}ApiGatewayDefaultStage`,
      'AWS::ApiGatewayV2::Stage',
      {ApiId: {Ref: id}, StageName: props.StageName ?? '$default', AutoDeploy: true, AccessLogSettings: props.AccessLogSettings, DefaultRouteSettings: props.DefaultRouteSettings, RouteSettings: props.RouteSettings},
      locate,
    ),
  )
}

function expandSimpleTable(expansion: Expansion, decl: ResourceDecl, props: Props): void {
  const {parsed, template, out} = expansion
  const primaryKey = isRecord(props.PrimaryKey) ? props.PrimaryKey : {Name: 'id', Type: 'String'}
  const attributeType = primaryKey.Type === 'Number' ? 'N' : primaryKey.Type === 'Binary' ? 'B' : 'S'
  out.push(
    generated(
      decl,
      decl.id,
      'AWS::DynamoDB::Table',
      {
        TableName: props.TableName,
        AttributeDefinitions: [{AttributeName: primaryKey.Name, AttributeType: attributeType}],
        KeySchema: [{AttributeName: primaryKey.Name, KeyType: 'HASH'}],
        BillingMode: props.ProvisionedThroughput === undefined ? 'PAY_PER_REQUEST' : 'PROVISIONED',
        ProvisionedThroughput: props.ProvisionedThroughput,
        SSESpecification: props.SSESpecification,
        PointInTimeRecoverySpecification: props.PointInTimeRecoverySpecification,
        Tags: props.Tags,
      },
      samLocator(parsed, template, decl, 'SimpleTable', (path) => path),
    ),
  )
  const last = out[out.length - 1]!
  last.deletionPolicy = decl.deletionPolicy
  last.updateReplacePolicy = decl.updateReplacePolicy
}

/** SAM creates `ServerlessRestApi` / `ServerlessHttpApi` when a function has Api / HttpApi events without an explicit API. */
function addImplicitApis(expansion: Expansion, globals: Props): void {
  const {out} = expansion
  const implicit = (type: string): ResourceDecl | undefined => out.find((decl) => decl.type === type && decl.props.SamImplicitApi === true)
  const rest = implicit('AWS::ApiGateway::Method')
  if (rest && !out.some((decl) => decl.id === 'ServerlessRestApi')) {
    const parent: ResourceDecl = {...rest, id: 'ServerlessRestApi', type: 'AWS::Serverless::Api', props: {}}
    expandRestApi(expansion, parent, mergeGlobals(globals.Api, {}), 'Api')
  }
  const http = implicit('AWS::ApiGatewayV2::Route')
  if (http && !out.some((decl) => decl.id === 'ServerlessHttpApi')) {
    const parent: ResourceDecl = {...http, id: 'ServerlessHttpApi', type: 'AWS::Serverless::HttpApi', props: {}}
    expandHttpApi(expansion, parent, mergeGlobals(globals.HttpApi, {}), 'HttpApi')
  }
}
