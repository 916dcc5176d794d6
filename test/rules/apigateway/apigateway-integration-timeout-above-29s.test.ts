// APG007: fixtures and cases for integrations waiting past 29 s and functions that outlive their integration.
import {describe, expect, it} from 'vitest'

import {run, runFixture} from './fixture.js'

const httpFn = (timeout: string, routeTimeout = '') => `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: .
${timeout}
      Events:
        Get:
          Type: HttpApi
          Properties: {Path: /x, Method: GET${routeTimeout}}
`

describe('APG007 apigateway-integration-timeout-above-29s', () => {
  it('reports a function (timeout from Globals) that outlives the REST integration, at the event', () => {
    expect(runFixture('APG007', 'fail-sam.yaml')).toEqual([
      {messageId: 'functionTimeout', data: {function: 'Report', route: 'GET /report', api: 'ServerlessRestApi', functionTimeout: 60, integrationTimeout: 29}, resource: 'ServerlessRestApi', line: 15},
    ])
  })

  it('reports an explicit REST TimeoutInMillis above 29000 (JSON)', () => {
    expect(runFixture('APG007', 'fail-cfn.json')).toEqual([{messageId: 'integrationTimeout', data: {route: 'GET /', api: 'Api', timeout: 45000}, resource: 'GetRoot', line: 9}])
  })

  it('passes functions that finish within the integration timeout', () => {
    expect(runFixture('APG007', 'pass-sam.yaml')).toEqual([])
    expect(runFixture('APG007', 'pass-cfn.json')).toEqual([])
  })

  it.each([
    ['the 3 s default', '', []],
    ['30 s on an HTTP API (its limit)', '      Timeout: 30', []],
    ['31 s on an HTTP API', '      Timeout: 31', [{function: 'Fn', route: 'GET /x', api: 'ServerlessHttpApi', functionTimeout: 31, integrationTimeout: 30}]],
    ['a parameter', '      Timeout: !Ref T', []],
  ])('with a function timeout of %s', (_name, timeout, expected) => {
    expect(run('APG007', httpFn(timeout)).map((f) => f.data)).toEqual(expected)
  })

  it('compares with a shorter route timeout', () => {
    expect(run('APG007', httpFn('      Timeout: 10', ', TimeoutInMillis: 5000')).map((f) => f.data.integrationTimeout)).toEqual([5])
  })

  it('follows raw HTTP routes to their AWS::ApiGatewayV2::Integration', () => {
    const text = `Resources:
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties: {Name: a, ProtocolType: HTTP}
  Fn:
    Type: AWS::Lambda::Function
    Properties: {Runtime: nodejs22.x, Handler: index.handler, Role: r, Code: {ZipFile: x}, Timeout: 900}
  Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties: {ApiId: !Ref Api, IntegrationType: AWS_PROXY, IntegrationUri: !GetAtt Fn.Arn, PayloadFormatVersion: '2.0'}
  Route:
    Type: AWS::ApiGatewayV2::Route
    Properties: {ApiId: !Ref Api, RouteKey: POST /jobs, Target: !Sub 'integrations/\${Integration}'}
`
    expect(run('APG007', text)).toEqual([{messageId: 'functionTimeout', data: {function: 'Fn', route: 'POST /jobs', api: 'Api', functionTimeout: 900, integrationTimeout: 30}}])
  })
})
