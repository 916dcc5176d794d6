// APG003: REST API stages should have X-Ray tracing enabled.
import {literal, literalBoolean, textOf} from '../../model/intrinsics.js'
import {defineRule} from '../types.js'
import {isRestStage, stageLabel} from './api.js'

export default defineRule({
  meta: {
    id: 'APG003',
    name: 'apigateway-rest-stage-tracing-disabled',
    title: 'API Gateway REST stage without X-Ray tracing',
    severity: 'warning',
    service: 'apigateway',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-OBS-1'],
    messages: {
      notEnabled: 'REST stage {{stage}} has TracingEnabled {{value}}; set it to true so traces start at the API.',
    },
    fixable: 'unsafe',
    fixUnsafeReason: 'X-Ray traces of API requests are billed.',
    cdkFix: 'deployOptions: {tracingEnabled: true}',
    equivalents: {'serverless-rules': ['WS2002'], 'cdk-nag': ['Serverless-APIGWXrayEnabled'], checkov: ['CKV_AWS_73']},
    docs: {
      what: 'Finds REST API stages (`AWS::ApiGateway::Stage`, SAM `Api` directly or through `Globals.Api`) whose `TracingEnabled` is not `true`. HTTP APIs do not support X-Ray and are not checked.',
      why: 'With tracing on at the stage, a trace begins where the request enters and covers the integration latency; otherwise each function trace starts on its own and API Gateway time is invisible.',
      failing: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod',
      fixed: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n      TracingEnabled: true',
      whenNotToUse: 'APIs traced by another tool.',
      references: ['https://docs.aws.amazon.com/xray/latest/devguide/xray-services-apigateway.html'],
    },
  },
  check({graph, report}) {
    for (const stage of graph.ofKind('stage')) {
      if (!isRestStage(stage)) continue
      const enabled = stage.props.TracingEnabled
      if (literalBoolean(enabled) === true) continue
      if (enabled !== undefined && literal(enabled) === undefined) continue
      report({
        node: stage,
        path: enabled === undefined ? [] : ['TracingEnabled'],
        messageId: 'notEnabled',
        data: {stage: stageLabel(graph, stage), value: enabled === undefined ? 'unset (off)' : textOf(enabled)},
        fix: 'Set TracingEnabled: true on the stage (SAM: on the Api or in Globals.Api).',
        autofix: (fixer) => fixer.propose('Turn on X-Ray tracing for the stage', [fixer.setProperty(stage, ['TracingEnabled'], true, {path: ['TracingEnabled'], value: true, globals: 'Api'})]),
      })
    }
  },
})
