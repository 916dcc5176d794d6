// APS002: fixtures and cases for AppSync APIs without request logging.
import {describe, expect, it} from 'vitest'

import {run, runFixture} from './fixture.js'

describe('APS002 appsync-logging-disabled', () => {
  it('reports an API without LogConfig, and FieldLogLevel NONE (JSON)', () => {
    expect(runFixture('APS002', 'fail.yaml')).toEqual([{messageId: 'noLogConfig', data: {api: 'Api', property: 'LogConfig'}, resource: 'Api', line: 2}])
    expect(runFixture('APS002', 'fail.json')).toEqual([{messageId: 'levelNone', data: {api: 'Api'}, resource: 'Api', line: 1}])
  })

  it('passes FieldLogLevel ERROR', () => {
    expect(runFixture('APS002', 'pass.yaml')).toEqual([])
  })

  it('reads the SAM GraphQLApi Logging property', () => {
    const sam = (logging: string) =>
      `Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::GraphQLApi\n    Properties:\n      SchemaUri: schema.graphql\n      Auth: {Type: AWS_IAM}\n${logging}`
    expect(run('APS002', sam('      Logging: true\n'))).toEqual([])
    expect(run('APS002', sam('      Logging: {FieldLogLevel: ALL}\n'))).toEqual([])
    // SAM logs at level ALL, with a role it creates, unless Logging is false.
    expect(run('APS002', sam(''))).toEqual([])
    expect(run('APS002', sam('      Logging: false\n'))).toEqual([{messageId: 'noLogConfig', data: {api: 'Api', property: 'Logging'}}])
    expect(run('APS002', sam('      Logging: {FieldLogLevel: NONE}\n'))).toEqual([{messageId: 'levelNone', data: {api: 'Api'}}])
  })
})
