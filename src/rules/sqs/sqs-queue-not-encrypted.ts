// SQS006: queues should keep server-side encryption, which SQS enables by default since 2022.
import {literalBoolean} from '../../model/intrinsics.js'
import {defineRule} from '../types.js'
import {userName} from './queues.js'

export default defineRule({
  meta: {
    id: 'SQS006',
    name: 'sqs-queue-not-encrypted',
    title: 'SQS queue has server-side encryption turned off',
    severity: 'warning',
    service: 'sqs',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-SEC-3'],
    messages: {
      sseDisabled: 'Queue {{queue}} sets SqsManagedSseEnabled to false and has no KmsMasterKeyId: its messages are stored unencrypted.',
    },
    fixable: 'safe',
    cdkFix: 'encryption: sqs.QueueEncryption.SQS_MANAGED',
    equivalents: {'cdk-nag': ['AwsSolutions-SQS2'], checkov: ['CKV_AWS_27'], cfn_nag: ['W48']},
    docs: {
      what: 'Finds queues stored without encryption at rest: `SqsManagedSseEnabled: false` and no `KmsMasterKeyId`. Since 2022 new queues get SQS-managed encryption (SSE-SQS) by default, so a queue that simply omits both properties is encrypted and is not reported; live, a queue created earlier reports `SqsManagedSseEnabled` false and is.',
      why: 'Messages often carry personal or payment data. Encryption at rest costs nothing with SSE-SQS; turning it off is rarely intended.',
      failing: 'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      SqsManagedSseEnabled: false',
      fixed: 'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      SqsManagedSseEnabled: true   # or KmsMasterKeyId: alias/orders',
      whenNotToUse: 'Queues that only ever carry public data and are read by a service that cannot use encrypted queues.',
      references: ['https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html'],
      limitations: 'A customer managed KMS key is not required; whether the key policy lets producers (SNS, EventBridge) use the key is not checked.',
    },
  },
  check({graph, report}) {
    for (const queue of graph.ofKind('queue')) {
      if (literalBoolean(queue.props.SqsManagedSseEnabled) !== false || queue.props.KmsMasterKeyId !== undefined) continue
      report({
        node: queue,
        path: ['SqsManagedSseEnabled'],
        messageId: 'sseDisabled',
        data: {queue: userName(queue)},
        fix: 'Remove SqsManagedSseEnabled: false (SSE-SQS is the default) or set KmsMasterKeyId to a KMS key.',
        // SSE-SQS is transparent to producers and consumers: no key policy, no permission to add.
        autofix: (fixer) => fixer.propose('Turn on SSE-SQS encryption', [fixer.setProperty(queue, ['SqsManagedSseEnabled'], true)]),
      })
    }
  },
})
