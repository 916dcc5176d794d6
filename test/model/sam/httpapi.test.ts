// AWS::Serverless::HttpApi stages, authorizer permissions and `$default` route permissions as SAM 1.110's translator writes them (expected values produced by the translator).
import {describe, expect, it} from 'vitest'

import {graphOf} from '../../helpers/lint.js'

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Parameters:
  Env:
    Type: String
    Default: dev
Resources:
  Catchall:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: exports.handler = async () => ({})
      Events:
        Everything:
          Type: HttpApi
          Properties:
            ApiId: !Ref Public
            Path: /$default
            Method: ANY
  Authorizer:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: exports.handler = async () => ({})
  Public:
    Type: AWS::Serverless::HttpApi
    Properties:
      StageName: !Sub \${Env}-public
      Auth:
        DefaultAuthorizer: Allowed
        Authorizers:
          Allowed:
            FunctionArn: !GetAtt Authorizer.Arn
            EnableFunctionDefaultPermissions: true
            AuthorizerPayloadFormatVersion: '2.0'
          NotAllowed:
            FunctionArn: !GetAtt Authorizer.Arn
            AuthorizerPayloadFormatVersion: '2.0'
  Internal:
    Type: AWS::Serverless::HttpApi
    Properties:
      StageName: v1-internal
`

describe('AWS::Serverless::HttpApi', () => {
  const graph = graphOf(TEMPLATE)
  const node = (id: string) => graph.nodes.find((candidate) => candidate.id === id)

  it('names a stage from an intrinsic StageName without a suffix, and hashes a name with other characters', () => {
    const stages = graph.nodes.filter((candidate) => candidate.type === 'AWS::ApiGatewayV2::Stage').map((candidate) => candidate.id)
    expect(stages.sort()).toEqual(['InternalStage6928c3c538', 'PublicStage'])
  })

  it('gives API Gateway a permission on a Lambda authorizer only when EnableFunctionDefaultPermissions is true', () => {
    const permissions = graph.nodes.filter((candidate) => candidate.type === 'AWS::Lambda::Permission').map((candidate) => candidate.id)
    expect(permissions.sort()).toEqual(['CatchallEverythingPermission', 'PublicAllowedAuthorizerPermission'])
    expect(node('PublicAllowedAuthorizerPermission')?.props.SourceArn).toEqual({
      'Fn::Sub': ['arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/authorizers/*', {__ApiId__: {Ref: 'Public'}}],
    })
  })

  it('allows an ANY /$default route as {stage}/$default', () => {
    expect(node('CatchallEverythingPermission')?.props.SourceArn).toEqual({
      'Fn::Sub': ['arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/$default', {__ApiId__: {Ref: 'Public'}, __Stage__: '*'}],
    })
  })
})
