// CWA003: functions that read Kinesis or DynamoDB streams should have an alarm on IteratorAge.
import type {ResourceGraph} from '../../model/graph.js'
import {literal} from '../../model/intrinsics.js'
import type {GraphNode} from '../../model/types.js'
import {displayName, triggersOf} from '../helpers.js'
import {defineRule} from '../types.js'
import {functionAlarm, hasAlarm} from './alarm-coverage.js'

/** The stream an event source mapping reads, when it is a Kinesis or DynamoDB stream. */
function streamSource(graph: ResourceGraph, mapping: GraphNode): string | undefined {
  if (mapping.kind !== 'eventSourceMapping') return undefined
  const source = mapping.props.EventSourceArn
  const target = graph.resolve(source)
  if (target) return target.kind === 'stream' || target.kind === 'table' ? displayName(target) : undefined
  const arn = literal(source)
  if (typeof arn !== 'string') return undefined
  return /^arn:[^:]+:kinesis:[^:]*:[^:]*:stream\/([^/]+)/.exec(arn)?.[1] ?? /^arn:[^:]+:dynamodb:[^:]*:[^:]*:table\/([^/]+)\/stream\//.exec(arn)?.[1]
}

export default defineRule({
  meta: {
    id: 'CWA003',
    name: 'cloudwatch-stream-consumer-without-iterator-age-alarm',
    title: 'Stream consumer function without an alarm on IteratorAge',
    severity: 'warning',
    service: 'cloudwatch',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-OBS-3', 'P-ERR-5'],
    messages: {
      noAlarm: 'Function {{function}} reads stream {{stream}} but has no alarm on AWS/Lambda IteratorAge: a blocked shard or a falling-behind consumer goes unnoticed until records expire.',
    },
    fixable: 'safe',
    cdkFix: "fn.metric('IteratorAge', {statistic: 'Maximum'}).createAlarm(this, 'IteratorAge', {threshold: 60000, evaluationPeriods: 5})",
    equivalents: {},
    docs: {
      what: 'Finds functions with an event source mapping from a Kinesis stream or a DynamoDB stream that no alarm watches on the `AWS/Lambda` `IteratorAge` metric.',
      why: 'A poison record or too little concurrency makes a stream consumer fall behind; iterator age is the only signal, and records older than the stream retention (24 hours by default) are lost.',
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Projector:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Events:\n        Changes:\n          Type: DynamoDB\n          Properties:\n            Stream: !GetAtt Table.StreamArn\n            StartingPosition: LATEST\n  Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n      KeySchema: [{AttributeName: id, KeyType: HASH}]\n      StreamSpecification: {StreamViewType: NEW_IMAGE}',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Projector:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Events:\n        Changes:\n          Type: DynamoDB\n          Properties:\n            Stream: !GetAtt Table.StreamArn\n            StartingPosition: LATEST\n  Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n      KeySchema: [{AttributeName: id, KeyType: HASH}]\n      StreamSpecification: {StreamViewType: NEW_IMAGE}\n  ProjectorIteratorAge:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      Namespace: AWS/Lambda\n      MetricName: IteratorAge\n      Dimensions:\n        - Name: FunctionName\n          Value: !Ref Projector\n      Statistic: Maximum\n      Period: 60\n      EvaluationPeriods: 5\n      Threshold: 60000\n      ComparisonOperator: GreaterThanThreshold\n      AlarmActions: [!Ref AlertsTopic]\n  AlertsTopic:\n    Type: AWS::SNS::Topic',
      whenNotToUse: 'Consumers whose lag is monitored elsewhere (e.g. by a stream-level GetRecords.IteratorAgeMilliseconds alarm in another stack).',
      references: ['https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html#event-source-mapping-metrics', 'https://docs.aws.amazon.com/streams/latest/dev/monitoring-with-cloudwatch.html'],
      limitations: 'Event source mappings whose source cannot be resolved (a parameter, an import) are skipped.',
    },
  },
  check({graph, report}) {
    for (const fn of graph.ofKind('function')) {
      const streams = triggersOf(graph, fn).flatMap((mapping) => asList(streamSource(graph, mapping)))
      if (streams.length === 0) continue
      if (hasAlarm(graph, fn, {namespace: 'AWS/Lambda', metrics: ['IteratorAge']})) continue
      report({
        node: fn,
        path: [],
        messageId: 'noAlarm',
        data: {function: displayName(fn), stream: [...new Set(streams)].join(', ')},
        fix: `Add an AWS::CloudWatch::Alarm on AWS/Lambda IteratorAge (Maximum, e.g. > 60000 ms for 5 minutes) with dimension FunctionName: !Ref ${displayName(fn)}.`,
        autofix: (fixer) => fixer.addAlarm(fn, 'IteratorAge', functionAlarm('IteratorAge', `Function ${displayName(fn)} is falling behind its stream`, 'Maximum', 60000, 'GreaterThanThreshold', 5)),
      })
    }
  },
})

function asList(value: string | undefined): string[] {
  return value === undefined ? [] : [value]
}
