// APG003: fixtures and cases for REST stages without X-Ray tracing.
import {describe, expect, it} from 'vitest'

import {runRuleLive} from '../cloudwatch/live-graph.js'
import {run, runFixture} from './fixture.js'

describe('APG003 apigateway-rest-stage-tracing-disabled', () => {
  it('reports a SAM Api without TracingEnabled at the Api', () => {
    expect(runFixture('APG003', 'fail-sam.yaml')).toEqual([{messageId: 'notEnabled', data: {stage: 'Api/prod', value: 'unset (off)'}, resource: 'ApiprodStage', line: 3}])
  })

  it('reports TracingEnabled false on its line (JSON)', () => {
    expect(runFixture('APG003', 'fail-cfn.json')).toEqual([{messageId: 'notEnabled', data: {stage: 'Api/prod', value: 'false'}, resource: 'Stage', line: 17}])
  })

  it('passes TracingEnabled from Globals and on the stage', () => {
    expect(runFixture('APG003', 'pass-sam.yaml')).toEqual([])
    expect(runFixture('APG003', 'pass-cfn.json')).toEqual([])
  })

  it('ignores HTTP API stages, which cannot be traced, and unresolved values', () => {
    expect(run('APG003', 'Resources:\n  S:\n    Type: AWS::ApiGatewayV2::Stage\n    Properties: {ApiId: x, StageName: s}\n')).toEqual([])
    expect(run('APG003', 'Resources:\n  S:\n    Type: AWS::ApiGateway::Stage\n    Properties: {RestApiId: x, StageName: s, TracingEnabled: !Ref T}\n')).toEqual([])
  })

  it('checks live REST stages', () => {
    expect(
      runRuleLive('APG003', [{arn: 'arn:aws:apigateway:eu-west-1::/restapis/a/stages/prod', type: 'AWS::ApiGateway::Stage', props: {RestApiId: 'a', StageName: 'prod', TracingEnabled: false}}]),
    ).toMatchObject([{data: {value: 'false'}}])
  })
})
