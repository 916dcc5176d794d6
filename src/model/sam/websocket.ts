// AWS::Serverless::WebSocketApi: the WebSocket API, a route, integration and permission per route, its stage, authorizer and domain.
import {isRecord} from '../intrinsics.js'
import type {ResourceDecl} from '../template.js'
import {addDomainResources} from './api.js'
import {apiV2Domain} from './domain.js'
import {type Expansion, generated, type Props, samLocator} from './expansion.js'
import {withParameterDefaults} from './rest-swagger.js'

const TAG = 'websocketapi:createdBy'

/** SAM's name for a route in logical ids: `$connect` → `Connect`, `sendMessage` → `Sendmessage`. */
function routeName(routeKey: string): string {
  const key = routeKey.startsWith('$') ? routeKey.slice(1) : routeKey
  return key.charAt(0).toUpperCase() + key.slice(1).toLowerCase()
}

export function expandWebSocketApi(expansion: Expansion, decl: ResourceDecl, props: Props): void {
  const {out} = expansion
  const id = decl.id
  const at = (...path: string[]) => samLocator(expansion, decl, 'WebSocketApi', () => path)
  const tags = {...(isRecord(props.Tags) ? props.Tags : {}), [TAG]: 'SAM'}
  out.push(
    generated(
      decl,
      id,
      'AWS::ApiGatewayV2::Api',
      {
        Name: props.Name ?? id,
        ProtocolType: 'WEBSOCKET',
        RouteSelectionExpression: props.RouteSelectionExpression,
        ApiKeySelectionExpression: props.ApiKeySelectionExpression,
        Description: props.Description,
        DisableExecuteApiEndpoint: props.DisableExecuteApiEndpoint,
        DisableSchemaValidation: props.DisableSchemaValidation,
        IpAddressType: props.IpAddressType,
        Tags: tags,
      },
      samLocator(expansion, decl, 'WebSocketApi', (path) => path),
    ),
  )
  addDomainResources(expansion, decl, 'WebSocketApi', apiV2Domain(id, withParameterDefaults(expansion.template, props.Domain), TAG))
  const stageName = props.StageName ?? 'default'
  const auth = isRecord(props.Auth) ? props.Auth : undefined
  const authType = typeof auth?.AuthType === 'string' ? auth.AuthType.toUpperCase() : undefined
  const routes = isRecord(props.Routes) ? props.Routes : {}
  let authorizerId: string | undefined
  for (const [routeKey, spec] of Object.entries(routes)) {
    if (!isRecord(spec)) continue
    const base = `${id}${routeName(routeKey)}`
    const route: Props = {
      ApiId: {Ref: id},
      RouteKey: routeKey,
      ApiKeyRequired: spec.ApiKeyRequired,
      ModelSelectionExpression: spec.ModelSelectionExpression,
      OperationName: spec.OperationName,
      RequestModels: spec.RequestModels,
      RequestParameters: routeKey === '$connect' ? spec.RequestParameters : undefined,
      RouteResponseSelectionExpression: spec.RouteResponseSelectionExpression,
      Target: {'Fn::Join': ['/', ['integrations', {Ref: `${base}Integration`}]]},
    }
    if (routeKey === '$connect' && authType !== undefined) {
      route.AuthorizationType = authType
      if (authType === 'CUSTOM' && auth?.AuthArn) {
        authorizerId = `${id}ConnectAuthorizer`
        route.AuthorizerId = {Ref: authorizerId}
      }
    }
    const routeLocate = at('Routes', routeKey)
    out.push(generated(decl, `${base}Route`, 'AWS::ApiGatewayV2::Route', route, routeLocate))
    out.push(
      generated(
        decl,
        `${base}Integration`,
        'AWS::ApiGatewayV2::Integration',
        {
          ApiId: {Ref: id},
          IntegrationType: 'AWS_PROXY',
          IntegrationUri: {'Fn::Sub': ['arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${FunctionArn}/invocations', {FunctionArn: spec.FunctionArn}]},
          TimeoutInMillis: spec.IntegrationTimeout,
        },
        routeLocate,
      ),
    )
    const sourceArn =
      typeof stageName === 'string'
        ? {'Fn::Sub': `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${id}.ApiId}/${stageName}/${routeKey}`}
        : {'Fn::Sub': [`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${id}.ApiId}/\${__StageName__}/${routeKey}`, {__StageName__: stageName}]}
    out.push(
      generated(
        decl,
        `${base}Permission`,
        'AWS::Lambda::Permission',
        {Action: 'lambda:InvokeFunction', FunctionName: spec.FunctionArn, Principal: 'apigateway.amazonaws.com', SourceArn: sourceArn},
        routeLocate,
        true,
      ),
    )
  }
  const stage = generated(
    decl,
    stageName === 'default' ? `${id}DefaultStage` : `${id}${typeof stageName === 'string' ? stageName : ''}Stage`,
    'AWS::ApiGatewayV2::Stage',
    {
      ApiId: {Ref: id},
      StageName: stageName,
      StageVariables: props.StageVariables,
      AccessLogSettings: props.AccessLogSettings,
      DefaultRouteSettings: props.DefaultRouteSettings,
      RouteSettings: props.RouteSettings,
      AutoDeploy: true,
      Tags: {[TAG]: 'SAM'},
    },
    samLocator(expansion, decl, 'WebSocketApi', (path) => (path[0] === 'ApiId' ? [] : path)),
  )
  out.push(stage)
  if (authorizerId !== undefined && auth) {
    out.push(
      generated(
        decl,
        authorizerId,
        'AWS::ApiGatewayV2::Authorizer',
        {
          ApiId: {Ref: id},
          AuthorizerType: 'REQUEST',
          AuthorizerCredentialsArn: auth.InvokeRole,
          AuthorizerUri: {'Fn::Sub': ['arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${AuthArn}/invocations', {AuthArn: auth.AuthArn}]},
          IdentitySource: auth.IdentitySource,
          Name: auth.Name || authorizerId,
        },
        at('Auth'),
      ),
    )
    if (!auth.InvokeRole) {
      out.push(
        generated(
          decl,
          `${id}AuthorizerPermission`,
          'AWS::Lambda::Permission',
          {
            Action: 'lambda:InvokeFunction',
            FunctionName: auth.AuthArn,
            Principal: 'apigateway.amazonaws.com',
            SourceArn: {'Fn::Sub': ['arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/authorizers/*', {__ApiId__: {Ref: id}}]},
          },
          at('Auth', 'AuthArn'),
          true,
        ),
      )
    }
  }
}
