// TPL002: unknown properties on resources, nested types, SAM resources, SAM events and Globals.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const SAM = 'Transform: AWS::Serverless-2016-10-31\n'

describe('TPL002 template-unknown-property', () => {
  it('reports a misspelt property at its key with a did-you-mean', () => {
    const findings = runRule('TPL002', 'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimout: 120\n')
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({
      messageId: 'unknownPropertyDidYouMean',
      data: {property: 'VisibilityTimout', parent: 'AWS::SQS::Queue', suggestion: 'VisibilityTimeout'},
      resource: {id: 'Orders'},
      location: {line: 5, column: 7},
    })
  })

  it.each([
    [
      'a nested property type',
      'Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: r\n      Code: {ZipFile: x}\n      TracingConfig:\n        Mod: Active\n',
      'Mod',
      'AWS::Lambda::Function TracingConfig',
      'Mode',
      8,
    ],
    [
      'a list item',
      'Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: r\n      Code: {ZipFile: x}\n      FileSystemConfigs:\n        - Arn: a\n          LocalMountPth: /mnt/x\n',
      'LocalMountPth',
      'AWS::Lambda::Function FileSystemConfigs',
      'LocalMountPath',
      9,
    ],
    ['a resource attribute', 'Orders:\n    Type: AWS::SQS::Queue\n    DeletionPolicies: Retain\n', 'DeletionPolicies', 'resource Orders', 'DeletionPolicy', 4],
  ])('reports %s', (_, resource, property, parent, suggestion, line) => {
    const findings = runRule('TPL002', `Resources:\n  ${resource}`)
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({data: {property, parent, suggestion}, location: {line}})
  })

  it('checks SAM resources as written, their event sources and borrowed CloudFormation shapes', () => {
    const findings = runRule(
      'TPL002',
      `${SAM}Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      CodeUri: src/
      Enviroment:
        Variables: {A: b}
      LoggingConfig:
        LogFormt: JSON
      Events:
        Work:
          Type: SQS
          Properties:
            Queue: arn:aws:sqs:eu-west-1:123456789012:q
            BatchSze: 10
`,
    )
    expect(findings.map((f) => [f.data.property, f.data.suggestion, f.location?.line, f.resource?.id])).toEqual([
      ['Enviroment', 'Environment', 9, 'Worker'],
      ['LogFormt', 'LogFormat', 12, 'Worker'],
      ['BatchSze', 'BatchSize', 18, 'Worker'],
    ])
  })

  it('checks Globals sections and their properties', () => {
    const findings = runRule('TPL002', `${SAM}Globals:\n  Functions:\n    Timeout: 3\n  Function:\n    Tracng: Active\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n`)
    expect(findings.map((f) => [f.data.property, f.data.parent, f.data.suggestion, f.location?.line])).toEqual([
      ['Functions', 'Globals', 'Function', 3],
      ['Tracng', 'AWS::Serverless::Function', 'Tracing', 6],
    ])
  })

  it('accepts current SAM properties the bundled specification lacks, and new Lambda properties passed through', () => {
    const text = `${SAM}Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      CodeUri: src/
      PropagateTags: true
      RecursiveLoop: Terminate
      LoggingConfig: {LogFormat: JSON}
      EventInvokeConfig:
        DestinationConfig:
          OnFailure: {Type: SQS, Destination: arn:aws:sqs:eu-west-1:123456789012:dlq}
      Events:
        Work:
          Type: SQS
          Properties:
            Queue: arn:aws:sqs:eu-west-1:123456789012:q
            FunctionResponseTypes: [ReportBatchItemFailures]
            ScalingConfig: {MaximumConcurrency: 5}
            MaximumBatchingWindowInSeconds: 5
        Stream:
          Type: DynamoDB
          Properties:
            Stream: arn:aws:dynamodb:eu-west-1:123456789012:table/t/stream/x
            StartingPosition: LATEST
            DestinationConfig:
              OnFailure: {Type: SQS, Destination: arn:aws:sqs:eu-west-1:123456789012:dlq}
`
    expect(runRule('TPL002', text)).toEqual([])
  })

  it('skips custom resources, registry types, Fn::Transform and unknown types', () => {
    const text = `Resources:
  Seed:
    Type: Custom::Seed
    Properties: {ServiceToken: x, Anything: 1}
  Gizmo:
    Type: Acme::Widgets::Gizmo
    Properties: {Whatever: 1}
  Q:
    Type: AWS::SQS::Queue
    Properties:
      Fn::Transform: {Name: AWS::Include, Parameters: {Location: s3://b/k}}
`
    expect(runRule('TPL002', text)).toEqual([])
  })

  it('checks both branches of Fn::If', () => {
    const text =
      'Conditions:\n  C: !Equals [a, b]\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: r\n      Code: {ZipFile: x}\n      TracingConfig: !If\n        - C\n        - Mode: Active\n        - Mod: PassThrough\n'
    expect(runRule('TPL002', text).map((f) => [f.data.property, f.location?.line])).toEqual([['Mod', 12]])
  })

  it('locates keys in JSON templates', () => {
    const text = JSON.stringify({Resources: {Orders: {Type: 'AWS::SQS::Queue', Properties: {VisibilityTimout: 120}}}}, null, 2)
    expect(runRule('TPL002', text, {}, 'template.json')[0]?.location).toMatchObject({line: 6, column: 9})
  })
})
