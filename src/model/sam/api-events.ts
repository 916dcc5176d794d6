// What Api and HttpApi events add to their API: paths in its definition, security schemes, execute-api ARNs for permissions.
import {asArray, get, isRecord, textOf} from '../intrinsics.js'
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

/** The execute-api ARN an Api or HttpApi event's permission allows, as SAM writes it (a REST API's partition is the region's). */
export function executeApiArn(apiId: unknown, method: unknown, path: unknown, kind: 'rest' | 'http' = 'http'): unknown {
  // API Gateway drops a trailing slash from paths, so SAM drops it from the permission too.
  // Path parameters ({id}, {proxy+}) become wildcards: the permission covers every value.
  const parameter = kind === 'rest' ? /\{([a-zA-Z0-9._-]+|[a-zA-Z0-9._-]+\+|proxy\+)\}/g : /\{([a-zA-Z0-9._-]+|proxy\+)\}/g
  const trimmed = typeof path === 'string' ? path.replace(/^(.+)\/$/, '$1').replace(parameter, '*') : path
  const any = ['ANY', 'X-AMAZON-APIGATEWAY-ANY-METHOD'].includes(textOf(method ?? 'ANY').toUpperCase())
  // An HTTP API's ANY `/$default` route is allowed as `{stage}/$default`, without a method.
  const route = method === undefined && path === undefined ? '*' : kind === 'http' && any && trimmed === '/$default' ? '$default' : `${any ? '*' : textOf(method).toUpperCase()}${textOf(trimmed ?? '')}`
  const partition = kind === 'rest' ? 'aws' : '${AWS::Partition}'
  return {'Fn::Sub': [`arn:${partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${__ApiId__}/\${__Stage__}/${route}`, {__ApiId__: apiId, __Stage__: '*'}]}
}

/**
 * The suffix of an Api event's permission id: the implicit API's "Prod", the explicit API's stage name,
 * "Stage" when that name is an intrinsic, "AllStages" when the API is not one of the template's.
 */
export function apiStageName(expansion: Expansion, apiId: unknown): string {
  if (apiId === undefined) return 'Prod'
  const ref = typeof apiId === 'string' ? apiId : get(apiId, 'Ref')
  if (typeof ref !== 'string') return 'AllStages'
  const stage = get(expansion.resources, ref, 'Properties', 'StageName')
  return typeof stage === 'string' ? stage : 'Stage'
}

/** True when SAM leaves out an HttpApi event's permission: the function's `$default` route on the same API already allows every route. */
export function coveredByDefaultRoute(expansion: Expansion, functionId: string, events: Props, p: Props): boolean {
  if (p.Path === undefined || p.Path === '$default') return false
  const sameApi = (other: unknown): boolean => JSON.stringify(other ?? null) === JSON.stringify(p.ApiId ?? null)
  const ownDefault = Object.values(events).some(
    (event) => get(event, 'Type') === 'HttpApi' && sameApi(get(event, 'Properties', 'ApiId')) && [undefined, '$default'].includes(get(event, 'Properties', 'Path') as string | undefined),
  )
  if (ownDefault) return true
  const apiRef = get(p.ApiId, 'Ref')
  const uri =
    typeof apiRef === 'string' ? get(expansion.resources, apiRef, 'Properties', 'DefinitionBody', 'paths', '$default', 'x-amazon-apigateway-any-method', 'x-amazon-apigateway-integration', 'uri') : undefined
  return uri !== undefined && JSON.stringify(uri).includes(`\${${functionId}.Arn}`)
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
  const path = kind === 'http' && p.Path === undefined && p.Method === undefined ? '$default' : textOf(p.Path ?? '/')
  const rawMethod = textOf(p.Method ?? 'ANY').toLowerCase()
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
  api.locate.set(
    `${path} ${method}`,
    samLocator(expansion, decl, undefined, () => [], ['Events', eventName, 'Properties']),
  )
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
    return {
      type: 'apiKey',
      name: 'Authorization',
      in: 'header',
      'x-amazon-apigateway-authtype': 'cognito_user_pools',
      'x-amazon-apigateway-authorizer': {type: 'cognito_user_pools', providerARNs: asArray(authorizer.UserPoolArn)},
    }
  }
  const payload = get(authorizer, 'FunctionPayloadType') === 'REQUEST' ? 'request' : 'token'
  return {
    type: 'apiKey',
    name: 'Authorization',
    in: 'header',
    'x-amazon-apigateway-authtype': 'custom',
    'x-amazon-apigateway-authorizer': stripUndefined({type: payload, authorizerUri: get(authorizer, 'FunctionArn')}),
  }
}
