// SQS rules.
import sqsDlqRetentionTooShort from './sqs-dlq-retention-too-short.js'
import sqsDlqTypeMismatch from './sqs-dlq-type-mismatch.js'
import sqsDlqWithoutAlarm from './sqs-dlq-without-alarm.js'
import sqsMaxReceiveCountOutOfRange from './sqs-max-receive-count-out-of-range.js'
import sqsQueueNotEncrypted from './sqs-queue-not-encrypted.js'
import sqsQueuePolicyWildcard from './sqs-queue-policy-wildcard.js'
import sqsQueuePolicyWithoutSecureTransport from './sqs-queue-policy-without-secure-transport.js'
import sqsQueueWithoutDlq from './sqs-queue-without-dlq.js'
import type {Rule} from '../types.js'

export const SQS_RULES: Rule[] = [
  sqsQueueWithoutDlq,
  sqsDlqWithoutAlarm,
  sqsDlqRetentionTooShort,
  sqsMaxReceiveCountOutOfRange,
  sqsDlqTypeMismatch,
  sqsQueueNotEncrypted,
  sqsQueuePolicyWithoutSecureTransport,
  sqsQueuePolicyWildcard,
]
