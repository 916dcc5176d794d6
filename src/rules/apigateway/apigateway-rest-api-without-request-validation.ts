// APG006: REST APIs should validate requests before they reach the integration.
import type {ResourceGraph} from '../../model/graph.js'
import {get, isRecord} from '../../model/intrinsics.js'
import type {GraphNode} from '../../model/types.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {apiOf} from './api.js'

/** SAM `Api` events that turn validation on (RequestModel ValidateBody / ValidateParameters, or a required model) for this API. */
function samEventsValidate(graph: ResourceGraph, api: GraphNode): boolean {
  const context = graph.contextOf(api)
  const resources = get(context.template, 'Resources')
  if (!context.sam || !isRecord(resources)) return false
  return Object.values(resources).some((resource) => {
    const events = get(resource, 'Properties', 'Events')
    if (get(resource, 'Type') !== 'AWS::Serverless::Function' || !isRecord(events)) return false
    return Object.values(events).some((event) => {
      if (get(event, 'Type') !== 'Api') return false
      const target = get(event, 'Properties', 'RestApiId')
      const targetId = target === undefined ? 'ServerlessRestApi' : get(target, 'Ref')
      if (targetId !== graph.localId(api)) return false
      const model = get(event, 'Properties', 'RequestModel')
      return get(model, 'ValidateBody') === true || get(model, 'ValidateParameters') === true || (get(model, 'Required') === true && get(model, 'ValidateBody') !== false)
    })
  })
}

export default defineRule({
  meta: {
    id: 'APG006',
    name: 'apigateway-rest-api-without-request-validation',
    title: 'API Gateway REST API without request validation',
    severity: 'info',
    service: 'apigateway',
    sources: ['template'],
    status: 'stable',
    recommended: false,
    practices: ['P-SEC-4'],
    messages: {
      noValidator: 'REST API {{api}} has no request validator: malformed requests reach (and are billed to) the functions behind it.',
    },
    equivalents: {'cdk-nag': ['AwsSolutions-APIG2']},
    docs: {
      what: 'Finds REST APIs with no `AWS::ApiGateway::RequestValidator`, no method with a `RequestValidatorId` (SAM creates one for events with `RequestModel` or `RequestParameters` validation), and no `x-amazon-apigateway-request-validator(s)` in their OpenAPI body.',
      why: 'API Gateway can reject requests whose body or parameters do not match a model before any function runs: less code, less cost, and less attack surface.',
      failing: 'Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Name: orders',
      fixed:
        'Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Name: orders\n  Validator:\n    Type: AWS::ApiGateway::RequestValidator\n    Properties:\n      RestApiId: !Ref Api\n      ValidateRequestBody: true\n      ValidateRequestParameters: true',
      whenNotToUse: 'Lambda proxy APIs that validate input in code with a schema library (and test it).',
      references: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html'],
      limitations: 'Whether each method actually uses the validator is not checked; APIs defined by a body in S3 are skipped.',
    },
  },
  check({graph, report}) {
    const validated = new Set<string>()
    for (const node of graph.nodes) {
      if (node.type === 'AWS::ApiGateway::RequestValidator' || (node.kind === 'method' && node.props.RequestValidatorId !== undefined)) {
        const api = apiOf(graph, node)
        if (api) validated.add(api.id)
      }
    }
    for (const api of graph.ofKind('restApi')) {
      if (validated.has(api.id) || samEventsValidate(graph, api)) continue
      if (api.props.BodyS3Location !== undefined) continue
      const body = api.props.Body
      if (body !== undefined && (!isRecord(body) || JSON.stringify(body).includes('x-amazon-apigateway-request-validator'))) continue
      report({
        node: api,
        path: [],
        messageId: 'noValidator',
        data: {api: displayName(api)},
        fix: 'Add an AWS::ApiGateway::RequestValidator for the API and set RequestValidatorId and RequestModels on its methods (SAM: RequestModel with ValidateBody: true on the event).',
      })
    }
  },
})
