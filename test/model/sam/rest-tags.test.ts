// REST API tags as SAM 1.110's translator writes them (expected values produced by the translator).
import {describe, expect, it} from 'vitest'

import {graphOf} from '../../helpers/lint.js'

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    PropagateTags: true
    Tags:
      team: orders
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
  Shop:
    Type: AWS::Serverless::Api
    Properties:
      StageName: live
      PropagateTags: true
      Tags:
        cost-centre: '42'
      Auth:
        UsagePlan:
          CreateUsagePlan: PER_API
`

describe('REST API tags', () => {
  it('tag the stage, and with PropagateTags every generated resource that takes tags; functions pass theirs to the implicit API', () => {
    const tags = Object.fromEntries(
      graphOf(TEMPLATE)
        .nodes.filter((node) => node.type.startsWith('AWS::ApiGateway::'))
        .map((node) => [node.id, node.props.Tags]),
    )
    expect(tags).toEqual({
      ServerlessRestApi: [{Key: 'team', Value: 'orders'}],
      ServerlessRestApiDeployment1fa8730b15: undefined,
      ServerlessRestApiProdStage: [{Key: 'team', Value: 'orders'}],
      Shop: [{Key: 'cost-centre', Value: '42'}],
      ShopApiKey: [{Key: 'cost-centre', Value: '42'}],
      ShopDeployment5332c373d4: undefined,
      ShopUsagePlan: [{Key: 'cost-centre', Value: '42'}],
      ShopUsagePlanKey: undefined,
      ShopliveStage: [{Key: 'cost-centre', Value: '42'}],
    })
  })
})
