// APG004: fixtures and cases for stages without default throttling.
import {describe, expect, it} from 'vitest'

import {run, runFixture} from './fixture.js'

const rest = (settings: string, extra = '') => `Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: orders}
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      StageName: prod
${settings}
${extra}`

describe('APG004 apigateway-stage-without-throttling', () => {
  it('reports a SAM Api without MethodSettings', () => {
    expect(runFixture('APG004', 'fail-sam.yaml')).toEqual([{messageId: 'noThrottling', data: {stage: 'Api/prod', property: 'MethodSettings for /* with ThrottlingRateLimit'}, resource: 'ApiprodStage', line: 3}])
  })

  it('reports an HTTP stage whose DefaultRouteSettings do not throttle (JSON)', () => {
    expect(runFixture('APG004', 'fail-cfn.json')).toEqual([{messageId: 'noThrottling', data: {stage: 'Api/$default', property: 'DefaultRouteSettings.ThrottlingRateLimit'}, resource: 'Stage', line: 4}])
  })

  it('passes throttled stages', () => {
    expect(runFixture('APG004', 'pass-sam.yaml')).toEqual([])
    expect(runFixture('APG004', 'pass-cfn.json')).toEqual([])
  })

  it('does not count throttling of a single resource path as the default', () => {
    expect(run('APG004', rest('      MethodSettings:\n        - {ResourcePath: /orders, HttpMethod: GET, ThrottlingRateLimit: 10}'))).toHaveLength(1)
  })

  it('accepts a usage plan that throttles the API', () => {
    const plan = '  Plan:\n    Type: AWS::ApiGateway::UsagePlan\n    Properties:\n      ApiStages: [{ApiId: !Ref Api, Stage: prod}]\n      Throttle: {RateLimit: 100, BurstLimit: 200}\n'
    expect(run('APG004', rest('', plan))).toEqual([])
  })

  it('is lenient with MethodSettings from an intrinsic', () => {
    expect(run('APG004', rest('      MethodSettings: !If [Prod, [], []]'))).toEqual([])
  })
})
