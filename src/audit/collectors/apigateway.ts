// API Gateway: REST APIs with stages and methods, HTTP and WebSocket APIs with stages, routes and integrations, in CloudFormation's shape.
import {GetResourcesCommand, GetRestApisCommand, GetStagesCommand, type MethodSetting, type RestApi, type Stage} from '@aws-sdk/client-api-gateway'
import {type Api, GetApisCommand, GetIntegrationsCommand, GetRoutesCommand, GetStagesCommand as GetV2StagesCommand, type Integration, type Route, type Stage as V2Stage} from '@aws-sdk/client-apigatewayv2'

import {dropUndefined} from '../collection.js'
import {allPages, essential, perResource, type RegionContext} from '../context.js'
import {isNotFound} from '../errors.js'

/** The Lambda function ARN an integration URI invokes, if any. */
export function integratedFunction(uri: string | undefined): string | undefined {
  if (!uri) return undefined
  if (uri.startsWith('arn:') && uri.split(':')[2] === 'lambda') return uri
  return /\/functions\/(arn:[^/]+)\/invocations/.exec(uri)?.[1]
}

export async function listRestApis(context: RegionContext): Promise<RestApi[]> {
  const client = context.clients.get('apigateway', context.region)
  const pages = await essential('apigateway', 'GetRestApis', () =>
    allPages(
      (position) => client.send(new GetRestApisCommand({position, limit: 500})),
      (page) => page.position,
    ),
  )
  return pages.flatMap((page) => page.items ?? []).filter((api) => api.id)
}

/** Stages and methods of each REST API; returns the functions the APIs invoke. */
export async function detailRestApis(context: RegionContext, apis: RestApi[]): Promise<Set<string>> {
  const {region, accountId, collection, partition} = context
  const client = context.clients.get('apigateway', region)
  const invoked = new Set<string>()
  const wanted = apis.filter((api) => context.wanted('AWS::ApiGateway::RestApi', [api.id!]))
  await Promise.all(
    wanted.map(async (api) => {
      const apiArn = `arn:${partition}:apigateway:${region}::/restapis/${api.id}`
      const [stages, resources] = await Promise.all([
        perResource(context, 'apigateway', 'GetStages', () => orEmpty(() => client.send(new GetStagesCommand({restApiId: api.id})).then((result) => result.item ?? []))),
        perResource(context, 'apigateway', 'GetResources', () =>
          orEmpty(() =>
            allPages(
              (position) => client.send(new GetResourcesCommand({restApiId: api.id, embed: ['methods'], position, limit: 500})),
              (page) => page.position,
            ).then((pages) => pages.flatMap((page) => page.items ?? [])),
          ),
        ),
      ])
      collection.add({
        arn: apiArn,
        type: 'AWS::ApiGateway::RestApi',
        props: dropUndefined({
          Name: api.name,
          Description: api.description || undefined,
          EndpointConfiguration: api.endpointConfiguration?.types ? {Types: api.endpointConfiguration.types} : undefined,
          Policy: api.policy ? parseEscapedJson(api.policy) : undefined,
          ApiKeySourceType: api.apiKeySource,
          DisableExecuteApiEndpoint: api.disableExecuteApiEndpoint,
          MinimumCompressionSize: api.minimumCompressionSize,
        }),
        region,
        accountId,
        aliases: [api.id!],
        names: api.name ? [api.name] : [],
        physicalIds: [api.id!],
      })
      for (const stage of stages ?? []) {
        if (!stage.stageName) continue
        collection.add({
          arn: `${apiArn}/stages/${stage.stageName}`,
          type: 'AWS::ApiGateway::Stage',
          props: restStageProps(api.id!, stage),
          region,
          accountId,
          physicalIds: [stage.stageName],
          parent: apiArn,
        })
      }
      for (const resource of resources ?? []) {
        for (const [httpMethod, method] of Object.entries(resource.resourceMethods ?? {})) {
          const functionArn = integratedFunction(method.methodIntegration?.uri)
          if (functionArn) invoked.add(functionArn)
          collection.add({
            arn: `${apiArn}/resources/${resource.id}/methods/${httpMethod}`,
            type: 'AWS::ApiGateway::Method',
            props: dropUndefined({
              RestApiId: api.id,
              ResourceId: resource.id,
              ResourcePath: resource.path,
              HttpMethod: method.httpMethod ?? httpMethod,
              AuthorizationType: method.authorizationType,
              AuthorizerId: method.authorizerId,
              ApiKeyRequired: method.apiKeyRequired,
              RequestValidatorId: method.requestValidatorId,
              OperationName: method.operationName,
              Integration: method.methodIntegration
                ? dropUndefined({Type: method.methodIntegration.type, Uri: method.methodIntegration.uri, IntegrationHttpMethod: method.methodIntegration.httpMethod})
                : undefined,
            }),
            region,
            accountId,
            parent: apiArn,
          })
        }
      }
    }),
  )
  return invoked
}

/** A REST stage in AWS::ApiGateway::Stage's shape: the method settings map ("~1orders/GET") becomes a list. */
export function restStageProps(restApiId: string, stage: Stage): Record<string, unknown> {
  return dropUndefined({
    RestApiId: restApiId,
    StageName: stage.stageName,
    DeploymentId: stage.deploymentId,
    Description: stage.description || undefined,
    TracingEnabled: stage.tracingEnabled === true,
    AccessLogSetting: stage.accessLogSettings ? dropUndefined({DestinationArn: stage.accessLogSettings.destinationArn, Format: stage.accessLogSettings.format}) : undefined,
    MethodSettings: stage.methodSettings && Object.keys(stage.methodSettings).length > 0 ? Object.entries(stage.methodSettings).map(([key, setting]) => methodSetting(key, setting)) : undefined,
    CacheClusterEnabled: stage.cacheClusterEnabled,
    ClientCertificateId: stage.clientCertificateId,
    Variables: stage.variables && Object.keys(stage.variables).length > 0 ? stage.variables : undefined,
    WebAclArn: stage.webAclArn,
  })
}

function methodSetting(key: string, setting: MethodSetting): Record<string, unknown> {
  const slash = key.lastIndexOf('/')
  const path = key.slice(0, slash)
  return dropUndefined({
    ResourcePath: path === '*' ? '/*' : path.replace(/~1/g, '/'),
    HttpMethod: key.slice(slash + 1),
    LoggingLevel: setting.loggingLevel,
    MetricsEnabled: setting.metricsEnabled,
    DataTraceEnabled: setting.dataTraceEnabled,
    ThrottlingBurstLimit: setting.throttlingBurstLimit,
    ThrottlingRateLimit: setting.throttlingRateLimit,
    CachingEnabled: setting.cachingEnabled,
    CacheTtlInSeconds: setting.cacheTtlInSeconds,
    CacheDataEncrypted: setting.cacheDataEncrypted,
  })
}

export async function listHttpApis(context: RegionContext): Promise<Api[]> {
  const client = context.clients.get('apigatewayv2', context.region)
  const pages = await essential('apigatewayv2', 'GetApis', () =>
    allPages(
      (NextToken) => client.send(new GetApisCommand({NextToken, MaxResults: '500'})),
      (page) => page.NextToken,
    ),
  )
  return pages.flatMap((page) => page.Items ?? []).filter((api) => api.ApiId)
}

/** Stages, routes and integrations of each HTTP or WebSocket API; returns the functions they invoke. */
export async function detailHttpApis(context: RegionContext, apis: Api[]): Promise<Set<string>> {
  const {region, accountId, collection, partition} = context
  const client = context.clients.get('apigatewayv2', region)
  const invoked = new Set<string>()
  const wanted = apis.filter((api) => context.wanted('AWS::ApiGatewayV2::Api', [api.ApiId!]))
  const pagesOf = <T>(operation: string, fetch: (token: string | undefined) => Promise<{Items?: T[]; NextToken?: string}>) =>
    perResource(context, 'apigatewayv2', operation, () => orEmpty(() => allPages(fetch, (page) => page.NextToken).then((pages) => pages.flatMap((page) => page.Items ?? []))))
  await Promise.all(
    wanted.map(async (api) => {
      const apiArn = `arn:${partition}:apigateway:${region}::/apis/${api.ApiId}`
      const [stages, routes, integrations] = await Promise.all([
        pagesOf<V2Stage>('GetStages', (NextToken) => client.send(new GetV2StagesCommand({ApiId: api.ApiId, NextToken, MaxResults: '500'}))),
        pagesOf<Route>('GetRoutes', (NextToken) => client.send(new GetRoutesCommand({ApiId: api.ApiId, NextToken, MaxResults: '500'}))),
        pagesOf<Integration>('GetIntegrations', (NextToken) => client.send(new GetIntegrationsCommand({ApiId: api.ApiId, NextToken, MaxResults: '500'}))),
      ])
      collection.add({
        arn: apiArn,
        type: 'AWS::ApiGatewayV2::Api',
        props: dropUndefined({
          Name: api.Name,
          ProtocolType: api.ProtocolType,
          Description: api.Description || undefined,
          DisableExecuteApiEndpoint: api.DisableExecuteApiEndpoint,
          RouteSelectionExpression: api.RouteSelectionExpression,
        }),
        region,
        accountId,
        aliases: [api.ApiId!],
        names: api.Name ? [api.Name] : [],
        physicalIds: [api.ApiId!],
      })
      for (const stage of stages ?? []) {
        if (!stage.StageName) continue
        collection.add({
          arn: `${apiArn}/stages/${stage.StageName}`,
          type: 'AWS::ApiGatewayV2::Stage',
          props: dropUndefined({
            ApiId: api.ApiId,
            StageName: stage.StageName,
            AutoDeploy: stage.AutoDeploy,
            AccessLogSettings: stage.AccessLogSettings ? dropUndefined({DestinationArn: stage.AccessLogSettings.DestinationArn, Format: stage.AccessLogSettings.Format}) : undefined,
            DefaultRouteSettings: stage.DefaultRouteSettings ? dropUndefined({...stage.DefaultRouteSettings}) : undefined,
            RouteSettings: stage.RouteSettings && Object.keys(stage.RouteSettings).length > 0 ? stage.RouteSettings : undefined,
            StageVariables: stage.StageVariables && Object.keys(stage.StageVariables).length > 0 ? stage.StageVariables : undefined,
          }),
          region,
          accountId,
          physicalIds: [stage.StageName],
          parent: apiArn,
        })
      }
      for (const route of routes ?? []) {
        if (!route.RouteId) continue
        collection.add({
          arn: `${apiArn}/routes/${route.RouteId}`,
          type: 'AWS::ApiGatewayV2::Route',
          props: dropUndefined({
            ApiId: api.ApiId,
            RouteKey: route.RouteKey,
            AuthorizationType: route.AuthorizationType,
            AuthorizerId: route.AuthorizerId,
            ApiKeyRequired: route.ApiKeyRequired,
            Target: route.Target,
          }),
          region,
          accountId,
          physicalIds: [route.RouteId],
          parent: apiArn,
        })
      }
      for (const integration of integrations ?? []) {
        if (!integration.IntegrationId) continue
        const functionArn = integratedFunction(integration.IntegrationUri)
        if (functionArn) invoked.add(functionArn)
        collection.add({
          arn: `${apiArn}/integrations/${integration.IntegrationId}`,
          type: 'AWS::ApiGatewayV2::Integration',
          props: dropUndefined({
            ApiId: api.ApiId,
            IntegrationType: integration.IntegrationType,
            IntegrationUri: integration.IntegrationUri,
            PayloadFormatVersion: integration.PayloadFormatVersion,
          }),
          region,
          accountId,
          physicalIds: [integration.IntegrationId],
          parent: apiArn,
        })
      }
    }),
  )
  return invoked
}

async function orEmpty<T>(call: () => Promise<T[]>): Promise<T[]> {
  try {
    return await call()
  } catch (error) {
    if (isNotFound(error)) return []
    throw error
  }
}

/** REST API policies come back as JSON with escaped quotes ("{\"Version\":…}"). */
function parseEscapedJson(text: string): unknown {
  for (const candidate of [text, text.replace(/\\"/g, '"').replace(/\\\//g, '/')]) {
    try {
      return JSON.parse(candidate)
    } catch {
      // try the next form
    }
  }
  return text
}
