// APG007: an API integration should not wait longer than API Gateway will, and its function should not outlive the API's wait.
import {get, literal, literalNumber} from '../../model/intrinsics.js'
import type {GraphNode, PropPath} from '../../model/types.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {apiOf, methodLabel, openApiOperations, routeLabel} from './api.js'

/** REST integrations stop at 29 s unless the account's quota was raised; HTTP API integrations default to (and stop at) 30 s. */
const REST_DEFAULT_MS = 29_000
const HTTP_DEFAULT_MS = 30_000
/** Lambda's default timeout when none is set. */
const LAMBDA_DEFAULT_S = 3

export default defineRule({
  meta: {
    id: 'APG007',
    name: 'apigateway-integration-timeout-above-29s',
    title: 'API Gateway integration that waits longer than 29 s, or a function that outlives it',
    severity: 'warning',
    service: 'apigateway',
    sources: ['template'],
    status: 'stable',
    recommended: true,
    practices: ['P-SEC-4', 'P-DES-5'],
    messages: {
      integrationTimeout:
        '{{route}} of API {{api}} sets TimeoutInMillis {{timeout}}, above the 29000 ms REST default: it needs a raised quota, works only on Regional and private APIs, and keeps clients waiting.',
      functionTimeout:
        'Function {{function}} behind {{route}} of API {{api}} has Timeout {{functionTimeout}} s but the integration stops waiting after {{integrationTimeout}} s: callers get a 504 while the function keeps running (and may retry into duplicates).',
    },
    equivalents: {},
    docs: {
      what: 'For REST methods, HTTP routes or integrations, and OpenAPI body operations (SAM `Api` / `HttpApi` events included) backed by a Lambda function: reports an explicit `TimeoutInMillis` above 29000 on a REST integration, and a function whose `Timeout` (3 s when unset, SAM `Globals` included) is longer than the integration timeout (29 s for REST, 30 s for HTTP APIs, or the explicit `TimeoutInMillis`).',
      why: 'A synchronous API is the wrong place for long work: the client is cut off, the function runs on, and retries create duplicates. Long work belongs behind a queue or a state machine, with the API returning 202 and a status resource.',
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Report:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Timeout: 120\n      Events:\n        Get:\n          Type: Api\n          Properties: {Path: /report, Method: GET}',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Report:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Timeout: 25\n      Events:\n        Get:\n          Type: Api\n          Properties: {Path: /report, Method: GET}',
      whenNotToUse: 'Functions that are also invoked from elsewhere with a longer budget, where the API path is known to finish quickly.',
      references: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html', 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html'],
    },
  },
  check({graph, report}) {
    const checkFunction = (node: GraphNode, target: unknown, timeoutMs: number, route: string, api: string, path: PropPath): void => {
      const fn = graph.resolve(target)
      if (!fn || fn.kind !== 'function') return
      const raw = fn.props.Timeout
      const seconds = raw === undefined ? LAMBDA_DEFAULT_S : literalNumber(raw)
      if (seconds === undefined || seconds * 1000 <= timeoutMs) return
      report({
        node,
        path,
        messageId: 'functionTimeout',
        data: {function: displayName(fn), route, api, functionTimeout: seconds, integrationTimeout: timeoutMs / 1000},
        fix: `Lower the Timeout of ${displayName(fn)} to at most ${Math.floor(timeoutMs / 1000)} s, or move the long work behind a queue or a state machine and answer 202.`,
      })
    }
    for (const method of graph.ofKind('method')) {
      const api = apiOf(graph, method)
      const apiName = api ? displayName(api) : 'unknown'
      const route = methodLabel(graph, method)
      const raw = get(method.props, 'Integration', 'TimeoutInMillis')
      const explicit = raw === undefined ? undefined : literalNumber(raw)
      if (raw !== undefined && explicit === undefined) continue
      if (explicit !== undefined && explicit > REST_DEFAULT_MS) {
        report({
          node: method,
          path: ['Integration', 'TimeoutInMillis'],
          messageId: 'integrationTimeout',
          data: {route, api: apiName, timeout: explicit},
          fix: 'Keep TimeoutInMillis at or below 29000 and move long work behind a queue or a state machine.',
        })
      }
      const type = literal(get(method.props, 'Integration', 'Type'))
      if (type !== 'AWS_PROXY' && type !== 'AWS') continue
      checkFunction(method, get(method.props, 'Integration', 'Uri'), explicit ?? REST_DEFAULT_MS, route, apiName, [])
    }
    // OpenAPI bodies, written by hand or by SAM from Api / HttpApi events, carry the integration on each operation.
    for (const api of graph.ofKind('restApi', 'httpApi')) {
      const rest = api.kind === 'restApi'
      for (const {label, operation, path} of openApiOperations(api)) {
        const integration = operation['x-amazon-apigateway-integration']
        const raw = get(integration, 'timeoutInMillis')
        const explicit = raw === undefined ? undefined : literalNumber(raw)
        if (raw !== undefined && explicit === undefined) continue
        if (rest && explicit !== undefined && explicit > REST_DEFAULT_MS) {
          report({
            node: api,
            path,
            messageId: 'integrationTimeout',
            data: {route: label, api: displayName(api), timeout: explicit},
            fix: 'Keep timeoutInMillis at or below 29000 and move long work behind a queue or a state machine.',
          })
        }
        checkFunction(api, get(integration, 'uri'), explicit ?? (rest ? REST_DEFAULT_MS : HTTP_DEFAULT_MS), label, displayName(api), path)
      }
    }
    // SAM HttpApi events name the function on the route; raw templates on an AWS::ApiGatewayV2::Integration.
    for (const route of graph.ofKind('route')) {
      if (route.props.Target === undefined) continue
      const api = apiOf(graph, route)
      const raw = route.props.TimeoutInMillis
      const explicit = raw === undefined ? undefined : literalNumber(raw)
      if (raw !== undefined && explicit === undefined) continue
      checkFunction(route, route.props.Target, explicit ?? HTTP_DEFAULT_MS, routeLabel(route), api ? displayName(api) : 'unknown', [])
    }
    for (const integration of graph.ofType('AWS::ApiGatewayV2::Integration')) {
      const api = apiOf(graph, integration)
      const websocket = api?.props.ProtocolType === 'WEBSOCKET'
      const raw = integration.props.TimeoutInMillis
      const explicit = raw === undefined ? undefined : literalNumber(raw)
      if (raw !== undefined && explicit === undefined) continue
      const routes = graph.ofKind('route').filter((route) => graph.resolve(route.props.Target)?.id === integration.id)
      const label = routes.length > 0 ? routes.map(routeLabel).join(', ') : displayName(integration)
      checkFunction(integration, integration.props.IntegrationUri, explicit ?? (websocket ? REST_DEFAULT_MS : HTTP_DEFAULT_MS), label, api ? displayName(api) : 'unknown', [])
    }
  },
})
