// KIN001: Kinesis streams should be encrypted at rest.
import {get, isIntrinsic, literal} from '../../model/intrinsics.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'

export default defineRule({
  meta: {
    id: 'KIN001',
    name: 'kinesis-stream-without-encryption',
    title: 'Kinesis stream without server-side encryption',
    severity: 'info',
    service: 'kinesis',
    // No audit collector reads these resources, so the rule cannot see them on a live account.
    sources: ['template'],
    status: 'stable',
    recommended: false,
    practices: ['P-SEC-3'],
    messages: {
      notEncrypted: 'Stream {{stream}} has encryption {{value}}; set StreamEncryption with EncryptionType KMS.',
    },
    equivalents: {checkov: ['CKV_AWS_43']},
    docs: {
      what: 'Finds `AWS::Kinesis::Stream` resources without `StreamEncryption.EncryptionType: KMS`.',
      why: 'Records in a stream often carry personal or business data for up to a year of retention; encryption at rest with KMS keeps them unreadable outside the stream and its authorised consumers.',
      failing: 'Resources:\n  Clicks:\n    Type: AWS::Kinesis::Stream\n    Properties:\n      ShardCount: 1',
      fixed: 'Resources:\n  Clicks:\n    Type: AWS::Kinesis::Stream\n    Properties:\n      ShardCount: 1\n      StreamEncryption:\n        EncryptionType: KMS\n        KeyId: alias/aws/kinesis',
      whenNotToUse: 'Streams of public, non-sensitive data.',
      references: ['https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html'],
    },
  },
  check({graph, report}) {
    for (const stream of graph.ofType('AWS::Kinesis::Stream')) {
      const encryption = stream.props.StreamEncryption
      const type = get(encryption, 'EncryptionType')
      if (type === 'KMS') continue
      if (isIntrinsic(encryption) || (type !== undefined && literal(type) === undefined)) continue
      report({
        node: stream,
        path: type !== undefined ? ['StreamEncryption', 'EncryptionType'] : encryption !== undefined ? ['StreamEncryption'] : [],
        messageId: 'notEncrypted',
        data: {stream: displayName(stream), value: type === undefined ? 'off (not configured)' : String(literal(type))},
        fix: 'Add StreamEncryption: {EncryptionType: KMS, KeyId: alias/aws/kinesis} (or a customer managed key).',
      })
    }
  },
})
