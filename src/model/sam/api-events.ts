// What Api and HttpApi events add to their API: paths in its definition, security schemes, execute-api ARNs for permissions.
import {asArray, get, isRecord} from '../intrinsics.js'
import type {ResourceDecl} from '../template.js'
import {type Expansion, type Props, samLocator, stripUndefined} from './expansion.js'
import {globalsFor} from './globals.js'

/** `${X}` or `${X.Arn}` text for a Ref or GetAtt, as SAM writes integration URIs. */
export function refText(value: unknown): string {
  const ref = get(value, 'Ref')
  if (typeof ref === 'string') return ref
  const getAtt = get(value, 'Fn::GetAtt')
  if (Array.isArray(getAtt)) return getAtt.join('.')
  return 'AWS::NoValue'
}

export function executeApiArn(apiId: unknown, method: unknown, path: unknown): unknown {
  const route = method === undefined && path === undefined ? '*' : `${String(method ?? 'ANY').toUpperCase() === 'ANY' ? '*' : String(method).toUpperCase()}${String(path ?? '')}`
  return {'Fn::Sub': [`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${__ApiId__}/\${__Stage__}/${route}`, {__ApiId__: apiId, __Stage__: '*'}]}
}

export function apiStageName(expansion: Expansion, apiId: unknown): string {
  const ref = get(apiId, 'Ref')
  if (typeof ref !== 'string') return 'Prod'
  const stage = get(expansion.resources, ref, 'Properties', 'StageName')
  return typeof stage === 'string' ? stage : 'Prod'
}

interface ApiIntegration {
  kind: 'rest' | 'http'
  integration: Props
}

/** Adds the path an Api or HttpApi event creates to its API's definition, with the method's security as SAM writes it. */
export function addApiPath(expansion: Expansion, decl: ResourceDecl, eventName: string, p: Props, {kind, integration}: ApiIntegration): void {
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
