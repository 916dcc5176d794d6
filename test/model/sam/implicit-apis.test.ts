// The implicit ServerlessRestApi as SAM 1.110's translator creates it (expected ids produced by the translator).
import {describe, expect, it} from 'vitest'

import {graphOf} from '../../helpers/lint.js'

describe('implicit ServerlessRestApi', () => {
  it('takes the place of a resource of another type the template names ServerlessRestApi', () => {
    const graph = graphOf(`Transform: AWS::Serverless-2016-10-31
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
          Properties: {Path: /orders, Method: get}
  ServerlessRestApi:
    Type: AWS::SNS::Topic
`)
    expect(graph.nodes.map((node) => `${node.id} ${node.type}`).sort()).toEqual([
      'Orders AWS::Lambda::Function',
      'OrdersListPermissionProd AWS::Lambda::Permission',
      'OrdersRole AWS::IAM::Role',
      'ServerlessRestApi AWS::ApiGateway::RestApi',
      'ServerlessRestApiDeployment1fa8730b15 AWS::ApiGateway::Deployment',
      'ServerlessRestApiProdStage AWS::ApiGateway::Stage',
    ])
  })
})
