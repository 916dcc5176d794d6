// TPL004: required properties, at the top and nested, in SAM (Globals count) and CloudFormation.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

describe('TPL004 template-missing-required-property', () => {
  it('reports each missing property at the resource properties', () => {
    const findings = runRule('TPL004', 'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs22.x\n')
    expect(findings.map((f) => [f.messageId, f.data.property, f.data.type, f.location?.line, f.resource?.id])).toEqual([
      ['missingRequired', 'Code', 'AWS::Lambda::Function', 4, 'Fn'],
      ['missingRequired', 'Role', 'AWS::Lambda::Function', 4, 'Fn'],
    ])
  })

  it('reports at the logical id when there are no Properties', () => {
    expect(runRule('TPL004', 'Resources:\n  Policy:\n    Type: AWS::SQS::QueuePolicy\n').map((f) => [f.data.property, f.location?.line])).toEqual([
      ['PolicyDocument', 2],
      ['Queues', 2],
    ])
  })

  it('reports nested required properties', () => {
    const text = 'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: r\n      Code: {ZipFile: x}\n      FileSystemConfigs:\n        - Arn: a\n'
    expect(runRule('TPL004', text)[0]).toMatchObject({data: {property: 'LocalMountPath', type: 'AWS::Lambda::Function FileSystemConfigs'}, location: {line: 8}})
  })

  it('requires ServiceToken on custom resources', () => {
    expect(runRule('TPL004', 'Resources:\n  Seed:\n    Type: Custom::Seed\n    Properties:\n      Size: 1\n')[0]).toMatchObject({data: {property: 'ServiceToken'}, location: {line: 4}})
  })

  it('counts a property set in SAM Globals, and reports SAM event properties', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    StageName: prod
Resources:
  Api:
    Type: AWS::Serverless::Api
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      CodeUri: src/
      Events:
        Work:
          Type: SQS
          Properties:
            BatchSize: 10
`
    expect(runRule('TPL004', text).map((f) => [f.data.property, f.location?.line, f.resource?.id])).toEqual([['Queue', 17, 'Worker']])
  })

  it('accepts a property given through Fn::If or an intrinsic Properties', () => {
    expect(runRule('TPL004', 'Conditions:\n  C: !Equals [a, b]\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties: !If [C, {Role: r, Code: {ZipFile: x}}, {Role: s, Code: {ZipFile: y}}]\n')).toEqual([])
  })
})
