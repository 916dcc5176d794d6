// APG005: fixtures and cases for methods and routes without authorization.
import {describe, expect, it} from 'vitest'

import {run, runFixture} from './fixture.js'

const samFn = (event: string, api = '') => `Transform: AWS::Serverless-2016-10-31
Resources:
${api}  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: .
      Events:
        E:
${event}
`

describe('APG005 apigateway-route-without-authorization', () => {
  it('reports a SAM HttpApi event without an authorizer at the event', () => {
    expect(runFixture('APG005', 'fail-sam.yaml')).toEqual([
      {messageId: 'open', data: {route: 'POST /orders', api: 'ServerlessHttpApi', authorization: 'no security requirement'}, resource: 'ServerlessHttpApi', line: 12},
    ])
  })

  it('reports a raw REST method with AuthorizationType NONE and names its path (JSON)', () => {
    expect(runFixture('APG005', 'fail-cfn.json')).toEqual([{messageId: 'open', data: {route: 'GET /orders', api: 'Api', authorization: 'NONE'}, resource: 'GetOrders', line: 7}])
  })

  it('passes a default JWT authorizer and IAM authorization', () => {
    expect(runFixture('APG005', 'pass-sam.yaml')).toEqual([])
    expect(runFixture('APG005', 'pass-cfn.json')).toEqual([])
  })

  it('takes SAM Auth.DefaultAuthorizer as covering an inline DefinitionBody (Api and HttpApi)', () => {
    expect(runFixture('APG005', 'pass-default-authorizer-inline-body.yaml')).toEqual([])
  })

  it('does not call an API open when its resource policy admits only an IP allowlist', () => {
    expect(runFixture('APG005', 'pass-ip-allowlist.yaml')).toEqual([])
  })

  it('still reports an inline body without a default authorizer, whatever accounts the policy lists', () => {
    expect(runFixture('APG005', 'fail-inline-body-without-default.yaml')).toEqual([
      {messageId: 'open', data: {route: 'POST /orders', api: 'Api', authorization: 'no security requirement'}, resource: 'Api', line: 15},
    ])
  })

  it('reports an explicit Authorizer: NONE even under a default authorizer', () => {
    const api = '  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n      Auth: {DefaultAuthorizer: AWS_IAM}\n'
    expect(run('APG005', samFn('          Type: Api\n          Properties: {RestApiId: !Ref Api, Path: /health, Method: get, Auth: {Authorizer: NONE}}', api))).toEqual([
      {messageId: 'open', data: {route: 'GET /health', api: 'Api', authorization: 'no security requirement'}},
    ])
    expect(run('APG005', samFn('          Type: Api\n          Properties: {RestApiId: !Ref Api, Path: /orders, Method: get}', api))).toEqual([])
  })

  it.each([
    ['an OPTIONS preflight', 'HttpMethod: OPTIONS\n      AuthorizationType: NONE'],
    ['an unresolved authorization type', 'HttpMethod: GET\n      AuthorizationType: !Ref Auth'],
    ['a Cognito authorizer', 'HttpMethod: GET\n      AuthorizationType: COGNITO_USER_POOLS'],
  ])('passes %s', (_name, props) => {
    expect(
      run('APG005', `Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n  M:\n    Type: AWS::ApiGateway::Method\n    Properties:\n      RestApiId: !Ref Api\n      ResourceId: r\n      ${props}\n`),
    ).toEqual([])
  })

  it('skips private APIs and unset authorization on APIs with an OpenAPI body', () => {
    const method = '  M:\n    Type: AWS::ApiGateway::Method\n    Properties: {RestApiId: !Ref Api, ResourceId: r, HttpMethod: GET}\n'
    expect(run('APG005', `Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties: {EndpointConfiguration: {Types: [PRIVATE]}}\n${method}`)).toEqual([])
    expect(run('APG005', `Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties: {Body: {openapi: 3.0.1, security: [{jwt: []}]}}\n${method}`)).toEqual([])
  })

  it('reads security requirements of a hand-written OpenAPI body', () => {
    const api = (security: string) => `Resources:
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Body:
        openapi: 3.0.1
        paths:
          /orders:
            get:${security}
              x-amazon-apigateway-integration: {type: aws_proxy, uri: arn:aws:lambda:eu-west-1:123456789012:function:f, payloadFormatVersion: '2.0'}
            options:
              x-amazon-apigateway-integration: {type: mock}
`
    expect(run('APG005', api(''))).toEqual([{messageId: 'open', data: {route: 'GET /orders', api: 'Api', authorization: 'no security requirement'}}])
    expect(run('APG005', api('\n              security: []'))).toEqual([{messageId: 'open', data: {route: 'GET /orders', api: 'Api', authorization: 'security: []'}}])
    expect(run('APG005', api('\n              security: [{jwt: [orders.read]}]'))).toEqual([])
  })

  it('checks only $connect on WebSocket APIs', () => {
    const text = `Resources:
  Ws:
    Type: AWS::ApiGatewayV2::Api
    Properties: {Name: ws, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action}
  Connect:
    Type: AWS::ApiGatewayV2::Route
    Properties: {ApiId: !Ref Ws, RouteKey: $connect, AuthorizationType: NONE}
  Send:
    Type: AWS::ApiGatewayV2::Route
    Properties: {ApiId: !Ref Ws, RouteKey: send, AuthorizationType: NONE}
`
    expect(run('APG005', text)).toEqual([{messageId: 'open', data: {route: '$connect', api: 'Ws', authorization: 'NONE'}}])
  })
})
