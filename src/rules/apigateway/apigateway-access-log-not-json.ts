// APG002: access logs should be structured JSON, so they can be queried.
import {get, isRecord} from '../../model/intrinsics.js'
import {defineRule} from '../types.js'
import {isRestStage, stageLabel} from './api.js'

/** True when an access log format is a JSON object once its `$context…` variables are filled in. */
export function isJsonFormat(format: string): boolean {
  const filled = format
    .replace(/\$\{[^}]*\}/g, '0')
    .replace(/\$(context|stageVariables|input|util)[\w.\-[\]'()]*/g, '0')
    .trim()
  try {
    const parsed: unknown = JSON.parse(filled)
    return isRecord(parsed)
  } catch {
    return false
  }
}

export default defineRule({
  meta: {
    id: 'APG002',
    name: 'apigateway-access-log-not-json',
    title: 'API Gateway access log format is not JSON',
    severity: 'warning',
    service: 'apigateway',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-OBS-2', 'P-OBS-4'],
    messages: {
      notJson: 'Stage {{stage}} writes access logs in a format that is not JSON ({{format}}); use a JSON object so CloudWatch Logs Insights can query its fields.',
    },
    equivalents: {'serverless-rules': ['WS2001'], 'cdk-nag': ['Serverless-APIGWStructuredLogging']},
    docs: {
      what: 'Checks the access log `Format` of REST, HTTP and WebSocket stages: once `$context` variables are filled in, it must be a JSON object. Formats built with `Fn::Sub` are checked with their `${…}` placeholders filled in; other intrinsics are skipped.',
      why: 'JSON access logs can be filtered and aggregated by field in CloudWatch Logs Insights and joined with function logs on the request id; CLF, CSV or XML lines need parsing before any question can be answered.',
      failing:
        "Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Name: orders\n  Stage:\n    Type: AWS::ApiGateway::Stage\n    Properties:\n      RestApiId: !Ref Api\n      DeploymentId: !Ref Deployment\n      StageName: prod\n      TracingEnabled: true\n      AccessLogSetting:\n        DestinationArn: !GetAtt ApiLogs.Arn\n        Format: $context.identity.sourceIp $context.requestId $context.status\n      MethodSettings:\n        - {ResourcePath: /*, HttpMethod: '*', ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50}\n  Deployment:\n    Type: AWS::ApiGateway::Deployment\n    Properties:\n      RestApiId: !Ref Api\n  ApiLogs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 30",
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Name: orders\n  Stage:\n    Type: AWS::ApiGateway::Stage\n    Properties:\n      RestApiId: !Ref Api\n      DeploymentId: !Ref Deployment\n      StageName: prod\n      TracingEnabled: true\n      AccessLogSetting:\n        DestinationArn: !GetAtt ApiLogs.Arn\n        Format: \'{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","status":"$context.status"}\'\n      MethodSettings:\n        - {ResourcePath: /*, HttpMethod: \'*\', ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50}\n  Deployment:\n    Type: AWS::ApiGateway::Deployment\n    Properties:\n      RestApiId: !Ref Api\n  ApiLogs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 30',
      whenNotToUse: 'Logs shipped to a tool that requires another format.',
      references: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html#apigateway-cloudwatch-log-formats'],
    },
  },
  check({graph, report}) {
    for (const stage of graph.ofKind('stage')) {
      const property = isRestStage(stage) ? 'AccessLogSetting' : 'AccessLogSettings'
      const format = get(stage.props, property, 'Format')
      const sub = get(format, 'Fn::Sub')
      const text = typeof format === 'string' ? format : typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined
      if (text === undefined || isJsonFormat(text)) continue
      report({
        node: stage,
        path: [property, 'Format'],
        messageId: 'notJson',
        data: {stage: stageLabel(graph, stage), format: text.length > 60 ? `${text.slice(0, 57)}...` : text},
        fix: `Set ${property}.Format to a JSON object such as {"requestId":"$context.requestId","status":"$context.status","latency":"$context.responseLatency"}.`,
      })
    }
  },
})
