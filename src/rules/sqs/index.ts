// SQS rules.
import sqsQueueWithoutDlq from './sqs-queue-without-dlq.js'
import type {Rule} from '../types.js'

export const SQS_RULES: Rule[] = [sqsQueueWithoutDlq]
