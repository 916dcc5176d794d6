// LMB027: one function behind many routes or event types is a "Lambda monolith"; split it by operation.
import {get, isRecord, literal, literalNumber} from '../../model/intrinsics.js'
import type {GraphNode, PropPath} from '../../model/types.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {functionBehind, invocationsOf, resolveResource, routeIntegration} from './queries.js'

type Graph = Parameters<typeof resolveResource>[0]

/** One API operation that integrates with a function, and where to point at it. */
interface Operation {
  node: GraphNode
  path: PropPath
  name: string
  fn: GraphNode
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'x-amazon-apigateway-any-method'])

/** Operations of Method and Route resources, and of OpenAPI bodies (which is where SAM puts the paths of Api and HttpApi events). */
function apiOperations(graph: Graph): Operation[] {
  const operations: Operation[] = []
  for (const node of graph.ofKind('method', 'route')) {
    let fn: GraphNode | undefined
    if (node.kind === 'method') {
      fn = functionBehind(graph, resolveResource(graph, get(node.props, 'Integration', 'Uri')))
    } else {
      const target = routeIntegration(graph, node)
      fn = target?.type === 'AWS::ApiGatewayV2::Integration' ? functionBehind(graph, resolveResource(graph, target.props.IntegrationUri)) : functionBehind(graph, target)
    }
    if (!fn) continue
    const method = literal(node.props.HttpMethod)
    const resourcePath = literal(node.props.ResourcePath)
    const name = node.kind === 'route' ? String(literal(node.props.RouteKey) ?? node.id) : method !== undefined && resourcePath !== undefined ? `${String(method)} ${String(resourcePath)}` : node.id
    operations.push({node, path: [], name, fn})
  }
  for (const api of graph.ofKind('restApi', 'httpApi')) {
    const paths = get(api.props, 'Body', 'paths')
    if (!isRecord(paths)) continue
    for (const [route, methods] of Object.entries(paths)) {
      if (!isRecord(methods)) continue
      for (const [method, operation] of Object.entries(methods)) {
        if (!HTTP_METHODS.has(method.toLowerCase())) continue
        const fn = functionBehind(graph, resolveResource(graph, get(operation, 'x-amazon-apigateway-integration', 'uri')))
        if (!fn) continue
        const verb = method === 'x-amazon-apigateway-any-method' ? 'ANY' : method.toUpperCase()
        operations.push({node: api, path: ['Body', 'paths', route, method], name: route === '$default' ? '$default' : `${verb} ${route}`, fn})
      }
    }
  }
  return operations
}

export default defineRule({
  meta: {
    id: 'LMB027',
    name: 'lambda-monolith',
    title: 'One function behind many routes or event types (Lambda monolith)',
    severity: 'info',
    service: 'lambda',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: false,
    practices: ['P-ANTI-1', 'P-DES-1'],
    options: {maxRoutes: 5, maxEventSources: 3},
    messages: {
      routes: 'Function {{function}} serves {{count}} API routes (more than {{max}}): {{routes}}. Split it into one function per operation or group of closely related operations.',
      proxy: 'Function {{function}} sits behind the catch-all route {{route}}: it routes every request itself. Give each operation its own route and function.',
      eventSources: 'Function {{function}} is triggered by {{count}} different event sources (more than {{max}}): {{sources}}. Split it into one function per event type.',
    },
    equivalents: {},
    docs: {
      what: 'Counts, per function, the API Gateway methods and HTTP API routes that integrate with it (including SAM `Api`/`HttpApi` events) and the other event sources that trigger it (queues, streams, topics, rules, schedules, buckets). Reports more than `maxRoutes` routes (option, default 5), a greedy `{proxy+}` route, or more than `maxEventSources` event sources (option, default 3).',
      why: 'A function that switches on the route or event type bundles unrelated code: every change redeploys all of it, its role holds the union of permissions, its memory and timeout fit none of its jobs, and its metrics mix everything.',
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Events:\n        Proxy:\n          Type: HttpApi\n          Properties:\n            Path: /{proxy+}\n            Method: ANY',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  GetOrder:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: orders.get\n      CodeUri: src/\n      Events:\n        Get:\n          Type: HttpApi\n          Properties:\n            Path: /orders/{id}\n            Method: GET\n  CreateOrder:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: orders.create\n      CodeUri: src/\n      Events:\n        Create:\n          Type: HttpApi\n          Properties:\n            Path: /orders\n            Method: POST',
      whenNotToUse: 'Web frameworks deliberately run as one function (e.g. with the Lambda Web Adapter), GraphQL resolvers, and small internal APIs where one deployable unit is the better trade-off.',
      references: ['https://docs.aws.amazon.com/lambda/latest/operatorguide/monolith.html', 'https://docs.aws.amazon.com/wellarchitected/latest/serverless-applications-lens/general-design-principles.html'],
      limitations: 'Routing done inside the handler (on a field of the event) is not visible.',
    },
  },
  check({graph, options, report}) {
    const maxRoutes = literalNumber(options.maxRoutes) ?? 5
    const maxEventSources = literalNumber(options.maxEventSources) ?? 3
    const routesByFunction = new Map<string, Operation[]>()
    for (const operation of apiOperations(graph)) {
      const list = routesByFunction.get(operation.fn.id) ?? []
      list.push(operation)
      routesByFunction.set(operation.fn.id, list)
    }
    for (const fn of graph.ofKind('function')) {
      const data = {function: displayName(fn)}
      const routes = routesByFunction.get(fn.id) ?? []
      const proxy = routes.find((route) => /\{proxy\+\}|^\$default$/.test(route.name.split(' ').pop() ?? ''))
      if (proxy) {
        report({node: proxy.node, path: proxy.path, messageId: 'proxy', data: {...data, route: proxy.name}, fix: 'Declare one route per operation and point each at its own function.'})
      } else if (routes.length > maxRoutes) {
        report({
          node: fn,
          path: [],
          messageId: 'routes',
          data: {...data, count: routes.length, max: maxRoutes, routes: routes.map((route) => route.name).join(', ')},
          fix: 'Split the function so that each handles one operation or a small group of related operations.',
        })
      }
      const sources = [
        ...new Set(
          invocationsOf(graph, fn)
            .filter((i) => i.kind !== 'api' && i.kind !== 'other')
            .map((i) => i.label),
        ),
      ]
      const distinct = sources.filter((label) => !sources.some((other) => other.startsWith(`${label} `)))
      if (distinct.length > maxEventSources) {
        report({
          node: fn,
          path: [],
          messageId: 'eventSources',
          data: {...data, count: distinct.length, max: maxEventSources, sources: distinct.join(', ')},
          fix: 'Give each event type its own function, sharing code through a library.',
        })
      }
    }
  },
})
