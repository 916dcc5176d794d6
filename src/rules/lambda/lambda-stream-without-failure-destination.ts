// LMB009: stream consumers should send records that keep failing to an on-failure destination.
import {absenceOf} from '../conditional.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {mappingSource, resolveFunction, SOURCE_LABEL, STREAM_KINDS} from './queries.js'

export default defineRule({
  meta: {
    id: 'LMB009',
    name: 'lambda-stream-without-failure-destination',
    title: 'Stream event source mapping without on-failure destination',
    severity: 'error',
    service: 'lambda',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-ERR-5'],
    messages: {
      noDestination: 'Event source mapping {{mapping}} from {{source}} to function {{function}} has no DestinationConfig.OnFailure: records that keep failing are skipped or expire without a trace.',
      conditionalDestination:
        'Event source mapping {{mapping}} from {{source}} to function {{function}} has a DestinationConfig.OnFailure only when {{conditions}} chooses it: on the other branch records that keep failing are skipped or expire without a trace.',
    },
    equivalents: {'serverless-rules': ['ES1001'], 'cdk-nag': ['Serverless-LambdaEventSourceMappingDestination']},
    docs: {
      what: 'Finds event source mappings reading a Kinesis stream, a DynamoDB stream or a Kafka topic (Amazon MSK or self-managed; SAM `Events` included) without `DestinationConfig.OnFailure.Destination`. A destination set on only one branch of an `Fn::If` is reported as info, never as an error.',
      why: 'When retries or the record age run out, Lambda drops the failing batch and moves on; when they never run out, the record expires from the stream. Either way the data is gone unless an on-failure destination (SQS, SNS, S3) keeps a pointer to it for replay.',
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Events:\n        Changes:\n          Type: DynamoDB\n          Properties:\n            Stream: !GetAtt Table.StreamArn\n            StartingPosition: LATEST\n  Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n      KeySchema: [{AttributeName: id, KeyType: HASH}]\n      StreamSpecification: {StreamViewType: NEW_IMAGE}',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Events:\n        Changes:\n          Type: DynamoDB\n          Properties:\n            Stream: !GetAtt Table.StreamArn\n            StartingPosition: LATEST\n            MaximumRetryAttempts: 5\n            BisectBatchOnFunctionError: true\n            DestinationConfig:\n              OnFailure:\n                Destination: !GetAtt ChangesFailures.Arn\n  ChangesFailures:\n    Type: AWS::SQS::Queue\n  Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n      KeySchema: [{AttributeName: id, KeyType: HASH}]\n      StreamSpecification: {StreamViewType: NEW_IMAGE}',
      whenNotToUse: 'Streams whose records can be rebuilt from elsewhere and may be dropped.',
      references: [
        'https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html',
        'https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html',
        'https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html',
      ],
    },
  },
  check({graph, report}) {
    for (const mapping of graph.ofKind('eventSourceMapping')) {
      const source = mappingSource(graph, mapping)
      if (!source || !STREAM_KINDS.has(source.kind)) continue
      const absence = absenceOf(mapping.props, 'DestinationConfig', 'OnFailure', 'Destination')
      if (!absence) continue
      const fn = resolveFunction(graph, mapping.props.FunctionName)
      report({
        node: mapping,
        path: mapping.props.DestinationConfig === undefined ? [] : ['DestinationConfig'],
        messageId: absence.conditional ? 'conditionalDestination' : 'noDestination',
        data: {
          mapping: displayName(mapping),
          source: `${SOURCE_LABEL[source.kind]}${source.node ? ` ${displayName(source.node)}` : ''}`,
          function: fn ? displayName(fn) : 'unknown',
          conditions: absence.conditions,
        },
        maxSeverity: absence.maxSeverity,
        fix: 'Set DestinationConfig.OnFailure.Destination to an SQS queue, SNS topic or S3 bucket ARN.',
      })
    }
  },
})
