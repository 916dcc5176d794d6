// APG008: CORS must not allow every origin while allowing credentials.
import {asArray, get, isRecord, literal, literalBoolean} from '../../model/intrinsics.js'
import type {GraphNode, PropPath} from '../../model/types.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {methodLabel} from './api.js'

/** SAM's REST `Cors` values are quoted header values: "'*'". */
function unquote(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/^'(.*)'$/, '$1') : value
}

export default defineRule({
  meta: {
    id: 'APG008',
    name: 'apigateway-cors-any-origin-with-credentials',
    title: 'API Gateway CORS allows any origin with credentials',
    severity: 'info',
    service: 'apigateway',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: false,
    practices: ['P-SEC-4'],
    messages: {
      anyOrigin: "{{where}} allows origin * together with credentials: any web site may send requests carrying your users' cookies or authorization headers.",
    },
    equivalents: {},
    docs: {
      what: "Finds HTTP APIs whose `CorsConfiguration` has `AllowOrigins: [\"*\"]` and `AllowCredentials: true`, SAM REST APIs whose `Cors` has `AllowOrigin: \"'*'\"` and `AllowCredentials: true`, and REST methods whose integration or method responses set `Access-Control-Allow-Origin: '*'` with `Access-Control-Allow-Credentials: 'true'`.",
      why: 'Credentials should only be shared with origins you trust. Browsers refuse the wildcard with credentials, so such configurations are either broken or, when the origin is reflected in code, open to cross-site request forgery from any site.',
      failing:
        'Resources:\n  Api:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n      Name: orders\n      ProtocolType: HTTP\n      CorsConfiguration:\n        AllowOrigins: ["*"]\n        AllowCredentials: true',
      fixed:
        'Resources:\n  Api:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n      Name: orders\n      ProtocolType: HTTP\n      CorsConfiguration:\n        AllowOrigins: ["https://app.example.com"]\n        AllowCredentials: true',
      whenNotToUse: 'Never for credentialed requests; public APIs without credentials may use * freely.',
      references: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html', 'https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS#credentialed_requests_and_wildcards'],
      limitations: 'Headers set by a Lambda proxy integration in code are not visible.',
    },
  },
  check({graph, report}) {
    const flag = (node: GraphNode, path: PropPath, where: string): void => {
      report({node, path, messageId: 'anyOrigin', data: {where}, fix: 'List the trusted origins explicitly instead of *, or stop allowing credentials.'})
    }
    for (const api of graph.ofKind('httpApi')) {
      const cors = api.props.CorsConfiguration
      if (asArray(get(cors, 'AllowOrigins')).includes('*') && literalBoolean(get(cors, 'AllowCredentials')) === true) flag(api, ['CorsConfiguration'], `API ${displayName(api)}`)
    }
    for (const api of graph.ofKind('restApi')) {
      const cors = api.props.Cors
      if (isRecord(cors) && unquote(cors.AllowOrigin) === '*' && literalBoolean(cors.AllowCredentials) === true) flag(api, ['Cors'], `API ${displayName(api)}`)
    }
    for (const method of graph.ofKind('method')) {
      const responses: Array<{parameters: unknown; path: PropPath}> = [
        ...asArray(get(method.props, 'Integration', 'IntegrationResponses')).map((response, index) => ({
          parameters: get(response, 'ResponseParameters'),
          path: ['Integration', 'IntegrationResponses', index, 'ResponseParameters'],
        })),
      ]
      for (const {parameters, path} of responses) {
        const origin = unquote(literal(get(parameters, 'method.response.header.Access-Control-Allow-Origin')))
        const credentials = unquote(literal(get(parameters, 'method.response.header.Access-Control-Allow-Credentials')))
        if (origin === '*' && String(credentials).toLowerCase() === 'true') {
          flag(method, path, methodLabel(graph, method))
          break
        }
      }
    }
  },
})
