// LMB010: a stream consumer must not let one failing record block its shard indefinitely.
import {asArray, literal, literalBoolean, literalNumber} from '../../model/intrinsics.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {mappingSource, resolveFunction, SOURCE_LABEL} from './queries.js'

const SHARD_KINDS = new Set(['kinesis', 'dynamodb'])

/** True when the value means "no limit" (unset or -1); undefined when it cannot be read. */
function unbounded(value: unknown): boolean | undefined {
  if (value === undefined) return true
  const number = literalNumber(value)
  return number === undefined ? undefined : number === -1
}

export default defineRule({
  meta: {
    id: 'LMB010',
    name: 'lambda-stream-poison-record',
    title: 'Stream mapping lets a poison record block its shard',
    severity: 'warning',
    service: 'lambda',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-ERR-5'],
    messages: {
      unbounded:
        'Event source mapping {{mapping}} from {{source}} retries a failing batch without limit (MaximumRetryAttempts and MaximumRecordAgeInSeconds unset or -1): one poison record blocks its shard until the record expires.',
      noBisect:
        'Event source mapping {{mapping}} from {{source}} neither bisects failing batches (BisectBatchOnFunctionError) nor reports partial batch failures: the good records of a failing batch are retried and then discarded with the bad one.',
    },
    equivalents: {},
    docs: {
      what: 'Finds Kinesis and DynamoDB stream mappings whose `MaximumRetryAttempts` and `MaximumRecordAgeInSeconds` are both unset or -1 (infinite), and bounded mappings that neither set `BisectBatchOnFunctionError: true` nor report partial batch failures (`FunctionResponseTypes: [ReportBatchItemFailures]`).',
      why: 'Records of a shard are processed in order. With the defaults a failing record is retried until it expires from the stream (24 hours to a year), and every record behind it waits: the iterator age grows and downstream sees nothing. Bounding retries and age lets the mapping move on; bisecting or partial responses keep the good records of a failing batch from being discarded with the bad one.',
      failing:
        "Resources:\n  Mapping:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      EventSourceArn: !GetAtt Stream.Arn\n      FunctionName: !Ref Worker\n      StartingPosition: LATEST\n  Stream:\n    Type: AWS::Kinesis::Stream\n    Properties:\n      ShardCount: 1\n  Worker:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      Role: arn:aws:iam::123456789012:role/worker\n      Code: {ZipFile: 'exports.handler = async () => {}'}",
      fixed:
        "Resources:\n  Mapping:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      EventSourceArn: !GetAtt Stream.Arn\n      FunctionName: !Ref Worker\n      StartingPosition: LATEST\n      MaximumRetryAttempts: 5\n      MaximumRecordAgeInSeconds: 3600\n      BisectBatchOnFunctionError: true\n      FunctionResponseTypes: [ReportBatchItemFailures]\n  Stream:\n    Type: AWS::Kinesis::Stream\n    Properties:\n      ShardCount: 1\n  Worker:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      Role: arn:aws:iam::123456789012:role/worker\n      Code: {ZipFile: 'exports.handler = async () => {}'}",
      whenNotToUse: 'Streams where strict ordering matters more than progress, and a stuck shard is the intended signal (then alarm on IteratorAge).',
      references: ['https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html#services-kinesis-errors', 'https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html'],
    },
  },
  check({graph, report}) {
    for (const mapping of graph.ofKind('eventSourceMapping')) {
      const source = mappingSource(graph, mapping)
      if (!source || !SHARD_KINDS.has(source.kind)) continue
      const retries = unbounded(mapping.props.MaximumRetryAttempts)
      const age = unbounded(mapping.props.MaximumRecordAgeInSeconds)
      if (retries === undefined || age === undefined) continue
      const fn = resolveFunction(graph, mapping.props.FunctionName)
      const data = {mapping: displayName(mapping), source: `${SOURCE_LABEL[source.kind]}${source.node ? ` ${displayName(source.node)}` : ''}`, function: fn ? displayName(fn) : 'unknown'}
      if (retries && age) {
        report({
          node: mapping,
          path: mapping.props.MaximumRetryAttempts === undefined ? [] : ['MaximumRetryAttempts'],
          messageId: 'unbounded',
          data,
          fix: 'Set MaximumRetryAttempts (e.g. 5) and/or MaximumRecordAgeInSeconds (e.g. 3600), with an on-failure destination.',
        })
        continue
      }
      const bisect = mapping.props.BisectBatchOnFunctionError
      if (bisect !== undefined && literalBoolean(bisect) !== false) continue
      const types = mapping.props.FunctionResponseTypes
      if (types !== undefined && (!Array.isArray(types) || asArray(types).some((t) => literal(t) === undefined || t === 'ReportBatchItemFailures'))) continue
      report({
        node: mapping,
        path: bisect === undefined ? [] : ['BisectBatchOnFunctionError'],
        messageId: 'noBisect',
        data,
        fix: 'Set BisectBatchOnFunctionError: true, or FunctionResponseTypes: [ReportBatchItemFailures].',
      })
    }
  },
})
