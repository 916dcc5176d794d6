// AWS::Serverless::GraphQLApi expands as SAM 1.110's translator expands it (expected ids and values produced by the translator).
import {describe, expect, it} from 'vitest'

import {graphOf, runCatalogue} from '../../helpers/lint.js'

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::Serverless::GraphQLApi
    Properties:
      SchemaInline: |
        type Query { order(id: ID!): String }
      Auth:
        Type: AWS_LAMBDA
        LambdaAuthorizer:
          AuthorizerUri: arn:aws:lambda:us-east-1:123456789012:function:authorizer
        Additional:
          - Type: AWS_IAM
      Logging: false
      XrayEnabled: true
      ApiKeys:
        Partner:
          Description: partner access
      Cache:
        Type: SMALL
        ApiCachingBehavior: FULL_REQUEST_CACHING
        Ttl: 60
      DomainName:
        DomainName: graphql.example.com
        CertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/abc
      DataSources:
        DynamoDb:
          Table:
            TableName: orders
        Lambda:
          Enricher:
            FunctionArn: arn:aws:lambda:us-east-1:123456789012:function:enrich
            ServiceRoleArn: arn:aws:iam::123456789012:role/appsync-enricher
      Functions:
        ReadOrder:
          DataSource: Table
          Runtime: {Name: APPSYNC_JS, Version: 1.0.0}
          CodeUri: s3://bucket/read.js
        Passthrough:
          DataSource: NONE
          Runtime: {Name: APPSYNC_JS, Version: 1.0.0}
          InlineCode: export const request = () => ({}); export const response = (ctx) => ctx.prev.result;
        FromShared:
          DataSource: !GetAtt SharedSource.Name
          Runtime: {Name: APPSYNC_JS, Version: 1.0.0}
          CodeUri: s3://bucket/shared.js
      Resolvers:
        Query:
          order:
            Pipeline: [ReadOrder, Passthrough, FromShared]
  SharedSource:
    Type: AWS::AppSync::DataSource
    Properties:
      ApiId: !GetAtt Orders.ApiId
      Name: shared
      Type: NONE
`

describe('AWS::Serverless::GraphQLApi', () => {
  const graph = graphOf(TEMPLATE)
  const node = (id: string) => graph.nodes.find((candidate) => candidate.id === id)

  it('generates the AppSync resources SAM generates, under SAM ids', () => {
    expect(graph.nodes.map((candidate) => `${candidate.id} ${candidate.type}`).sort()).toEqual([
      'Orders AWS::AppSync::GraphQLApi',
      'OrdersApiCache AWS::AppSync::ApiCache',
      'OrdersDomainName AWS::AppSync::DomainName',
      'OrdersDomainNameApiAssociation AWS::AppSync::DomainNameApiAssociation',
      'OrdersEnricherLambdaDataSource AWS::AppSync::DataSource',
      'OrdersFromShared AWS::AppSync::FunctionConfiguration',
      'OrdersNoneDataSource AWS::AppSync::DataSource',
      'OrdersPartner AWS::AppSync::ApiKey',
      'OrdersPassthrough AWS::AppSync::FunctionConfiguration',
      'OrdersQueryorder AWS::AppSync::Resolver',
      'OrdersReadOrder AWS::AppSync::FunctionConfiguration',
      'OrdersSchema AWS::AppSync::GraphQLSchema',
      'OrdersTableDynamoDBDataSource AWS::AppSync::DataSource',
      'OrdersTableDynamoDBDataSourceRole AWS::IAM::Role',
      'OrdersTableDynamoDBDataSourceToTableConnectorPolicy AWS::IAM::ManagedPolicy',
      'OrdersToLambdaAuthConnector1WriteLambdaPermission AWS::Lambda::Permission',
      'SharedSource AWS::AppSync::DataSource',
    ])
  })

  it('writes authentication, no log config when Logging is false, and the authorizer permission', () => {
    expect(node('Orders')?.props).toEqual({
      Name: 'Orders',
      AuthenticationType: 'AWS_LAMBDA',
      LambdaAuthorizerConfig: {AuthorizerUri: 'arn:aws:lambda:us-east-1:123456789012:function:authorizer'},
      AdditionalAuthenticationProviders: [{AuthenticationType: 'AWS_IAM'}],
      XrayEnabled: true,
      Tags: [{Key: 'graphqlapi:createdBy', Value: 'SAM'}],
    })
    expect(node('OrdersToLambdaAuthConnector1WriteLambdaPermission')?.props).toMatchObject({
      Action: 'lambda:InvokeFunction',
      FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:authorizer',
      Principal: 'appsync.amazonaws.com',
    })
  })

  it('gives a DynamoDB data source a role and a table policy, and resolves function data sources', () => {
    expect(node('OrdersTableDynamoDBDataSource')?.props).toEqual({
      ApiId: {'Fn::GetAtt': ['Orders', 'ApiId']},
      Name: 'Table',
      Type: 'AMAZON_DYNAMODB',
      ServiceRoleArn: {'Fn::GetAtt': ['OrdersTableDynamoDBDataSourceRole', 'Arn']},
      DynamoDBConfig: {AwsRegion: {Ref: 'AWS::Region'}, TableName: 'orders'},
    })
    expect(node('OrdersTableDynamoDBDataSourceToTableConnectorPolicy')?.props.Roles).toEqual([{Ref: 'OrdersTableDynamoDBDataSourceRole'}])
    expect(node('OrdersReadOrder')?.props.DataSourceName).toEqual({'Fn::GetAtt': ['OrdersTableDynamoDBDataSource', 'Name']})
    expect(node('OrdersPassthrough')?.props.DataSourceName).toEqual({'Fn::GetAtt': ['OrdersNoneDataSource', 'Name']})
    expect(node('OrdersFromShared')?.props.DataSourceName).toEqual({'Fn::GetAtt': ['SharedSource', 'Name']})
    expect(node('OrdersQueryorder')?.props).toMatchObject({
      Kind: 'PIPELINE',
      TypeName: 'Query',
      FieldName: 'order',
      Runtime: {Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0'},
      PipelineConfig: {
        Functions: [{'Fn::GetAtt': ['OrdersReadOrder', 'FunctionId']}, {'Fn::GetAtt': ['OrdersPassthrough', 'FunctionId']}, {'Fn::GetAtt': ['OrdersFromShared', 'FunctionId']}],
      },
    })
  })

  it('reports no dependency cycle through a function that uses a data source declared outside the API', () => {
    const findings = runCatalogue(TEMPLATE, 'strict').filter((finding) => finding.ruleId.startsWith('TPL'))
    expect(findings.filter((finding) => finding.severity !== 'info')).toEqual([])
  })
})
