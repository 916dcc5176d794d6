// SNS002: topics carrying business data should be encrypted at rest with KMS.
import {userName} from '../sqs/queues.js'
import {defineRule} from '../types.js'

export default defineRule({
  meta: {
    id: 'SNS002',
    name: 'sns-topic-without-kms',
    title: 'SNS topic without KMS encryption',
    severity: 'info',
    service: 'sns',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: false,
    practices: ['P-SEC-3'],
    messages: {
      noKms: 'Topic {{topic}} has no KmsMasterKeyId: messages are not encrypted at rest with a KMS key.',
    },
    fixable: 'unsafe',
    fixUnsafeReason:
      'AWS services that publish to the topic (CloudWatch alarms, EventBridge, S3) cannot use the AWS managed key alias/aws/sns: their messages stop arriving until the topic uses a customer managed key that allows them.',
    cdkFix: "masterKey: kms.Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns')",
    equivalents: {checkov: ['CKV_AWS_26'], cfn_nag: ['W47']},
    docs: {
      what: 'Finds SNS topics without `KmsMasterKeyId`. Unlike SQS, SNS has no default encryption at rest.',
      why: 'Messages are stored briefly on SNS servers while they are delivered and retried. Encryption with KMS keeps data at rest protected and auditable.',
      failing: 'Resources:\n  Orders:\n    Type: AWS::SNS::Topic',
      fixed: 'Resources:\n  Orders:\n    Type: AWS::SNS::Topic\n    Properties:\n      KmsMasterKeyId: alias/aws/sns',
      whenNotToUse:
        'Topics that carry only public or non-sensitive notifications; topics that EventBridge, CloudWatch alarms or S3 publish to need a customer managed key whose policy allows those services, so `alias/aws/sns` does not work for them.',
      references: ['https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html'],
    },
  },
  check({graph, report}) {
    for (const topic of graph.ofKind('topic')) {
      if (topic.props.KmsMasterKeyId !== undefined && topic.props.KmsMasterKeyId !== '') continue
      report({
        node: topic,
        path: [],
        messageId: 'noKms',
        data: {topic: userName(topic)},
        fix: 'Set KmsMasterKeyId to a KMS key (a customer managed key when AWS services publish to the topic).',
        autofix: (fixer) => fixer.propose('Encrypt the topic with the AWS managed key alias/aws/sns', [fixer.setProperty(topic, ['KmsMasterKeyId'], 'alias/aws/sns')]),
      })
    }
  },
})
