// Webhook worker: processes each queued delivery once (keyed on the event id the sender puts in the body) and reports failures individually.
import {BatchProcessor, EventType, processPartialResponse} from '@aws-lambda-powertools/batch'
import {IdempotencyConfig, makeIdempotent} from '@aws-lambda-powertools/idempotency'
import {DynamoDBPersistenceLayer} from '@aws-lambda-powertools/idempotency/dynamodb'
import {DynamoDBClient} from '@aws-sdk/client-dynamodb'
import type {Context, SQSBatchResponse, SQSEvent, SQSRecord} from 'aws-lambda'

import {instrument, logger, tracer} from '../shared/powertools'

// Created once per execution environment and reused by every invocation.
const processor = new BatchProcessor(EventType.SQS)
const idempotencyConfig = new IdempotencyConfig({
  // Senders retry deliveries with the same event id: one id, one processing.
  eventKeyJmesPath: 'powertools_json(body).id',
  throwOnNoIdempotencyKey: true,
  expiresAfterSeconds: 7 * 24 * 60 * 60,
})
const persistenceStore = new DynamoDBPersistenceLayer({tableName: process.env.IDEMPOTENCY_TABLE_NAME ?? '', awsSdkV3Client: tracer.captureAWSv3Client(new DynamoDBClient({}))})

export class InvalidDeliveryError extends Error {
  override name = 'InvalidDeliveryError'
}

async function processDelivery(record: SQSRecord): Promise<{id: string; type: string}> {
  logger.appendKeys({messageId: record.messageId, correlationId: record.messageAttributes.correlationId?.stringValue ?? record.messageId})
  const delivery = JSON.parse(record.body) as {id?: unknown; type?: unknown}
  if (typeof delivery.id !== 'string' || typeof delivery.type !== 'string') throw new InvalidDeliveryError('a delivery needs a string id and type')
  // Replace with the reaction to the event (update an order, notify a team, call an API).
  logger.info('webhook processed', {eventId: delivery.id, type: delivery.type})
  return {id: delivery.id, type: delivery.type}
}

const processOnce = makeIdempotent(processDelivery, {persistenceStore, config: idempotencyConfig})

export const handler = instrument('process-webhook', async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  idempotencyConfig.registerLambdaContext(context)
  return processPartialResponse(event, processOnce, processor, {context})
})
