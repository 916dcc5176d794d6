// AWS::Serverless::WebSocketApi takes its Globals as SAM 1.110's translator does (expected values produced by the translator).
import {describe, expect, it} from 'vitest'

import {graphOf} from '../../helpers/lint.js'

describe('AWS::Serverless::WebSocketApi Globals', () => {
  it('inherits a custom domain and stage variables from Globals', () => {
    const graph = graphOf(`Transform: AWS::Serverless-2016-10-31
Globals:
  WebSocketApi:
    Domain:
      DomainName: ws.example.com
      CertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/abc
    StageVariables:
      level: debug
Resources:
  Chat:
    Type: AWS::Serverless::WebSocketApi
    Properties:
      RouteSelectionExpression: $request.body.action
      Routes:
        $connect:
          FunctionArn: arn:aws:lambda:us-east-1:123456789012:function:connect
`)
    expect(graph.nodes.map((node) => `${node.id} ${node.type}`).sort()).toEqual([
      'ApiGatewayDomainNameV2453c43f60a AWS::ApiGatewayV2::DomainName',
      'Chat AWS::ApiGatewayV2::Api',
      'ChatApiMapping AWS::ApiGatewayV2::ApiMapping',
      'ChatConnectIntegration AWS::ApiGatewayV2::Integration',
      'ChatConnectPermission AWS::Lambda::Permission',
      'ChatConnectRoute AWS::ApiGatewayV2::Route',
      'ChatDefaultStage AWS::ApiGatewayV2::Stage',
    ])
    expect(graph.nodes.find((node) => node.id === 'ChatDefaultStage')?.props.StageVariables).toEqual({level: 'debug'})
  })
})
