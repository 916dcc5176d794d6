// Lambda: functions (ListFunctions already returns their configuration), event source mappings, and — only where they matter — resource policies, function URLs and event invoke configs.
import {
  type EventSourceMappingConfiguration,
  type FunctionConfiguration,
  type FunctionEventInvokeConfig,
  GetPolicyCommand,
  ListEventSourceMappingsCommand,
  ListFunctionEventInvokeConfigsCommand,
  ListFunctionsCommand,
  ListFunctionUrlConfigsCommand,
} from '@aws-sdk/client-lambda'

import {asArray, get, isRecord} from '../../model/intrinsics.js'
import {asyncPrincipal} from '../../model/relations.js'
import {dropUndefined, parseJsonText} from '../collection.js'
import {allPages, essential, perResource, type RegionContext} from '../context.js'
import {isNotFound} from '../errors.js'

export interface LambdaListing {
  /** Unqualified function ARNs listed in the region. */
  functions: string[]
}

/** Phase one: functions and event source mappings, which need no per-function call. */
export async function listLambda(context: RegionContext): Promise<LambdaListing> {
  const {region, accountId, collection, clients} = context
  const client = clients.get('lambda', region)
  const pages = await essential('lambda', 'ListFunctions', () =>
    allPages(
      (Marker) => client.send(new ListFunctionsCommand({Marker, MaxItems: 50})),
      (page) => page.NextMarker,
    ),
  )
  const functions: string[] = []
  for (const fn of pages.flatMap((page) => page.Functions ?? [])) {
    if (!fn.FunctionArn || !fn.FunctionName) continue
    // Lambda@Edge replicas are copies managed by CloudFront; their master function is audited in us-east-1.
    if (fn.MasterArn) continue
    functions.push(fn.FunctionArn)
    collection.add({arn: fn.FunctionArn, type: 'AWS::Lambda::Function', props: functionProps(fn), region, accountId, names: [fn.FunctionName], physicalIds: [fn.FunctionName]})
  }
  context.progress.update(region, 'lambda', `${functions.length} functions, reading event source mappings`)
  const mappings = await essential('lambda', 'ListEventSourceMappings', () =>
    allPages(
      (Marker) => client.send(new ListEventSourceMappingsCommand({Marker, MaxItems: 10000})),
      (page) => page.NextMarker,
    ),
  )
  for (const mapping of mappings.flatMap((page) => page.EventSourceMappings ?? [])) {
    if (!mapping.UUID || !mapping.FunctionArn) continue
    const arn = mapping.EventSourceMappingArn ?? `arn:${context.partition}:lambda:${region}:${accountId}:event-source-mapping:${mapping.UUID}`
    collection.add({
      arn,
      type: 'AWS::Lambda::EventSourceMapping',
      props: eventSourceMappingProps(mapping),
      region,
      accountId,
      physicalIds: [mapping.UUID],
      parent: unqualified(mapping.FunctionArn),
    })
  }
  return {functions}
}

/**
 * Resource policies of the functions nothing else explains (each statement an AWS::Lambda::Permission).
 * Returns the functions a policy shows to be invoked asynchronously (S3, SNS, EventBridge…).
 */
export async function readPolicies(context: RegionContext, functionArns: string[]): Promise<{policies: number; asyncFunctions: string[]}> {
  const {region, accountId, collection, clients} = context
  const client = clients.get('lambda', region)
  const asyncFunctions: string[] = []
  let policyCount = 0
  let done = 0
  await Promise.all(
    functionArns.map(async (functionArn) => {
      const policy = await perResource(context, 'lambda', 'GetPolicy', async () => {
        try {
          return await client.send(new GetPolicyCommand({FunctionName: functionArn}))
        } catch (error) {
          // A function nobody was granted access to has no policy at all.
          if (isNotFound(error)) return {Policy: undefined}
          throw error
        }
      })
      done++
      if (done % 25 === 0) context.progress.update(region, 'lambda', `resource policies ${done}/${functionArns.length}`)
      if (!policy?.Policy) return
      policyCount++
      const permissions = permissionsOf(policy.Policy, functionArn)
      for (const permission of permissions) {
        collection.add({
          id: `${functionArn}#permission/${permission.sid}`,
          arn: functionArn,
          type: 'AWS::Lambda::Permission',
          props: permission.props,
          region,
          accountId,
          physicalIds: [permission.sid],
          parent: functionArn,
        })
        if (asyncPrincipal(permission.props.Principal) !== undefined && !asyncFunctions.includes(functionArn)) asyncFunctions.push(functionArn)
      }
      // A permission for URL callers is judged by the URL it serves: read the URLs of those functions only.
      if (permissions.some((permission) => permission.props.FunctionUrlAuthType !== undefined || permission.props.InvokedViaFunctionUrl !== undefined)) await readFunctionUrls(context, functionArn)
    }),
  )
  return {policies: policyCount, asyncFunctions}
}

/** The URLs of one function (and of its aliases), as AWS::Lambda::Url. */
async function readFunctionUrls(context: RegionContext, functionArn: string): Promise<void> {
  const {region, accountId, collection, clients} = context
  const client = clients.get('lambda', region)
  const pages = await perResource(context, 'lambda', 'ListFunctionUrlConfigs', () =>
    allPages(
      (Marker) => client.send(new ListFunctionUrlConfigsCommand({FunctionName: functionArn, Marker, MaxItems: 50})),
      (page) => page.NextMarker,
    ),
  )
  // Without its URLs, the permissions they need would look like permissions for anyone.
  if (pages === undefined) collection.markIncomplete(functionArn)
  for (const url of (pages ?? []).flatMap((page) => page.FunctionUrlConfigs ?? [])) {
    if (!url.FunctionUrl || !url.FunctionArn) continue
    collection.add({
      id: `${url.FunctionArn}#url`,
      arn: url.FunctionArn,
      type: 'AWS::Lambda::Url',
      props: dropUndefined({TargetFunctionArn: url.FunctionArn, AuthType: url.AuthType, InvokeMode: url.InvokeMode}),
      region,
      accountId,
      aliases: [url.FunctionUrl],
      parent: unqualified(url.FunctionArn),
    })
  }
}

/** The event invoke configs of one asynchronously invoked function (destinations and retry limits); returns how many it has. */
export async function readInvokeConfigs(context: RegionContext, functionArn: string): Promise<number> {
  const {region, accountId, collection, clients} = context
  const client = clients.get('lambda', region)
  const pages = await perResource(context, 'lambda', 'ListFunctionEventInvokeConfigs', () =>
    allPages(
      (Marker) => client.send(new ListFunctionEventInvokeConfigsCommand({FunctionName: functionArn, Marker, MaxItems: 50})),
      (page) => page.NextMarker,
    ),
  )
  // Without its event invoke config an async function could look like it has no failure destination.
  if (pages === undefined) collection.markIncomplete(functionArn)
  let count = 0
  for (const config of (pages ?? []).flatMap((page) => page.FunctionEventInvokeConfigs ?? [])) {
    if (!config.FunctionArn) continue
    count++
    collection.add({
      id: `${config.FunctionArn}#event-invoke-config`,
      arn: config.FunctionArn,
      type: 'AWS::Lambda::EventInvokeConfig',
      props: eventInvokeConfigProps(config),
      region,
      accountId,
      parent: unqualified(config.FunctionArn),
    })
  }
  return count
}

/** A function's configuration in AWS::Lambda::Function's shape. */
export function functionProps(fn: FunctionConfiguration): Record<string, unknown> {
  return dropUndefined({
    FunctionName: fn.FunctionName,
    Description: fn.Description || undefined,
    Runtime: fn.Runtime,
    Handler: fn.Handler,
    Role: fn.Role,
    MemorySize: fn.MemorySize,
    Timeout: fn.Timeout,
    PackageType: fn.PackageType,
    Architectures: fn.Architectures,
    Environment: fn.Environment?.Variables ? {Variables: {...fn.Environment.Variables}} : undefined,
    TracingConfig: fn.TracingConfig?.Mode ? {Mode: fn.TracingConfig.Mode} : undefined,
    DeadLetterConfig: fn.DeadLetterConfig?.TargetArn ? {TargetArn: fn.DeadLetterConfig.TargetArn} : undefined,
    KmsKeyArn: fn.KMSKeyArn,
    Layers: fn.Layers?.length ? fn.Layers.map((layer) => layer.Arn).filter(Boolean) : undefined,
    VpcConfig:
      fn.VpcConfig && (fn.VpcConfig.SubnetIds?.length || fn.VpcConfig.SecurityGroupIds?.length)
        ? dropUndefined({SubnetIds: fn.VpcConfig.SubnetIds, SecurityGroupIds: fn.VpcConfig.SecurityGroupIds, Ipv6AllowedForDualStack: fn.VpcConfig.Ipv6AllowedForDualStack})
        : undefined,
    EphemeralStorage: fn.EphemeralStorage?.Size ? {Size: fn.EphemeralStorage.Size} : undefined,
    SnapStart: fn.SnapStart?.ApplyOn ? {ApplyOn: fn.SnapStart.ApplyOn} : undefined,
    LoggingConfig: fn.LoggingConfig
      ? dropUndefined({
          LogFormat: fn.LoggingConfig.LogFormat,
          ApplicationLogLevel: fn.LoggingConfig.ApplicationLogLevel,
          SystemLogLevel: fn.LoggingConfig.SystemLogLevel,
          LogGroup: fn.LoggingConfig.LogGroup,
        })
      : undefined,
    FileSystemConfigs: fn.FileSystemConfigs?.length ? fn.FileSystemConfigs.map((config) => ({Arn: config.Arn, LocalMountPath: config.LocalMountPath})) : undefined,
    ImageConfig: fn.ImageConfigResponse?.ImageConfig,
  })
}

/** An event source mapping in AWS::Lambda::EventSourceMapping's shape; FunctionName is the function's ARN so it resolves live. */
export function eventSourceMappingProps(mapping: EventSourceMappingConfiguration): Record<string, unknown> {
  const onFailure = mapping.DestinationConfig?.OnFailure?.Destination
  return dropUndefined({
    FunctionName: mapping.FunctionArn,
    EventSourceArn: mapping.EventSourceArn,
    Enabled: mapping.State === undefined ? undefined : !['Disabled', 'Disabling'].includes(mapping.State),
    BatchSize: mapping.BatchSize,
    MaximumBatchingWindowInSeconds: mapping.MaximumBatchingWindowInSeconds,
    ParallelizationFactor: mapping.ParallelizationFactor,
    StartingPosition: mapping.StartingPosition,
    MaximumRecordAgeInSeconds: mapping.MaximumRecordAgeInSeconds,
    MaximumRetryAttempts: mapping.MaximumRetryAttempts,
    BisectBatchOnFunctionError: mapping.BisectBatchOnFunctionError,
    TumblingWindowInSeconds: mapping.TumblingWindowInSeconds,
    FunctionResponseTypes: mapping.FunctionResponseTypes?.length ? [...mapping.FunctionResponseTypes] : undefined,
    DestinationConfig: onFailure ? {OnFailure: {Destination: onFailure}} : undefined,
    ScalingConfig: mapping.ScalingConfig?.MaximumConcurrency ? {MaximumConcurrency: mapping.ScalingConfig.MaximumConcurrency} : undefined,
    FilterCriteria: mapping.FilterCriteria?.Filters?.length ? {Filters: mapping.FilterCriteria.Filters.map((filter) => ({Pattern: filter.Pattern}))} : undefined,
    Queues: mapping.Queues,
    Topics: mapping.Topics,
  })
}

export function eventInvokeConfigProps(config: FunctionEventInvokeConfig): Record<string, unknown> {
  const arn = config.FunctionArn ?? ''
  const qualifier = arn.split(':').length === 8 ? arn.split(':')[7] : '$LATEST'
  const onFailure = config.DestinationConfig?.OnFailure?.Destination
  const onSuccess = config.DestinationConfig?.OnSuccess?.Destination
  return dropUndefined({
    FunctionName: unqualified(arn),
    Qualifier: qualifier,
    MaximumRetryAttempts: config.MaximumRetryAttempts,
    MaximumEventAgeInSeconds: config.MaximumEventAgeInSeconds,
    DestinationConfig: onFailure || onSuccess ? dropUndefined({OnFailure: onFailure ? {Destination: onFailure} : undefined, OnSuccess: onSuccess ? {Destination: onSuccess} : undefined}) : undefined,
  })
}

/** The statements of a function's resource policy, each as an AWS::Lambda::Permission. */
export function permissionsOf(policyText: string, functionArn: string): Array<{sid: string; props: Record<string, unknown>}> {
  const policy = parseJsonText(policyText)
  return asArray(get(policy, 'Statement')).flatMap((statement, index) => {
    if (!isRecord(statement) || statement.Effect !== 'Allow') return []
    const principal = statement.Principal
    const principalText = principal === '*' ? '*' : typeof principal === 'string' ? principal : (first(get(principal, 'Service')) ?? first(get(principal, 'AWS')) ?? first(get(principal, 'Federated')))
    const condition = isRecord(statement.Condition) ? statement.Condition : {}
    const conditionValue = (key: string): string | undefined => {
      for (const operator of Object.values(condition)) {
        if (!isRecord(operator)) continue
        for (const [name, value] of Object.entries(operator)) if (name.toLowerCase() === key.toLowerCase()) return first(value)
      }
      return undefined
    }
    const action = first(statement.Action)
    return [
      {
        sid: typeof statement.Sid === 'string' ? statement.Sid : `statement-${index}`,
        props: dropUndefined({
          FunctionName: functionArn,
          Action: action,
          Principal: principalText,
          SourceArn: conditionValue('AWS:SourceArn'),
          SourceAccount: conditionValue('AWS:SourceAccount'),
          PrincipalOrgID: conditionValue('aws:PrincipalOrgID'),
          FunctionUrlAuthType: conditionValue('lambda:FunctionUrlAuthType'),
          InvokedViaFunctionUrl: conditionValue('lambda:InvokedViaFunctionUrl')?.toLowerCase() === 'true' ? true : undefined,
          EventSourceToken: conditionValue('lambda:EventSourceToken'),
        }),
      },
    ]
  })
}

function first(value: unknown): string | undefined {
  const item = asArray(value)[0]
  return typeof item === 'string' ? item : undefined
}

/** A function ARN without its version or alias qualifier. */
export function unqualified(arn: string): string {
  const parts = arn.split(':')
  return parts.length === 8 && parts[2] === 'lambda' ? parts.slice(0, 7).join(':') : arn
}
