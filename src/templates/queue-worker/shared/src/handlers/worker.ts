// SQS worker: processes each message once (Powertools idempotency) and reports only the failed ones back to SQS.
import {BatchProcessor, EventType, processPartialResponse} from '@aws-lambda-powertools/batch'
import {IdempotencyConfig, makeIdempotent} from '@aws-lambda-powertools/idempotency'
import {DynamoDBPersistenceLayer} from '@aws-lambda-powertools/idempotency/dynamodb'
import {DynamoDBClient} from '@aws-sdk/client-dynamodb'
import type {Context, SQSBatchResponse, SQSEvent, SQSRecord} from 'aws-lambda'

import {fulfilOrder, parseOrder} from '../domain/order'
import {instrument, logger, tracer} from '../shared/powertools'

// Created once per execution environment and reused by every invocation.
const dynamoDb = tracer.captureAWSv3Client(new DynamoDBClient({}))
const processor = new BatchProcessor(EventType.SQS)
const idempotencyConfig = new IdempotencyConfig({
  // SQS delivers at least once: a redelivered message has the same id. Use a business key (e.g. 'powertools_json(body).orderId') if producers may send duplicates.
  eventKeyJmesPath: 'messageId',
  expiresAfterSeconds: 24 * 60 * 60,
})
const persistenceStore = new DynamoDBPersistenceLayer({tableName: process.env.IDEMPOTENCY_TABLE_NAME ?? '', awsSdkV3Client: dynamoDb})

async function processRecord(record: SQSRecord): Promise<unknown> {
  logger.appendKeys({messageId: record.messageId, correlationId: record.messageAttributes.correlationId?.stringValue ?? record.messageId})
  const order = parseOrder(record.body)
  return fulfilOrder(order)
}

const processOnce = makeIdempotent(processRecord, {persistenceStore, config: idempotencyConfig})

export const handler = instrument('worker', async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  idempotencyConfig.registerLambdaContext(context)
  return processPartialResponse(event, processOnce, processor, {context})
})
