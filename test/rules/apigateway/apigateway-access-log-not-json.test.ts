// APG002: fixtures and cases for access log formats that are not JSON.
import {describe, expect, it} from 'vitest'

import {isJsonFormat} from '../../../src/rules/apigateway/apigateway-access-log-not-json.js'
import {run, runFixture} from './fixture.js'

const stage = (format: string) => `Resources:
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: abc
      StageName: prod
      AccessLogSetting:
        DestinationArn: arn:aws:logs:eu-west-1:123456789012:log-group:api
        Format: ${format}
`

describe('APG002 apigateway-access-log-not-json', () => {
  it('reports a CLF-style format on the Format line of a SAM HttpApi', () => {
    expect(runFixture('APG002', 'fail-sam.yaml')).toEqual([
      {messageId: 'notJson', data: {stage: 'Api/prod', format: '$context.identity.sourceIp $context.requestId $context.st...'}, resource: 'ApiprodStage', line: 13},
    ])
  })

  it('reports an XML format in JSON', () => {
    expect(runFixture('APG002', 'fail-cfn.json')).toMatchObject([{messageId: 'notJson', resource: 'Stage', line: 30}])
  })

  it('passes JSON formats, quoted and unquoted variables alike', () => {
    expect(runFixture('APG002', 'pass-sam.yaml')).toEqual([])
    expect(runFixture('APG002', 'pass-cfn.json')).toEqual([])
  })

  it.each([
    ['{"requestId":"$context.requestId","status":$context.status,"latency":$context.responseLatency}', true],
    ['{ "ip": "$context.identity.sourceIp", "auth": "$context.authorizer.claims.sub" }', true],
    ['$context.requestId,$context.status', false],
    ['{"a": 1', false],
    ['["$context.requestId"]', false],
  ])('recognises %s as JSON: %s', (format, json) => {
    expect(isJsonFormat(format)).toBe(json)
  })

  it('fills Fn::Sub placeholders before checking', () => {
    expect(run('APG002', stage(`!Sub '{"stack":"\${AWS::StackName}","id":"$context.requestId"}'`))).toEqual([])
    expect(run('APG002', stage("!Sub '${AWS::StackName} $context.requestId'"))).toEqual([{messageId: 'notJson', data: {stage: 'Stage', format: '${AWS::StackName} $context.requestId'}}])
  })

  it('skips formats it cannot read', () => {
    expect(run('APG002', stage('!Ref Format'))).toEqual([])
  })
})
