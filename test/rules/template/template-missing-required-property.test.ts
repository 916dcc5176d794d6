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
    expect(
      runRule('TPL004', 'Conditions:\n  C: !Equals [a, b]\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties: !If [C, {Role: r, Code: {ZipFile: x}}, {Role: s, Code: {ZipFile: y}}]\n'),
    ).toEqual([])
  })

  it('accepts an intrinsic Properties where one of several properties is required', () => {
    expect(
      runRule(
        'TPL004',
        'Conditions:\n  C: !Equals [a, b]\nResources:\n  Rule:\n    Type: AWS::Events::Rule\n    Properties: !If [C, {ScheduleExpression: rate(1 minute)}, {ScheduleExpression: rate(5 minutes)}]\n',
      ),
    ).toEqual([])
  })

  describe('requirements between properties', () => {
    const resource = (type: string, properties: string) => `Parameters:\n  Mode: {Type: String}\nResources:\n  R:\n    Type: ${type}\n    Properties:\n${properties}`

    it.each([
      [
        'an EventBridge rule with neither a pattern nor a schedule',
        'AWS::Events::Rule',
        '      State: ENABLED\n',
        'missingOneOf',
        {properties: 'EventPattern, ScheduleExpression', type: 'AWS::Events::Rule'},
        6,
      ],
      [
        'function code with no source',
        'AWS::Lambda::Function',
        '      Role: r\n      Code: {S3ObjectVersion: "1"}\n',
        'missingOneOf',
        {properties: 'ZipFile, S3Bucket, ImageUri', type: 'AWS::Lambda::Function Code'},
        8,
      ],
      ['function code naming a bucket but no key', 'AWS::Lambda::Function', '      Role: r\n      Code: {S3Bucket: artefacts}\n', 'missingTogether', {property: 'S3Key', set: 'S3Bucket'}, 8],
      ['an event source mapping with no source', 'AWS::Lambda::EventSourceMapping', '      FunctionName: f\n      BatchSize: 10\n', 'missingOneOf', {properties: 'EventSourceArn, SelfManagedEventSource'}, 6],
      ['a state machine with no definition', 'AWS::StepFunctions::StateMachine', '      RoleArn: r\n', 'missingOneOf', {properties: 'Definition, DefinitionString, DefinitionS3Location'}, 6],
      [
        'a table in the default provisioned mode without throughput',
        'AWS::DynamoDB::Table',
        '      KeySchema: [{AttributeName: id, KeyType: HASH}]\n      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n',
        'missingWhen',
        {property: 'ProvisionedThroughput', condition: 'without BillingMode (PROVISIONED by default)'},
        6,
      ],
      [
        'a redrive policy without maxReceiveCount',
        'AWS::SQS::Queue',
        '      RedrivePolicy: {deadLetterTargetArn: arn:aws:sqs:eu-west-1:123456789012:dlq}\n',
        'missingTogether',
        {property: 'maxReceiveCount', set: 'deadLetterTargetArn', type: 'AWS::SQS::Queue RedrivePolicy'},
        7,
      ],
    ])('reports %s', (_name, type, properties, messageId, data, line) => {
      const findings = runRule('TPL004', resource(type, properties))
      expect(findings).toHaveLength(1)
      expect(findings[0]).toMatchObject({severity: 'error', messageId, data: {resource: 'R', ...data}, location: {line}})
    })

    it('says which properties would do', () => {
      const [finding] = runRule('TPL004', resource('AWS::Events::Rule', '      State: ENABLED\n'))
      expect(finding?.message).toBe('AWS::Events::Rule requires one of EventPattern, ScheduleExpression, and R sets none of them.')
      expect(finding?.fix).toBe('Set one of EventPattern, ScheduleExpression on R.')
    })

    it.each([
      ['a scheduled rule', 'AWS::Events::Rule', '      ScheduleExpression: rate(1 hour)\n'],
      ['code in S3 with its key', 'AWS::Lambda::Function', '      Role: r\n      Code: {S3Bucket: b, S3Key: k}\n'],
      ['code given by an intrinsic', 'AWS::Lambda::Function', '      Role: r\n      Code: !If [C, {ZipFile: x}, {ImageUri: i}]\n'],
      ['a self-managed Kafka mapping', 'AWS::Lambda::EventSourceMapping', '      FunctionName: f\n      SelfManagedEventSource: {Endpoints: {KafkaBootstrapServers: ["b:9092"]}}\n'],
      ['a state machine defined in S3', 'AWS::StepFunctions::StateMachine', '      RoleArn: r\n      DefinitionS3Location: {Bucket: b, Key: k}\n'],
      [
        'an on-demand table',
        'AWS::DynamoDB::Table',
        '      BillingMode: PAY_PER_REQUEST\n      KeySchema: [{AttributeName: id, KeyType: HASH}]\n      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n',
      ],
      [
        'a billing mode given by a parameter',
        'AWS::DynamoDB::Table',
        '      BillingMode: !Ref Mode\n      KeySchema: [{AttributeName: id, KeyType: HASH}]\n      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n',
      ],
      ['a redrive policy written as JSON text', 'AWS::SQS::Queue', `      RedrivePolicy: '{"deadLetterTargetArn": "arn:aws:sqs:eu-west-1:123456789012:dlq"}'\n`],
      ['a redrive policy with both', 'AWS::SQS::Queue', '      RedrivePolicy: {deadLetterTargetArn: d, maxReceiveCount: 5}\n'],
    ])('accepts %s', (_name, type, properties) => {
      expect(runRule('TPL004', resource(type, properties))).toEqual([])
    })
  })
})
