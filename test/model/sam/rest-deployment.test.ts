// REST API Deployment ids hash what SAM 1.110's translator hashes (expected ids produced by the translator on these templates).
import {describe, expect, it} from 'vitest'

import {graphOf} from '../../helpers/lint.js'

const deployments = (text: string): string[] =>
  graphOf(text)
    .nodes.filter((node) => node.type === 'AWS::ApiGateway::Deployment')
    .map((node) => node.id)
    .sort()

/** Binary media types, gateway responses, models, an API and an event resource policy, request models and parameters, a conditional path. */
const EXTENSIONS = `Transform: AWS::Serverless-2016-10-31
Conditions:
  InProd: !Equals [!Ref AWS::AccountId, '123456789012']
Resources:
  Shop:
    Type: AWS::Serverless::Api
    Properties:
      StageName: live
      BinaryMediaTypes: [image~1png]
      GatewayResponses:
        DEFAULT_4XX:
          StatusCode: '400'
          ResponseParameters:
            Headers:
              Access-Control-Allow-Origin: "'*'"
      Models:
        Order:
          type: object
          properties:
            id: {type: string}
      Auth:
        ResourcePolicy:
          IpRangeBlacklist: [10.0.0.0/8]
          CustomStatements:
            - Effect: Allow
              Principal: '*'
              Action: execute-api:Invoke
              Resource: execute-api:/*
  Orders:
    Type: AWS::Serverless::Function
    Condition: InProd
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: exports.handler = async () => ({})
      Events:
        Create:
          Type: Api
          Properties:
            RestApiId: !Ref Shop
            Path: /orders
            Method: post
            RequestModel:
              Model: Order
              Required: true
              ValidateBody: true
            RequestParameters:
              - method.request.header.Authorization
              - method.request.querystring.dryRun:
                  Required: false
                  Caching: true
            Auth:
              ResourcePolicy:
                AwsAccountWhitelist: ['111122223333']
`

/** `swagger: 2.0` is a float to SAM's YAML reader and hashes as `2.0`; `swagger: 2` hashes as `2`. DisableExecuteApiEndpoint writes an extension. */
const VERSIONS = `Transform: AWS::Serverless-2016-10-31
Resources:
  Legacy:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
      DisableExecuteApiEndpoint: true
      DefinitionBody:
        swagger: 2.0
        info: {title: legacy}
        paths: {}
  Modern:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
      DefinitionBody:
        swagger: 2
        info: {title: modern}
        paths: {}
`

/** MergeDefinitions: the integration the event generates is merged over the written method. */
const MERGED = `Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: exports.handler = async () => ({})
      Events:
        List:
          Type: Api
          Properties:
            RestApiId: !Ref Shop
            Path: /orders
            Method: GET
  Shop:
    Type: AWS::Serverless::Api
    Properties:
      StageName: live
      MergeDefinitions: true
      DefinitionBody:
        swagger: '2.0'
        info: {title: shop}
        paths:
          /orders:
            get:
              summary: List orders
              x-amazon-apigateway-integration:
                type: mock
`

/** Five methods on one path (Python 2.7 dict order of the events SAM copies), an IAM authorizer and an event resource policy. */
const ORDERED = `Transform: AWS::Serverless-2016-10-31
Resources:
  Users:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: exports.handler = async () => ({})
      Events:
        Create:
          Type: Api
          Properties: {Path: /users, Method: post}
        Read:
          Type: Api
          Properties: {Path: /users, Method: get}
        Patch:
          Type: Api
          Properties: {Path: /users, Method: patch}
        Remove:
          Type: Api
          Properties: {Path: /users, Method: delete}
        Replace:
          Type: Api
          Properties:
            Path: /users
            Method: put
            Auth:
              Authorizer: AWS_IAM
              ResourcePolicy:
                AwsAccountWhitelist: ['111122223333']
`

/** The names of functions wired to an explicit API join its hash, with parameter references resolved to their defaults. */
const NAMED = `Transform: AWS::Serverless-2016-10-31
Parameters:
  Prefix:
    Type: String
    Default: shop
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: !Sub \${Prefix}-orders
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: exports.handler = async () => ({})
      Events:
        List:
          Type: Api
          Properties:
            RestApiId: !Ref Shop
            Path: /orders
            Method: get
  Shop:
    Type: AWS::Serverless::Api
    Properties:
      StageName: live
`

/** OverrideApiAuth: an event's auth is written into a definition SAM does not otherwise manage. */
const OVERRIDDEN = `Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: exports.handler = async () => ({})
      Events:
        List:
          Type: Api
          Properties:
            RestApiId: !Ref Shop
            Path: /orders
            Method: get
            Auth:
              Authorizer: AWS_IAM
              OverrideApiAuth: true
  Shop:
    Type: AWS::Serverless::Api
    Properties:
      StageName: live
      DefinitionBody:
        swagger: '2.0'
        info: {title: shop}
        paths:
          /orders:
            get:
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Orders.Arn}/invocations
`

describe('REST API Deployment ids', () => {
  it('hash the definition SAM writes from the API and its events', () => {
    expect(deployments(EXTENSIONS)).toEqual(['ShopDeployment30511104b8'])
  })

  it('hash a written definition as SAM reads it', () => {
    expect(deployments(VERSIONS)).toEqual(['LegacyDeploymentf026986b34', 'ModernDeployment74983ce8e1'])
  })

  it('write the resource policy, gateway responses and media types SAM writes into the managed definition', () => {
    const body = graphOf(EXTENSIONS).nodes.find((node) => node.id === 'Shop')?.props.Body as Record<string, unknown>
    expect(body['x-amazon-apigateway-binary-media-types']).toEqual(['image/png'])
    expect(body['x-amazon-apigateway-gateway-responses']).toEqual({
      DEFAULT_4XX: {responseParameters: {'gatewayresponse.header.Access-Control-Allow-Origin': "'*'"}, responseTemplates: {}, statusCode: '400'},
    })
    expect(JSON.stringify(body['x-amazon-apigateway-policy'])).toContain('"aws:SourceIp":["10.0.0.0/8"]')
    expect(JSON.stringify(body['x-amazon-apigateway-policy'])).toContain('"AWS":["111122223333"]')
    expect(body.paths).toEqual({'/orders': {'Fn::If': ['InProd', expect.objectContaining({post: expect.anything()}), {Ref: 'AWS::NoValue'}]}})
  })

  it('hash a written definition with the methods events merge into it', () => {
    expect(deployments(MERGED)).toEqual(['ShopDeploymenta8173eab0c'])
    const body = graphOf(MERGED).nodes.find((node) => node.id === 'Shop')?.props.Body
    expect(body).toEqual({
      swagger: '2.0',
      info: {title: 'shop'},
      paths: {
        '/orders': {
          get: {
            summary: 'List orders',
            'x-amazon-apigateway-integration': {type: 'aws_proxy', httpMethod: 'POST', uri: {'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Orders.Arn}/invocations'}},
            responses: {},
          },
        },
      },
    })
  })

  it('hash methods and security definitions in the order SAM inserts them', () => {
    expect(deployments(ORDERED)).toEqual(['ServerlessRestApiDeployment2bcebe2b0d'])
  })

  it('hash the names of the functions an explicit API serves', () => {
    expect(deployments(NAMED)).toEqual(['ShopDeployment58053108d4'])
  })

  it("hash a written definition with an event's OverrideApiAuth applied, and read the method as SAM deploys it", () => {
    expect(deployments(OVERRIDDEN)).toEqual(['ShopDeployment6959b942e4'])
    const body = graphOf(OVERRIDDEN).nodes.find((node) => node.id === 'Shop')?.props.Body as {paths: Record<string, Record<string, Record<string, unknown>>>}
    expect(body.paths['/orders']?.get?.security).toEqual([{AWS_IAM: []}])
  })
})
