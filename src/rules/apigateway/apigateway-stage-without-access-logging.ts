// APG001: API stages should write access logs.
import {get, isIntrinsic} from '../../model/intrinsics.js'
import {defineRule} from '../types.js'
import {isRestStage, JSON_ACCESS_LOG_FORMAT, stageLabel} from './api.js'

export default defineRule({
  meta: {
    id: 'APG001',
    name: 'apigateway-stage-without-access-logging',
    title: 'API Gateway stage without access logging',
    severity: 'warning',
    service: 'apigateway',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-OBS-4'],
    messages: {
      noAccessLog: 'Stage {{stage}} has no {{property}} destination: requests to the API leave no access log.',
    },
    fixable: 'unsafe',
    fixUnsafeReason:
      'REST API access logs need the account-level CloudWatch Logs role of API Gateway (AWS::ApiGateway::Account): without it the deployment fails. Log events are billed, and deleted after 30 days.',
    cdkFix: 'deployOptions: {accessLogDestination: new apigw.LogGroupLogDestination(logGroup), accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields()}',
    equivalents: {'serverless-rules': ['ES2000'], 'cdk-nag': ['Serverless-APIGWAccessLogging', 'AwsSolutions-APIG1'], checkov: ['CKV_AWS_76', 'CKV_AWS_95']},
    docs: {
      what: 'Finds REST API stages (`AWS::ApiGateway::Stage`, SAM `Api` and the implicit `ServerlessRestApi`) without `AccessLogSetting.DestinationArn`, and HTTP / WebSocket stages (`AWS::ApiGatewayV2::Stage`, SAM `HttpApi`) without `AccessLogSettings.DestinationArn`.',
      why: 'Access logs are the only record of who called the API, with which status, latency and integration error; without them a spike of 5xx or 429 responses cannot be investigated.',
      failing: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n      AccessLogSetting:\n        DestinationArn: !GetAtt ApiLogs.Arn\n        Format: \'{"requestId":"$context.requestId","status":"$context.status","latency":"$context.responseLatency"}\'',
      whenNotToUse: 'Internal test stages that are deleted after use.',
      references: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html', 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html'],
      limitations: 'Stages created implicitly by an `AWS::ApiGateway::Deployment` with `StageName` are not checked.',
    },
  },
  check({graph, report}) {
    for (const stage of graph.ofKind('stage')) {
      const property = isRestStage(stage) ? 'AccessLogSetting' : 'AccessLogSettings'
      const settings = stage.props[property]
      if (isIntrinsic(settings)) continue
      if (get(settings, 'DestinationArn') !== undefined) continue
      report({
        node: stage,
        path: settings === undefined ? [] : [property],
        messageId: 'noAccessLog',
        data: {stage: stageLabel(graph, stage), property: `${property}.DestinationArn`},
        autofix: (fixer) => {
          const written = fixer.written(stage)
          if (!written) return undefined
          const id = fixer.newResourceId(`${written.id}AccessLogs`)
          const group = {Type: 'AWS::Logs::LogGroup', Properties: {RetentionInDays: 30}}
          const setting = {DestinationArn: fixer.getAtt(id, 'Arn'), Format: JSON_ACCESS_LOG_FORMAT}
          return fixer.propose(`Write JSON access logs to new log group ${id}`, [
            fixer.setProperty(stage, [property], setting, {path: [property], value: setting, resource: isRestStage(stage) ? 'Api' : 'HttpApi'}),
            fixer.addResourceAfter(stage, id, group),
          ])
        },
        fix: `Set ${property}.DestinationArn to a CloudWatch Logs log group ARN and ${property}.Format to a JSON format.`,
      })
    }
  },
})
