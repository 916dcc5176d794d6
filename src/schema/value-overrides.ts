// Value constraints CloudFormation enforces that the specification package does not carry (it has allowed values only): ranges, lengths and the Lambda API's own enums, each with its source.
import type {Constraints} from './format.js'

/** Constraints of one property: on its value, or (lists) on each item. */
export interface ValueOverride {
  value?: Constraints
  items?: Constraints
  /** Where the figure comes from. */
  source: string
}

const LAMBDA_CREATE_FUNCTION = 'https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html'
const LAMBDA_ESM = 'https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html'
const LAMBDA_EVENT_INVOKE = 'https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html'
const SQS_ATTRIBUTES = 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html'

/**
 * By resource type, then property name. Enums that change with each release (Lambda runtimes,
 * architectures) are not listed here: the index builder reads them from the Lambda SDK's model.
 */
export const VALUE_OVERRIDES: Readonly<Record<string, Readonly<Record<string, ValueOverride>>>> = {
  'AWS::Lambda::Function': {
    // "Timeout … Valid Range: Minimum value of 1." and the 900-second (15-minute) maximum of Lambda quotas.
    Timeout: {value: {lo: 1, hi: 900}, source: LAMBDA_CREATE_FUNCTION},
    MemorySize: {value: {lo: 128, hi: 10240}, source: LAMBDA_CREATE_FUNCTION},
    ReservedConcurrentExecutions: {value: {lo: 0}, source: LAMBDA_CREATE_FUNCTION},
    Architectures: {value: {ml: 1, xl: 1}, source: LAMBDA_CREATE_FUNCTION},
    Description: {value: {xl: 256}, source: LAMBDA_CREATE_FUNCTION},
    FunctionName: {value: {ml: 1, xl: 140}, source: LAMBDA_CREATE_FUNCTION},
    Handler: {value: {xl: 128, p: '^\\S+$'}, source: LAMBDA_CREATE_FUNCTION},
  },
  'AWS::Lambda::EventSourceMapping': {
    // 10,000 for every source (SQS standard queues, Kinesis, DynamoDB, MSK, self-managed Kafka, MQ, DocumentDB).
    BatchSize: {value: {lo: 1, hi: 10000}, source: LAMBDA_ESM},
    MaximumBatchingWindowInSeconds: {value: {lo: 0, hi: 300}, source: LAMBDA_ESM},
    MaximumRecordAgeInSeconds: {value: {lo: -1, hi: 604800}, source: LAMBDA_ESM},
    MaximumRetryAttempts: {value: {lo: -1, hi: 10000}, source: LAMBDA_ESM},
    ParallelizationFactor: {value: {lo: 1, hi: 10}, source: LAMBDA_ESM},
    TumblingWindowInSeconds: {value: {lo: 0, hi: 900}, source: LAMBDA_ESM},
  },
  'AWS::Lambda::EventInvokeConfig': {
    MaximumEventAgeInSeconds: {value: {lo: 60, hi: 21600}, source: LAMBDA_EVENT_INVOKE},
    MaximumRetryAttempts: {value: {lo: 0, hi: 2}, source: LAMBDA_EVENT_INVOKE},
  },
  'AWS::SQS::Queue': {
    VisibilityTimeout: {value: {lo: 0, hi: 43200}, source: SQS_ATTRIBUTES},
    DelaySeconds: {value: {lo: 0, hi: 900}, source: SQS_ATTRIBUTES},
    MessageRetentionPeriod: {value: {lo: 60, hi: 1209600}, source: SQS_ATTRIBUTES},
    ReceiveMessageWaitTimeSeconds: {value: {lo: 0, hi: 20}, source: SQS_ATTRIBUTES},
    // 1 MiB since August 2025 (it was 256 KiB).
    MaximumMessageSize: {value: {lo: 1024, hi: 1048576}, source: SQS_ATTRIBUTES},
    KmsDataKeyReusePeriodSeconds: {value: {lo: 60, hi: 86400}, source: SQS_ATTRIBUTES},
  },
}
