// APG006: fixtures and cases for REST APIs without request validation.
import {describe, expect, it} from 'vitest'

import {findRule} from '../../../src/rules/index.js'
import {run, runFixture} from './fixture.js'

describe('APG006 apigateway-rest-api-without-request-validation', () => {
  it('is advice outside the recommended preset', () => {
    expect(findRule('APG006')!.meta).toMatchObject({severity: 'info', recommended: false})
  })

  it('reports a REST API without validators, and an OpenAPI body without them (JSON)', () => {
    expect(runFixture('APG006', 'fail-cfn.yaml')).toEqual([{messageId: 'noValidator', data: {api: 'Api'}, resource: 'Api', line: 2}])
    expect(runFixture('APG006', 'fail.json')).toEqual([{messageId: 'noValidator', data: {api: 'Api'}, resource: 'Api', line: 1}])
  })

  it('passes a RequestValidator resource and validators declared in the body', () => {
    expect(runFixture('APG006', 'pass-cfn.yaml')).toEqual([])
    expect(runFixture('APG006', 'pass.json')).toEqual([])
  })

  it('passes a SAM Api whose event validates its request model', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: .
      Events:
        Create:
          Type: Api
          Properties:
            Path: /orders
            Method: post
            RequestModel: {Model: Order, Required: true, ValidateBody: true}
`
    expect(run('APG006', text)).toEqual([])
  })

  it('skips bodies it cannot read', () => {
    expect(run('APG006', 'Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      BodyS3Location: {Bucket: b, Key: k}\n')).toEqual([])
  })
})
