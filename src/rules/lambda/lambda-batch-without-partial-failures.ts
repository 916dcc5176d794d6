// LMB003: batch consumers should report which records failed instead of failing the whole batch.
import {asArray, literal, literalNumber} from '../../model/intrinsics.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {DEFAULT_BATCH_SIZE, mappingSource, resolveFunction, SOURCE_LABEL} from './queries.js'

const BATCH_KINDS = new Set(['sqs', 'kinesis', 'dynamodb'])

export default defineRule({
  meta: {
    id: 'LMB003',
    name: 'lambda-batch-without-partial-failures',
    title: 'SQS, Kinesis or DynamoDB event source mapping does not report partial batch failures',
    severity: 'warning',
    service: 'lambda',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-ERR-3'],
    messages: {
      noPartialFailures:
        'Event source mapping {{mapping}} from {{source}} to function {{function}} has no FunctionResponseTypes [ReportBatchItemFailures]: one failing record makes the whole batch of up to {{batchSize}} records be processed again.',
    },
    fixable: 'unsafe',
    fixUnsafeReason:
      "With ReportBatchItemFailures Lambda reads the handler's response: a handler that does not return `batchItemFailures` has every batch counted as fully processed, so failed records are no longer retried. Change the handler (Powertools processPartialResponse) in the same change.",
    cdkFix: 'reportBatchItemFailures: true (on the event source)',
    equivalents: {},
    docs: {
      what: 'Finds event source mappings that read from an SQS queue, a Kinesis stream or a DynamoDB stream (SAM `Events` of type SQS, Kinesis, DynamoDB included) without `FunctionResponseTypes: [ReportBatchItemFailures]`. Mappings with `BatchSize: 1` are exempt.',
      why: 'Without partial batch responses, a single poison record fails the whole batch: every other record is processed again (duplicates downstream), SQS messages move towards the dead-letter queue together, and a stream shard stalls. With `ReportBatchItemFailures` the handler returns the ids of the failed records (Powertools `processPartialResponse`) and only those are retried.',
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Events:\n        Orders:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt OrdersQueue.Arn\n            BatchSize: 10\n  OrdersQueue:\n    Type: AWS::SQS::Queue',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Events:\n        Orders:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt OrdersQueue.Arn\n            BatchSize: 10\n            FunctionResponseTypes:\n              - ReportBatchItemFailures\n  OrdersQueue:\n    Type: AWS::SQS::Queue',
      whenNotToUse: 'Handlers that must treat a batch atomically (all or nothing) by design.',
      references: [
        'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting',
        'https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html',
        'https://docs.powertools.aws.dev/lambda/typescript/latest/features/batch/',
      ],
      limitations: 'The rule checks the mapping only; it cannot see whether the handler actually returns `batchItemFailures`.',
    },
  },
  check({graph, report}) {
    for (const mapping of graph.ofKind('eventSourceMapping')) {
      const source = mappingSource(graph, mapping)
      if (!source || !BATCH_KINDS.has(source.kind)) continue
      const types = mapping.props.FunctionResponseTypes
      if (types !== undefined && !Array.isArray(types)) continue
      const values = asArray(types).map(literal)
      if (values.includes('ReportBatchItemFailures')) continue
      // An entry we cannot read may be ReportBatchItemFailures.
      if (values.some((value) => value === undefined)) continue
      const batchSize = mapping.props.BatchSize === undefined ? DEFAULT_BATCH_SIZE[source.kind] : literalNumber(mapping.props.BatchSize)
      if (batchSize === undefined || batchSize <= 1) continue
      const fn = resolveFunction(graph, mapping.props.FunctionName)
      report({
        node: mapping,
        path: types === undefined ? [] : ['FunctionResponseTypes'],
        messageId: 'noPartialFailures',
        data: {
          mapping: displayName(mapping),
          source: `${SOURCE_LABEL[source.kind]}${source.node ? ` ${displayName(source.node)}` : ''}`,
          function: fn ? displayName(fn) : String(literal(mapping.props.FunctionName) ?? 'unknown'),
          batchSize,
        },
        fix: 'Set FunctionResponseTypes: [ReportBatchItemFailures] on the mapping (SAM event) and return batchItemFailures from the handler.',
        autofix: (fixer) =>
          fixer.propose('Report partial batch failures', [
            fixer.samEventOf(mapping) !== undefined
              ? fixer.setEventProperty(mapping, ['FunctionResponseTypes'], ['ReportBatchItemFailures'], ['SQS', 'Kinesis', 'DynamoDB', 'MSK', 'SelfManagedKafka', 'DocumentDB'])
              : fixer.setProperty(mapping, ['FunctionResponseTypes'], ['ReportBatchItemFailures']),
          ]),
      })
    }
  },
})
