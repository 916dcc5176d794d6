// TPL005: GetAtt and ${X.Attr} of attributes the target does not have; SAM targets read the generated resource's attributes.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

describe('TPL005 template-unknown-getatt-attribute', () => {
  it.each([
    ['!GetAtt Orders.Url', 'Url', 'QueueUrl', 'unknownAttributeDidYouMean'],
    ['!Sub "${Orders.arn}"', 'arn', 'Arn', 'unknownAttributeDidYouMean'],
    ['!GetAtt [Orders, Endpoint]', 'Endpoint', undefined, 'unknownAttribute'],
  ])('reports %s at the intrinsic', (value, attribute, suggestion, messageId) => {
    const findings = runRule('TPL005', `Resources:\n  Orders:\n    Type: AWS::SQS::Queue\nOutputs:\n  Out:\n    Value: ${value}\n`)
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({messageId, data: {target: 'Orders', type: 'AWS::SQS::Queue', attribute, ...(suggestion ? {suggestion} : {})}, location: {line: 6}})
  })

  it.each([['!GetAtt Orders.Arn'], ['!GetAtt Orders.QueueName'], ['!GetAtt Stack.Outputs.QueueUrl'], ['!GetAtt Seed.Anything'], ['!GetAtt [Orders, !Ref AttributeName]'], ['!GetAtt Gizmo.Whatever']])(
    'accepts %s',
    (value) => {
      const text = `Parameters:\n  AttributeName:\n    Type: String\nResources:\n  Orders:\n    Type: AWS::SQS::Queue\n  Stack:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: x}\n  Seed:\n    Type: Custom::Seed\n    Properties: {ServiceToken: x}\n  Gizmo:\n    Type: Acme::Widgets::Gizmo\nOutputs:\n  Out:\n    Value: ${value}\n`
      expect(runRule('TPL005', text)).toEqual([])
    },
  )

  it('reads SAM resources through the resource SAM generates, and SAM-generated ids through the graph', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      CodeUri: src/
Outputs:
  Arn:
    Value: !GetAtt Worker.Arn
  Role:
    Value: !GetAtt WorkerRole.Arn
  Wrong:
    Value: !GetAtt Worker.FunctionArn
  WrongRole:
    Value: !GetAtt WorkerRole.RoleArns
`
    expect(runRule('TPL005', text).map((f) => [f.data.target, f.data.type, f.data.attribute, f.location?.line])).toEqual([
      ['Worker', 'AWS::Serverless::Function', 'FunctionArn', 15],
      ['WorkerRole', 'AWS::IAM::Role', 'RoleArns', 17],
    ])
  })

  it('points into JSON templates', () => {
    const text = JSON.stringify({Resources: {Orders: {Type: 'AWS::SQS::Queue'}}, Outputs: {Out: {Value: {'Fn::GetAtt': ['Orders', 'Url']}}}}, null, 2)
    expect(runRule('TPL005', text, {}, 'template.json')[0]?.location).toMatchObject({line: 10})
  })
})
