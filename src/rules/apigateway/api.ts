// Shared API Gateway queries: the API a stage, method or route belongs to, readable route names, and what authorizes a route by default.
import type {ResourceGraph} from '../../model/graph.js'
import {jsonPolicyObject} from '../../model/edges.js'
import {asArray, get, isRecord, literal} from '../../model/intrinsics.js'
import type {GraphNode} from '../../model/types.js'
import {displayName} from '../helpers.js'

/** The REST or HTTP API a stage, method, route or integration belongs to. */
export function apiOf(graph: ResourceGraph, node: GraphNode): GraphNode | undefined {
  return graph.resolve(node.props.RestApiId ?? node.props.ApiId)
}

/** True for REST API stages (v1); HTTP and WebSocket stages are AWS::ApiGatewayV2::Stage. */
export function isRestStage(stage: GraphNode): boolean {
  return stage.type === 'AWS::ApiGateway::Stage'
}

/** True when the API is defined (at least partly) by an OpenAPI document, which may declare security, validation and CORS itself. */
export function hasOpenApiBody(api: GraphNode | undefined): boolean {
  return api !== undefined && (api.props.Body !== undefined || api.props.BodyS3Location !== undefined)
}

/** `GET /orders/{id}` for a REST method: its ResourcePath (SAM) or the PathPart chain of its AWS::ApiGateway::Resource. */
export function methodLabel(graph: ResourceGraph, method: GraphNode): string {
  const verb = literal(method.props.HttpMethod) ?? '?'
  const samPath = literal(method.props.ResourcePath)
  if (typeof samPath === 'string') return `${verb} ${samPath}`
  const parts: string[] = []
  let resource = graph.resolve(method.props.ResourceId)
  const seen = new Set<string>()
  while (resource && resource.type === 'AWS::ApiGateway::Resource' && !seen.has(resource.id)) {
    seen.add(resource.id)
    parts.unshift(String(literal(resource.props.PathPart) ?? '?'))
    resource = graph.resolve(resource.props.ParentId)
  }
  return `${verb} /${parts.join('/')}`
}

/** The route key of an HTTP or WebSocket route, e.g. `POST /orders`. */
export function routeLabel(route: GraphNode): string {
  return String(literal(route.props.RouteKey) ?? route.id)
}

/** True when a SAM-declared API (Auth.DefaultAuthorizer) authorizes routes that do not say otherwise. */
export function hasDefaultAuthorizer(api: GraphNode | undefined): boolean {
  const authorizer = get(api?.props, 'Auth', 'DefaultAuthorizer')
  return authorizer !== undefined && authorizer !== 'NONE'
}

/** True for private REST APIs, reachable only from VPC endpoints and guarded by their resource policy. */
export function isPrivateApi(api: GraphNode | undefined): boolean {
  return asArray(get(api?.props, 'EndpointConfiguration', 'Types')).includes('PRIVATE') || get(api?.props, 'EndpointConfiguration', 'Type') === 'PRIVATE'
}

/** SAM `Auth.ResourcePolicy` lists that admit callers only from given networks. */
const SAM_SOURCE_ALLOWLISTS = ['IpRangeWhitelist', 'SourceVpcWhitelist', 'IntrinsicVpcWhitelist', 'IntrinsicVpceWhitelist']

/** Condition keys that admit only callers from given addresses, VPCs or VPC endpoints. */
const SOURCE_KEYS = ['aws:sourceip', 'aws:sourcevpc', 'aws:sourcevpce']

/**
 * True when the API's resource policy admits callers only from an allowlist of networks: SAM's
 * `Auth.ResourcePolicy` IP range or VPC lists, or a REST API `Policy` whose every `Allow` statement
 * is conditioned on `aws:SourceIp`, `aws:SourceVpc` or `aws:SourceVpce`. Such an API is not open to
 * whoever finds its URL.
 */
export function isSourceRestrictedApi(api: GraphNode | undefined): boolean {
  if (!api) return false
  const resourcePolicy = get(api.props, 'Auth', 'ResourcePolicy')
  if (SAM_SOURCE_ALLOWLISTS.some((key) => asArray(get(resourcePolicy, key)).length > 0)) return true
  const statements = asArray(get(jsonPolicyObject(api.props.Policy) ?? api.props.Policy, 'Statement'))
  const allows = statements.filter((statement) => get(statement, 'Effect') === 'Allow')
  return (
    allows.length > 0 &&
    allows.every((statement) => {
      const condition = get(statement, 'Condition')
      if (!isRecord(condition)) return false
      return Object.entries(condition).some(([operator, block]) => !operator.startsWith('Not') && isRecord(block) && Object.keys(block).some((key) => SOURCE_KEYS.includes(key.toLowerCase())))
    })
  )
}

/**
 * True when SAM applies the API's `Auth.DefaultAuthorizer` to an operation of the inline `DefinitionBody`
 * the user wrote (SAM does so for every operation that names no security of its own). Operations SAM
 * generates from function events already carry the authorizer they resolved to, `NONE` included.
 */
export function defaultAuthorizerCovers(graph: ResourceGraph, api: GraphNode | undefined, route: string, method: string): boolean {
  const declared = api?.origin.declaredType
  if ((declared !== 'AWS::Serverless::Api' && declared !== 'AWS::Serverless::HttpApi') || !hasDefaultAuthorizer(api)) return false
  const resources = graph.contextOf(api!).template?.Resources
  return isRecord(get(resources, api!.origin.logicalId ?? graph.localId(api!), 'Properties', 'DefinitionBody', 'paths', route, method))
}

/** True when a node was generated by SAM from a function's events (its auth defaults come from the API). */
export function fromSamEvent(node: GraphNode): boolean {
  return node.origin.declaredType === 'AWS::Serverless::Function'
}

/** `Api/prod` for a stage: the API the user declared and the stage name; the stage's own name when the API is not in the graph. */
export function stageLabel(graph: ResourceGraph, stage: GraphNode): string {
  const api = apiOf(graph, stage)
  const name = literal(stage.props.StageName)
  if (!api || name === undefined) return displayName(stage)
  return `${displayName(api)}/${String(name)}`
}

const OPENAPI_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'x-amazon-apigateway-any-method']

export interface OpenApiOperation {
  /** `GET /orders` (`ANY` for x-amazon-apigateway-any-method). */
  label: string
  method: string
  operation: Record<string, unknown>
  /** Path of the operation in the API node's props: ['Body', 'paths', '/orders', 'get']. SAM locates it at the event that created it. */
  path: Array<string | number>
}

/** The operations of an API's OpenAPI `Body` (written by the user, or by SAM from function events); none when the body is not an object. */
export function openApiOperations(api: GraphNode): OpenApiOperation[] {
  const paths = get(api.props, 'Body', 'paths')
  if (!isRecord(paths)) return []
  const operations: OpenApiOperation[] = []
  for (const [route, methods] of Object.entries(paths)) {
    if (!isRecord(methods)) continue
    for (const [method, operation] of Object.entries(methods)) {
      if (!OPENAPI_METHODS.includes(method) || !isRecord(operation)) continue
      const verb = method === 'x-amazon-apigateway-any-method' ? 'ANY' : method.toUpperCase()
      operations.push({label: route === '$default' ? '$default' : `${verb} ${route}`, method, operation, path: ['Body', 'paths', route, method]})
    }
  }
  return operations
}

/** True when an OpenAPI security requirement list names at least one scheme. */
export function requiresAuth(security: unknown): boolean {
  return Array.isArray(security) && security.some((requirement) => isRecord(requirement) && Object.keys(requirement).length > 0)
}

/** The JSON access log format fixes write: one object a line, with the fields an incident review asks for first. */
export const JSON_ACCESS_LOG_FORMAT =
  '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","path":"$context.path","status":"$context.status","latency":"$context.responseLatency","responseLength":"$context.responseLength"}'

/** API Gateway's account-level throttling defaults (10,000 requests per second, burst 5,000), which fixes write on a stage. */
export const DEFAULT_THROTTLING = {ThrottlingRateLimit: 10_000, ThrottlingBurstLimit: 5000}
