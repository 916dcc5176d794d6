// APG008: fixtures and cases for CORS allowing every origin with credentials.
import {describe, expect, it} from 'vitest'

import {run, runFixture} from './fixture.js'

describe('APG008 apigateway-cors-any-origin-with-credentials', () => {
  it('reports a SAM HttpApi CorsConfiguration', () => {
    expect(runFixture('APG008', 'fail-sam.yaml')).toEqual([{messageId: 'anyOrigin', data: {where: 'API Api'}, resource: 'Api', line: 6}])
  })

  it('reports a REST preflight answering * with credentials (JSON)', () => {
    expect(runFixture('APG008', 'fail-cfn.json')).toEqual([{messageId: 'anyOrigin', data: {where: 'OPTIONS /'}, resource: 'Preflight', line: 8}])
  })

  it('passes explicit origins', () => {
    expect(runFixture('APG008', 'pass-sam.yaml')).toEqual([])
    expect(runFixture('APG008', 'pass-cfn.json')).toEqual([])
  })

  it('reports SAM REST Cors with quoted values, and passes * without credentials', () => {
    const api = (cors: string) => `Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n      Cors: ${cors}\n`
    expect(run('APG008', api(`{AllowOrigin: "'*'", AllowCredentials: true}`))).toEqual([{messageId: 'anyOrigin', data: {where: 'API Api'}}])
    expect(run('APG008', api(`"'*'"`))).toEqual([])
  })
})
