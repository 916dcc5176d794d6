// APG001: fixtures and cases for API stages without access logs.
import {describe, expect, it} from 'vitest'

import {runRuleLive} from '../cloudwatch/live-graph.js'
import {run, runFixture} from './fixture.js'

describe('APG001 apigateway-stage-without-access-logging', () => {
  it('reports a SAM HttpApi stage at the API the user wrote', () => {
    expect(runFixture('APG001', 'fail-sam.yaml')).toEqual([{messageId: 'noAccessLog', data: {stage: 'Api/prod', property: 'AccessLogSettings.DestinationArn'}, resource: 'ApiprodStage', line: 3}])
  })

  it('reports a raw REST stage (JSON)', () => {
    expect(runFixture('APG001', 'fail-cfn.json')).toEqual([{messageId: 'noAccessLog', data: {stage: 'Api/prod', property: 'AccessLogSetting.DestinationArn'}, resource: 'Stage', line: 4}])
  })

  it('passes stages with a destination', () => {
    expect(runFixture('APG001', 'pass-sam.yaml')).toEqual([])
    expect(runFixture('APG001', 'pass-cfn.json')).toEqual([])
  })

  it('reports the implicit ServerlessRestApi and honours Globals.Api', () => {
    const fn = `  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: .
      Events:
        Get: {Type: Api, Properties: {Path: /, Method: GET}}
`
    expect(run('APG001', `Transform: AWS::Serverless-2016-10-31\nResources:\n${fn}`)).toEqual([{messageId: 'noAccessLog', data: {stage: 'ServerlessRestApi/Prod', property: 'AccessLogSetting.DestinationArn'}}])
    const globals = `Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Api:\n    AccessLogSetting:\n      DestinationArn: arn:aws:logs:eu-west-1:123456789012:log-group:api\n      Format: '{"id":"$context.requestId"}'\nResources:\n${fn}`
    expect(run('APG001', globals)).toEqual([])
  })

  it('is lenient with settings built by an intrinsic', () => {
    expect(
      run('APG001', 'Resources:\n  S:\n    Type: AWS::ApiGatewayV2::Stage\n    Properties:\n      ApiId: x\n      StageName: s\n      AccessLogSettings: !If [Prod, {DestinationArn: a}, !Ref AWS::NoValue]\n'),
    ).toEqual([])
  })

  it('checks live stages', () => {
    const arn = 'arn:aws:apigateway:eu-west-1::/restapis/a1b2c3/stages/prod'
    expect(runRuleLive('APG001', [{arn, type: 'AWS::ApiGateway::Stage', props: {RestApiId: 'a1b2c3', StageName: 'prod'}}])).toMatchObject([{messageId: 'noAccessLog', data: {stage: 'prod'}}])
  })
})
