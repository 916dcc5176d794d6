// apigateway rules: API Gateway REST, HTTP and WebSocket APIs (APG) and AppSync GraphQL APIs (APS).
import type {Rule} from '../types.js'
import accessLogNotJson from './apigateway-access-log-not-json.js'
import corsAnyOriginWithCredentials from './apigateway-cors-any-origin-with-credentials.js'
import integrationTimeoutAbove29s from './apigateway-integration-timeout-above-29s.js'
import restApiWithoutRequestValidation from './apigateway-rest-api-without-request-validation.js'
import restStageTracingDisabled from './apigateway-rest-stage-tracing-disabled.js'
import routeWithoutAuthorization from './apigateway-route-without-authorization.js'
import stageWithoutAccessLogging from './apigateway-stage-without-access-logging.js'
import stageWithoutThrottling from './apigateway-stage-without-throttling.js'
import appsyncLoggingDisabled from './appsync-logging-disabled.js'
import appsyncTracingDisabled from './appsync-tracing-disabled.js'

export const APIGATEWAY_RULES: Rule[] = [
  stageWithoutAccessLogging,
  accessLogNotJson,
  restStageTracingDisabled,
  stageWithoutThrottling,
  routeWithoutAuthorization,
  restApiWithoutRequestValidation,
  integrationTimeoutAbove29s,
  corsAnyOriginWithCredentials,
  appsyncTracingDisabled,
  appsyncLoggingDisabled,
]
