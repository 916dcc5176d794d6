// APS001: fixtures and cases for AppSync APIs without X-Ray tracing.
import {describe, expect, it} from 'vitest'

import {runRuleLive} from '../cloudwatch/live-graph.js'
import {run, runFixture} from './fixture.js'

describe('APS001 appsync-tracing-disabled', () => {
  it('reports an API without XrayEnabled, and XrayEnabled false (JSON)', () => {
    expect(runFixture('APS001', 'fail.yaml')).toEqual([{messageId: 'notEnabled', data: {api: 'Api', value: 'unset (off)'}, resource: 'Api', line: 2}])
    expect(runFixture('APS001', 'fail.json')).toEqual([{messageId: 'notEnabled', data: {api: 'Api', value: 'false'}, resource: 'Api', line: 1}])
  })

  it('passes XrayEnabled true, and the SAM GraphQLApi form', () => {
    expect(runFixture('APS001', 'pass.yaml')).toEqual([])
    expect(
      run('APS001', 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::GraphQLApi\n    Properties: {SchemaUri: schema.graphql, Auth: {Type: AWS_IAM}, XrayEnabled: true}\n'),
    ).toEqual([])
  })

  it('checks live APIs', () => {
    expect(runRuleLive('APS001', [{arn: 'arn:aws:appsync:eu-west-1:123456789012:apis/abc', type: 'AWS::AppSync::GraphQLApi', props: {Name: 'orders', XrayEnabled: false}}])).toMatchObject([{data: {api: 'abc'}}])
  })
})
