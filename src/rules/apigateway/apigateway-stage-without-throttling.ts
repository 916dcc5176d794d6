// APG004: API stages should set their own default throttling limits.
import type {ResourceGraph} from '../../model/graph.js'
import {asArray, get, isIntrinsic} from '../../model/intrinsics.js'
import type {GraphNode} from '../../model/types.js'
import {defineRule} from '../types.js'
import {apiOf, DEFAULT_THROTTLING, isRestStage, stageLabel} from './api.js'

function throttles(settings: unknown): boolean {
  return get(settings, 'ThrottlingRateLimit') !== undefined || get(settings, 'ThrottlingBurstLimit') !== undefined
}

/** A usage plan with a Throttle (or per-stage throttle) that lists this stage's API. */
function throttledByUsagePlan(graph: ResourceGraph, api: GraphNode | undefined): boolean {
  if (!api) return false
  return graph
    .ofType('AWS::ApiGateway::UsagePlan')
    .some((plan) => asArray(plan.props.ApiStages).some((stage) => graph.resolve(get(stage, 'ApiId'))?.id === api.id && (get(stage, 'Throttle') !== undefined || get(plan.props, 'Throttle') !== undefined)))
}

export default defineRule({
  meta: {
    id: 'APG004',
    name: 'apigateway-stage-without-throttling',
    title: 'API Gateway stage without default throttling',
    severity: 'warning',
    service: 'apigateway',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-SEC-4', 'P-DES-2'],
    messages: {
      noThrottling: 'Stage {{stage}} sets no default throttling ({{property}}): one client can use the whole account limit and drive unbounded load into the functions behind it.',
    },
    fixable: 'unsafe',
    fixUnsafeReason: 'The limits written are the account defaults (10,000 requests per second, burst 5,000): an account whose limits were raised is capped there; lower them to what the backend can take.',
    cdkFix: 'deployOptions: {throttlingRateLimit: 10000, throttlingBurstLimit: 5000}',
    equivalents: {'serverless-rules': ['ES2003'], 'cdk-nag': ['Serverless-APIGWDefaultThrottling']},
    docs: {
      what: 'REST stages need a `MethodSettings` entry for all methods (`ResourcePath: /*`, `HttpMethod: "*"`) with `ThrottlingRateLimit` or `ThrottlingBurstLimit`, or a usage plan with a throttle on the API; HTTP and WebSocket stages need `DefaultRouteSettings.ThrottlingRateLimit` or `ThrottlingBurstLimit`.',
      why: 'Without stage limits an API only has the account-wide limit (10,000 requests per second shared by every API in the Region): a runaway client or an attack can starve other APIs and scale the functions and databases behind it beyond what they can take.',
      failing: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::HttpApi',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::HttpApi\n    Properties:\n      DefaultRouteSettings:\n        ThrottlingBurstLimit: 200\n        ThrottlingRateLimit: 100',
      whenNotToUse: 'APIs protected by a WAF rate-based rule or throttled by usage plans defined elsewhere.',
      references: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html', 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html'],
    },
  },
  check({graph, report}) {
    for (const stage of graph.ofKind('stage')) {
      const rest = isRestStage(stage)
      const property = rest ? 'MethodSettings' : 'DefaultRouteSettings'
      const value = stage.props[property]
      if (isIntrinsic(value) || asArray(value).some(isIntrinsic)) continue
      if (rest) {
        const all = asArray(value).some((setting) => (get(setting, 'ResourcePath') === '/*' || get(setting, 'ResourcePath') === undefined) && throttles(setting))
        if (all || throttledByUsagePlan(graph, apiOf(graph, stage))) continue
      } else if (throttles(value)) continue
      report({
        node: stage,
        path: value === undefined ? [] : [property],
        messageId: 'noThrottling',
        data: {stage: stageLabel(graph, stage), property: rest ? 'MethodSettings for /* with ThrottlingRateLimit' : 'DefaultRouteSettings.ThrottlingRateLimit'},
        autofix: (fixer) => {
          if (!rest)
            return fixer.propose('Throttle every route at the account defaults', [
              fixer.setProperty(stage, ['DefaultRouteSettings'], DEFAULT_THROTTLING, {path: ['DefaultRouteSettings'], value: DEFAULT_THROTTLING, resource: 'HttpApi'}),
            ])
          const setting = {ResourcePath: '/*', HttpMethod: '*', ...DEFAULT_THROTTLING}
          if (value === undefined)
            return fixer.propose('Throttle every method at the account defaults', [fixer.setProperty(stage, ['MethodSettings'], [setting], {path: ['MethodSettings'], value: [setting], globals: 'Api'})])
          const written = fixer.written(stage)
          if (!written || written.sam || written.type !== stage.type) return undefined
          return fixer.propose('Throttle every method at the account defaults', [fixer.source.append(['Resources', written.id, 'Properties', 'MethodSettings'], setting)])
        },
        fix: rest
          ? 'Add MethodSettings: [{ResourcePath: "/*", HttpMethod: "*", ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200}] sized to what the backend can take.'
          : 'Set DefaultRouteSettings.ThrottlingRateLimit and ThrottlingBurstLimit to what the backend can take.',
      })
    }
  },
})
