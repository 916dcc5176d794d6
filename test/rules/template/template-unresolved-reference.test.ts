// TPL006: Ref, GetAtt, Sub and DependsOn naming nothing; pseudo parameters, parameters and SAM-generated names resolve.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const cfn = (extra: string) => `Parameters:\n  Stage:\n    Type: String\nResources:\n  Orders:\n    Type: AWS::SQS::Queue\n${extra}`

describe('TPL006 template-unresolved-reference', () => {
  it.each([
    ['Ref', '  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Order\n', 'Order', 'Orders', 10],
    ['Fn::GetAtt', '  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !GetAtt Order.QueueName\n', 'Order', 'Orders', 10],
    ['Fn::Sub', '  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub "${Stag}-topic"\n', 'Stag', 'Stage', 10],
    ['DependsOn', '  Topic:\n    Type: AWS::SNS::Topic\n    DependsOn: [Orders, Order]\n', 'Order', 'Orders', 9],
  ])('reports %s naming something that does not exist', (via, extra, target, suggestion, line) => {
    const findings = runRule('TPL006', cfn(extra))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({messageId: 'unresolvedDidYouMean', data: {via, target, suggestion}, location: {line}})
  })

  it('reports references in outputs and conditions, and GetAtt of a parameter', () => {
    const text = cfn('Conditions:\n  IsProd: !Equals [!Ref Stages, prod]\nOutputs:\n  A:\n    Value: !Ref Nothing\n  B:\n    Value: !GetAtt Stage.Arn\n')
    expect(runRule('TPL006', text).map((f) => [f.messageId, f.data.target, f.location?.line])).toEqual([
      ['unresolved', 'Nothing', 11],
      ['attributeOfParameter', 'Stage', 13],
      ['unresolvedDidYouMean', 'Stages', 8],
    ])
  })

  it('accepts parameters, pseudo parameters, Sub variables and escaped ${!…}', () => {
    const text = cfn('  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub\n        - "${Stage}-${AWS::Region}-${Suffix}-${!Literal}"\n        - Suffix: !GetAtt Orders.QueueName\n')
    expect(runRule('TPL006', text)).toEqual([])
  })

  it('accepts the names SAM generates or resolves', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Worker:
    Type: AWS::Serverless::Function
    DependsOn: ServerlessRestApi
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      CodeUri: src/
      AutoPublishAlias: live
      Events:
        Get:
          Type: Api
          Properties: {Path: /, Method: get}
Outputs:
  Alias:
    Value: !Ref Worker.Alias
  Role:
    Value: !GetAtt WorkerRole.Arn
  Url:
    Value: !Sub https://\${ServerlessRestApi}.execute-api.\${AWS::Region}.amazonaws.com/Prod/
  Wrong:
    Value: !Ref Worker2
`
    expect(runRule('TPL006', text).map((f) => [f.data.target, f.location?.line])).toEqual([['Worker2', 23]])
  })

  it('skips templates that use Fn::ForEach', () => {
    const text =
      'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Queues:\n    - Name\n    - [A, B]\n    - Queue${Name}:\n        Type: AWS::SQS::Queue\n        Properties:\n          QueueName: !Ref Name\n'
    expect(runRule('TPL006', text)).toEqual([])
  })

  it('points into JSON templates', () => {
    const text = JSON.stringify({Resources: {Orders: {Type: 'AWS::SQS::Queue', DependsOn: 'Missing'}}}, null, 2)
    expect(runRule('TPL006', text, {}, 'template.json')[0]?.location).toMatchObject({line: 5})
  })
})

describe('TPL006 with language extensions', () => {
  it('skips templates with the AWS::LanguageExtensions transform, whose names exist only once expanded', () => {
    const text =
      'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::LanguageExtensions\nResources:\n  Q:\n    Type: AWS::SQS::Queue\nOutputs:\n  Fn::ForEach::Names:\n    - Name\n    - [A, B]\n    - Out${Name}:\n        Value: !Ref Name\n'
    expect(runRule('TPL006', text)).toEqual([])
  })
})
