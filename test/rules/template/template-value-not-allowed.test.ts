// TPL010: literal values outside what CloudFormation accepts (enums, ranges, lengths); intrinsics and parameters are never reported.
import {describe, expect, it} from 'vitest'

import {runCatalogue, runRule} from '../../helpers/lint.js'

const sam = (props: string, extra = '') =>
  `Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      CodeUri: src/\n${props}${extra}`
const queue = (props: string) => `Resources:\n  Jobs:\n    Type: AWS::SQS::Queue\n    Properties:\n${props}`

describe('TPL010 template-value-not-allowed', () => {
  it.each([
    ['an unknown runtime, with the closest one', sam('      Runtime: nodejs99.x\n'), 8, 'notAllowedDidYouMean', {property: 'Runtime', value: 'nodejs99.x'}],
    ['a timeout over 900 seconds', sam('      Runtime: nodejs22.x\n      Timeout: 1000\n'), 9, 'outOfRange', {property: 'Timeout', value: 1000, range: '1–900'}],
    ['memory over 10,240 MB', sam('      Runtime: nodejs22.x\n      MemorySize: 20000\n'), 9, 'outOfRange', {property: 'MemorySize', value: 20000, range: '128–10240'}],
    ['memory under 128 MB, written as a string', sam('      Runtime: nodejs22.x\n      MemorySize: "64"\n'), 9, 'outOfRange', {property: 'MemorySize', value: 64}],
    [
      'an unknown architecture',
      sam('      Runtime: nodejs22.x\n      Architectures: [arm65]\n'),
      9,
      'notAllowedDidYouMean',
      {property: 'Architectures', value: 'arm65', suggestion: 'arm64', allowed: 'arm64, x86_64'},
    ],
    ['two architectures', sam('      Runtime: nodejs22.x\n      Architectures: [arm64, x86_64]\n'), 9, 'badLength', {property: 'Architectures', length: 2, unit: 'items', range: '1–1'}],
    ['a handler with a space in it', sam('      Runtime: nodejs22.x\n').replace('index.handler', 'index handler'), 6, 'patternMismatch', {property: 'Handler', value: 'index handler'}],
    [
      'a description over 256 characters',
      sam(`      Runtime: nodejs22.x\n      Description: ${'x'.repeat(300)}\n`),
      9,
      'badLength',
      {property: 'Description', length: 300, unit: 'characters', range: 'at most 256'},
    ],
    ['a visibility timeout over 12 hours', queue('      VisibilityTimeout: 50000\n'), 5, 'outOfRange', {property: 'VisibilityTimeout', value: 50000, range: '0–43200'}],
    [
      'an enum value from the specification',
      `Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: r\n      Code: {ZipFile: x}\n      PackageType: zip\n`,
      7,
      'notAllowedDidYouMean',
      {property: 'PackageType', value: 'zip', suggestion: 'Zip'},
    ],
  ])('reports %s', (_, text, line, messageId, data) => {
    const findings = runRule('TPL010', text)
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({severity: 'error', messageId, data, location: {line}})
  })

  it('reports a SAM SQS event batch size once, on the line written, not again on the generated event source mapping', () => {
    const text = sam(
      '      Runtime: nodejs22.x\n      Events:\n        Jobs:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Jobs.Arn\n            BatchSize: 100000\n',
      '  Jobs:\n    Type: AWS::SQS::Queue\n',
    )
    const findings = runCatalogue(text).filter((finding) => finding.ruleId.startsWith('TPL'))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ruleId: 'TPL010', messageId: 'outOfRange', data: {property: 'BatchSize', value: 100000, range: '1–10000'}, location: {line: 14}})
  })

  // Every pull source allows at most 10,000 records a batch (the Lambda API's CreateEventSourceMapping; FIFO queues' 10 is LMB012's).
  it.each([
    ['SQS', 'Queue: arn:aws:sqs:eu-west-1:123456789012:q, MaximumBatchingWindowInSeconds: 1'],
    ['Kinesis', 'Stream: arn:aws:kinesis:eu-west-1:123456789012:stream/s, StartingPosition: LATEST'],
    ['DynamoDB', 'Stream: arn:aws:dynamodb:eu-west-1:123456789012:table/t/stream/x, StartingPosition: LATEST'],
    ['MSK', 'Stream: arn:aws:kafka:eu-west-1:123456789012:cluster/c/x, StartingPosition: LATEST, Topics: [t]'],
    ['SelfManagedKafka', 'KafkaBootstrapServers: ["b:9092"], Topics: [t], SourceAccessConfigurations: [{Type: VPC_SUBNET, URI: subnet:subnet-1}]'],
    ['MQ', 'Broker: arn:aws:mq:eu-west-1:123456789012:broker:b:x, Queues: [q], SourceAccessConfigurations: [{Type: BASIC_AUTH, URI: arn:aws:secretsmanager:eu-west-1:123456789012:secret:s}]'],
    ['DocumentDB', 'Cluster: arn:aws:rds:eu-west-1:123456789012:cluster:c, DatabaseName: d, SourceAccessConfigurations: [{Type: BASIC_AUTH, URI: arn:aws:secretsmanager:eu-west-1:123456789012:secret:s}]'],
  ])('reports a SAM %s event reading more than 10,000 records a batch, and accepts 10,000', (type, properties) => {
    const event = (size: number) => sam(`      Runtime: nodejs22.x\n      Events:\n        Source:\n          Type: ${type}\n          Properties: {${properties}, BatchSize: ${size}}\n`)
    expect(runRule('TPL010', event(10001))).toMatchObject([{messageId: 'outOfRange', data: {property: 'BatchSize', value: 10001, range: '1–10000'}, location: {line: 12}}])
    expect(runRule('TPL010', event(10000))).toEqual([])
  })

  it('reports an event source mapping written in CloudFormation, and a SAM Globals value', () => {
    const esm = `Resources:\n  Mapping:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      FunctionName: f\n      EventSourceArn: arn:aws:sqs:eu-west-1:123456789012:q\n      BatchSize: 100000\n`
    expect(runRule('TPL010', esm)).toMatchObject([{data: {property: 'BatchSize'}, location: {line: 7}}])
    const globals = `Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Timeout: 1000\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs22.x\n      CodeUri: src/\n`
    expect(runRule('TPL010', globals)).toMatchObject([{data: {property: 'Timeout', value: 1000}, location: {line: 4}}])
  })

  it.each([
    ['values within range, numbers as strings', sam('      Runtime: python3.13\n      Timeout: "900"\n      MemorySize: 10240\n      Architectures: [arm64]\n')],
    [
      'parameters and other intrinsics',
      `Transform: AWS::Serverless-2016-10-31\nParameters:\n  Memory: {Type: Number, Default: 20000}\n  Runtime: {Type: String, Default: nodejs99.x}\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      CodeUri: src/\n      Runtime: !Ref Runtime\n      MemorySize: !Ref Memory\n      Timeout: !FindInMap [Sizes, !Ref AWS::Region, timeout]\n      Architectures: !Split [",", !Sub "\${AWS::Region}"]\nMappings:\n  Sizes:\n    eu-west-1: {timeout: 1000}\n`,
    ],
    ['a visibility timeout of 12 hours', queue('      VisibilityTimeout: 43200\n')],
  ])('accepts %s', (_, text) => {
    expect(runRule('TPL010', text)).toEqual([])
  })

  it('checks both branches of Fn::If', () => {
    const findings = runRule('TPL010', queue('      VisibilityTimeout: !If [Long, 50000, 30]\n').replace('Resources:', 'Conditions:\n  Long: !Equals [a, b]\nResources:'))
    expect(findings).toMatchObject([{data: {property: 'VisibilityTimeout', value: 50000}}])
  })
})

describe('TPL010 with numeric allowed values', () => {
  const logGroup = (days: string) => `Resources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: ${days}\n`

  it('accepts an allowed number, written as a number or a string, and reports another', () => {
    expect(runRule('TPL010', logGroup('14'))).toEqual([])
    expect(runRule('TPL010', logGroup('"30"'))).toEqual([])
    expect(runRule('TPL010', logGroup('15'))).toMatchObject([{messageId: 'notAllowedDidYouMean', data: {property: 'RetentionInDays', value: '15', suggestion: '14'}}])
  })
})
