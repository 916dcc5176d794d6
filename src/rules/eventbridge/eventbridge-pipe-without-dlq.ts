// EVB006: Pipes reading streams need a DLQ and bounded retries, or one bad record blocks its shard.
import {lookupBranches} from '../../model/conditional.js'
import {literal, literalNumber} from '../../model/intrinsics.js'
import type {GraphNode} from '../../model/types.js'
import {absenceOf, absenceReport, type Absence} from '../conditional.js'
import {userName} from '../sqs/queues.js'
import {defineRule} from '../types.js'

const STREAM_PARAMETERS = ['KinesisStreamParameters', 'DynamoDBStreamParameters'] as const

/** Which stream parameters block applies to the pipe's source, when its source is a Kinesis or DynamoDB stream. */
function streamKind(pipe: GraphNode, source: GraphNode | undefined): (typeof STREAM_PARAMETERS)[number] | undefined {
  for (const kind of STREAM_PARAMETERS) if (lookupBranches(pipe.props, 'SourceParameters', kind).presence !== 'absent') return kind
  if (source?.kind === 'stream') return 'KinesisStreamParameters'
  if (source?.kind === 'table') return 'DynamoDBStreamParameters'
  const arn = literal(pipe.props.Source)
  if (typeof arn === 'string') {
    if (/^arn:[^:]+:kinesis:/.test(arn)) return 'KinesisStreamParameters'
    if (/^arn:[^:]+:dynamodb:.*\/stream\//.test(arn)) return 'DynamoDBStreamParameters'
  }
  return undefined
}

/** -1 (the default) means no limit. */
const unbounded = (value: unknown): boolean => value === undefined || literalNumber(value) === -1

/** How the retry bounds are missing: not when a bound is set on every branch, conditionally when some `Fn::If` branch sets one. */
function retryBoundAbsence(pipe: GraphNode, kind: string): Absence | undefined {
  const lookups = ['MaximumRetryAttempts', 'MaximumRecordAgeInSeconds'].map((name) => lookupBranches(pipe.props, 'SourceParameters', kind, name))
  if (lookups.some((lookup) => lookup.presence === 'set' && !lookup.values.some(unbounded))) return undefined
  const bounding = lookups.filter((lookup) => lookup.values.some((value) => !unbounded(value)))
  if (bounding.length > 0) return {conditional: true, conditions: [...new Set(bounding.flatMap((lookup) => lookup.conditions))].join(', '), maxSeverity: 'info'}
  return {conditional: false, conditions: ''}
}

export default defineRule({
  meta: {
    id: 'EVB006',
    name: 'eventbridge-pipe-without-dlq',
    title: 'EventBridge Pipe on a stream without a DLQ or retry bounds',
    severity: 'error',
    service: 'eventbridge',
    // No audit collector reads these resources, so the rule cannot see them on a live account.
    sources: ['template'],
    status: 'stable',
    recommended: true,
    practices: ['P-ERR-5', 'P-ERR-6'],
    messages: {
      noDlq: 'Pipe {{pipe}} reads a stream without {{parameters}}.DeadLetterConfig: records that keep failing are dropped when they expire, without a trace.',
      conditionalDlq: 'Pipe {{pipe}} has {{parameters}}.DeadLetterConfig only when {{conditions}} chooses it: on the other branch records that keep failing are dropped when they expire, without a trace.',
      conditionalRetries:
        'Pipe {{pipe}} bounds its retries ({{parameters}}.MaximumRetryAttempts or MaximumRecordAgeInSeconds) only when {{conditions}} chooses it: on the other branch one poison record blocks its shard until it expires.',
      unboundedRetries:
        'Pipe {{pipe}} retries failed stream records without limit ({{parameters}}.MaximumRetryAttempts and MaximumRecordAgeInSeconds are -1, the default): one poison record blocks its shard until it expires.',
    },
    equivalents: {},
    docs: {
      what: "Finds `AWS::Pipes::Pipe` resources whose source is a Kinesis or DynamoDB stream and whose `SourceParameters.KinesisStreamParameters` / `DynamoDBStreamParameters` have no `DeadLetterConfig`, or neither `MaximumRetryAttempts` nor `MaximumRecordAgeInSeconds` bounded (both default to -1, infinite). Pipes reading SQS use the queue's own redrive policy (SQS001).",
      why: 'A stream is ordered per shard: while a failing batch is retried, nothing behind it is processed. Unbounded retries stall the shard until the records expire (24 hours by default), and without a DLQ the records are then gone.',
      failing:
        'Resources:\n  OrdersPipe:\n    Type: AWS::Pipes::Pipe\n    Properties:\n      RoleArn: !GetAtt PipeRole.Arn\n      Source: !GetAtt Orders.StreamArn\n      Target: !GetAtt Bus.Arn\n      SourceParameters:\n        DynamoDBStreamParameters:\n          StartingPosition: LATEST',
      fixed:
        'Resources:\n  OrdersPipe:\n    Type: AWS::Pipes::Pipe\n    Properties:\n      RoleArn: !GetAtt PipeRole.Arn\n      Source: !GetAtt Orders.StreamArn\n      Target: !GetAtt Bus.Arn\n      SourceParameters:\n        DynamoDBStreamParameters:\n          StartingPosition: LATEST\n          MaximumRetryAttempts: 10\n          DeadLetterConfig: {Arn: !GetAtt OrdersPipeDlq.Arn}',
      whenNotToUse: 'Never for streams that carry business events.',
      references: [
        'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-error-troubleshooting.html',
        'https://docs.aws.amazon.com/eventbridge/latest/pipes-reference/API_PipeSourceKinesisStreamParameters.html',
      ],
    },
  },
  check({graph, report}) {
    for (const pipe of graph.ofKind('pipe')) {
      const kind = streamKind(pipe, graph.resolve(pipe.props.Source))
      if (!kind) continue
      const base = lookupBranches(pipe.props, 'SourceParameters', kind).presence === 'absent' ? [] : ['SourceParameters', kind]
      const data = {pipe: userName(pipe), parameters: `SourceParameters.${kind}`}
      const dlq = absenceOf(pipe.props, 'SourceParameters', kind, 'DeadLetterConfig', 'Arn')
      if (dlq) {
        report(
          absenceReport(dlq, {
            node: pipe,
            path: base,
            messageId: 'noDlq',
            conditionalMessageId: 'conditionalDlq',
            data,
            fix: `Add SourceParameters.${kind}.DeadLetterConfig.Arn pointing at an SQS queue or SNS topic.`,
          }),
        )
      }
      const retries = retryBoundAbsence(pipe, kind)
      if (retries) {
        report(
          absenceReport(retries, {
            node: pipe,
            path: base,
            messageId: 'unboundedRetries',
            conditionalMessageId: 'conditionalRetries',
            data,
            fix: `Set SourceParameters.${kind}.MaximumRetryAttempts (e.g. 10) and consider OnPartialBatchItemFailure: AUTOMATIC_BISECT.`,
          }),
        )
      }
    }
  },
})
