// AWS::Serverless::Api: the REST API, its deployment and its stage.
import {isRecord} from '../intrinsics.js'
import type {ResourceDecl} from '../template.js'
import {logicalIdHash, type RestDomain, restDomain} from './domain.js'
import {type Expansion, generated, type Props, s3Location, samLocator} from './expansion.js'
import {isIntrinsicLike} from './globals.js'
import {withParameterDefaults} from './rest-swagger.js'

/** SAM's stage id: `{Api}{StageName}Stage` for an alphanumeric name, else the name's hash (none for an intrinsic). */
export function restStageLogicalId(apiId: string, stageName: unknown): string {
  const name = typeof stageName === 'string' ? stageName : ''
  if (/^[\p{L}\p{N}]+$/u.test(name)) return `${apiId}${name}Stage`
  return `${apiId}Stage${logicalIdHash(name)}`
}

/** Types of what a REST API generates that take Tags: PropagateTags gives each the API's tags. */
const TAGGABLE = new Set(['AWS::ApiGateway::RestApi', 'AWS::ApiGateway::Stage', 'AWS::ApiGateway::DomainName', 'AWS::ApiGateway::ApiKey', 'AWS::ApiGateway::UsagePlan'])

/** SAM's `get_tag_list`: the tags in the order written, a missing value as "". */
function restTags(tags: unknown): Props[] | undefined {
  if (!isRecord(tags) || isIntrinsicLike(tags)) return undefined
  return Object.entries(tags).map(([Key, Value]) => ({Key, Value: Value ?? ''}))
}

export function expandRestApi(expansion: Expansion, decl: ResourceDecl, props: Props): void {
  const {out} = expansion
  const start = out.length
  const id = decl.id
  const swagger = expansion.restSwaggers.get(id)
  const locate = samLocator(expansion, decl, 'Api', (path) => (path[0] === 'Body' ? ['DefinitionBody', ...path.slice(1)] : path[0] === 'BodyS3Location' ? ['DefinitionUri'] : path))
  out.push(
    generated(
      decl,
      id,
      'AWS::ApiGateway::RestApi',
      {
        Name: props.Name,
        Body: swagger?.body ?? props.DefinitionBody,
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
  const apiLocate = samLocator(expansion, decl, 'Api', () => [])
  const deploymentId = swagger?.deploymentId ?? `${id}Deployment`
  out.push(
    generated(decl, deploymentId, 'AWS::ApiGateway::Deployment', {RestApiId: {Ref: id}, Description: swagger?.description, StageName: props.OpenApiVersion === undefined ? 'Stage' : undefined}, apiLocate),
  )
  addDomainResources(expansion, decl, 'Api', restDomain(id, withParameterDefaults(expansion.template, props.Domain)))
  const stageName = props.StageName ?? 'Prod'
  const stageId = restStageLogicalId(id, stageName)
  out.push(
    generated(
      decl,
      stageId,
      'AWS::ApiGateway::Stage',
      {
        RestApiId: {Ref: id},
        DeploymentId: {Ref: deploymentId},
        StageName: stageName,
        TracingEnabled: props.TracingEnabled,
        AccessLogSetting: props.AccessLogSetting,
        MethodSettings: props.MethodSettings,
        Variables: props.Variables,
        CacheClusterEnabled: props.CacheClusterEnabled,
        CacheClusterSize: props.CacheClusterSize,
        CanarySetting: props.CanarySetting,
        Tags: restTags(props.Tags),
      },
      samLocator(expansion, decl, 'Api', (path) => (path[0] === 'RestApiId' ? [] : path)),
    ),
  )
  const auth = withParameterDefaults(expansion.template, props.Auth)
  if (isRecord(auth)) {
    addAuthorizerPermissions(expansion, decl, auth)
    addUsagePlan(expansion, decl, auth, stageId)
  }
  const tags = restTags(props.Tags)
  if (props.PropagateTags === true && tags) for (const generatedDecl of out.slice(start)) if (TAGGABLE.has(generatedDecl.type)) generatedDecl.props = {...generatedDecl.props, Tags: tags}
}

/** The permission SAM gives API Gateway to invoke each Lambda authorizer's function (unless DisableFunctionDefaultPermissions). */
function addAuthorizerPermissions(expansion: Expansion, decl: ResourceDecl, auth: Props): void {
  addLambdaAuthorizerPermissions(expansion, decl, auth, {section: 'Api', partition: 'aws', wanted: (authorizer) => authorizer.DisableFunctionDefaultPermissions !== true})
}

/**
 * A Lambda permission for API Gateway on each Lambda authorizer `wanted` selects: `{Api}{Authorizer}AuthorizerPermission`.
 * A REST API writes the region's partition (aws here), an HTTP API `${AWS::Partition}`.
 */
export function addLambdaAuthorizerPermissions(
  expansion: Expansion,
  decl: ResourceDecl,
  auth: unknown,
  {section, partition, wanted}: {section: string; partition: string; wanted: (authorizer: Props) => boolean},
): void {
  const authorizers = isRecord(auth) && isRecord(auth.Authorizers) ? auth.Authorizers : {}
  for (const [name, authorizer] of Object.entries(authorizers)) {
    if (!isRecord(authorizer) || !authorizer.FunctionArn || !wanted(authorizer)) continue
    expansion.out.push(
      generated(
        decl,
        `${decl.id}${name}AuthorizerPermission`,
        'AWS::Lambda::Permission',
        {
          Action: 'lambda:InvokeFunction',
          FunctionName: authorizer.FunctionArn,
          Principal: 'apigateway.amazonaws.com',
          SourceArn: {'Fn::Sub': [`arn:${partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${__ApiId__}/authorizers/*`, {__ApiId__: {Ref: decl.id}}]},
        },
        samLocator(expansion, decl, section, () => ['Auth', 'Authorizers', name, 'FunctionArn']),
        true,
      ),
    )
  }
}

/**
 * `Auth.UsagePlan`: a usage plan, API key and usage plan key for this API (PER_API), or one set every
 * API with SHARED joins (`ServerlessUsagePlan`).
 */
function addUsagePlan(expansion: Expansion, decl: ResourceDecl, auth: Props, stageId: string): void {
  const plan = auth.UsagePlan
  if (!isRecord(plan) || (plan.CreateUsagePlan !== 'PER_API' && plan.CreateUsagePlan !== 'SHARED')) return
  const {out} = expansion
  const shared = plan.CreateUsagePlan === 'SHARED'
  const planId = shared ? 'ServerlessUsagePlan' : `${decl.id}UsagePlan`
  const keyId = shared ? 'ServerlessApiKey' : `${decl.id}ApiKey`
  const locate = samLocator(expansion, decl, 'Api', () => ['Auth', 'UsagePlan'])
  const apiStage = {ApiId: {Ref: decl.id}, Stage: {Ref: stageId}}
  const stageKey = {RestApiId: {Ref: decl.id}, StageName: {Ref: stageId}}
  const settings: Props = {}
  for (const name of ['UsagePlanName', 'Description', 'Quota', 'Tags', 'Throttle']) if (plan[name]) settings[name] = plan[name]
  const existing = shared ? out.find((candidate) => candidate.id === planId && candidate.type === 'AWS::ApiGateway::UsagePlan') : undefined
  if (existing) {
    existing.props = {...existing.props, ...settings, ApiStages: [...(existing.props.ApiStages as Props[]), apiStage]}
    const key = out.find((candidate) => candidate.id === keyId)
    if (key) key.props = {...key.props, StageKeys: [...(key.props.StageKeys as Props[]), stageKey]}
    return
  }
  out.push(generated(decl, planId, 'AWS::ApiGateway::UsagePlan', {ApiStages: [apiStage], ...settings}, locate))
  out.push(generated(decl, keyId, 'AWS::ApiGateway::ApiKey', {Enabled: true, StageKeys: [stageKey]}, locate))
  out.push(generated(decl, shared ? 'ServerlessUsagePlanKey' : `${decl.id}UsagePlanKey`, 'AWS::ApiGateway::UsagePlanKey', {KeyId: {Ref: keyId}, KeyType: 'API_KEY', UsagePlanId: {Ref: planId}}, locate))
}

/** Adds what an API's custom domain generates; APIs whose domains share a hosted zone share one record set group. */
export function addDomainResources(expansion: Expansion, decl: ResourceDecl, section: string, domain: Omit<RestDomain, 'hashInput'> | undefined): void {
  if (!domain) return
  const {out} = expansion
  const locate = (source: string) => samLocator(expansion, decl, section, () => [source], ['Domain'])
  for (const resource of domain.resources) out.push(generated(decl, resource.id, resource.type, resource.props, locate(resource.source)))
  const group = domain.recordSetGroup
  if (!group) return
  const existing = out.find((candidate) => candidate.id === group.id && candidate.type === 'AWS::Route53::RecordSetGroup')
  if (existing) existing.props = {...existing.props, RecordSets: [...(existing.props.RecordSets as Props[]), ...group.recordSets]}
  else out.push(generated(decl, group.id, 'AWS::Route53::RecordSetGroup', {...group.props, RecordSets: group.recordSets}, locate('Route53')))
}
