// Order events fanned out through the topic: their shape, and a partial-batch SQS worker that handles each message once.
import {BatchProcessor, EventType, processPartialResponse} from '@aws-lambda-powertools/batch'
import {IdempotencyConfig, makeIdempotent} from '@aws-lambda-powertools/idempotency'
import {DynamoDBPersistenceLayer} from '@aws-lambda-powertools/idempotency/dynamodb'
import {DynamoDBClient} from '@aws-sdk/client-dynamodb'
import type {Context, SQSBatchResponse, SQSEvent, SQSRecord} from 'aws-lambda'

import {instrument, logger, tracer} from '../shared/powertools'

export const ORDER_EVENT_TYPES = ['OrderPlaced', 'OrderCancelled'] as const
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number]

export interface OrderEvent {
  eventId: string
  eventType: OrderEventType
  orderId: string
  total: number
}

export class InvalidEventError extends Error {
  override name = 'InvalidEventError'
}

export function parseOrderEvent(body: string): OrderEvent {
  let value: Partial<OrderEvent> | null
  try {
    value = JSON.parse(body) as Partial<OrderEvent> | null
  } catch {
    throw new InvalidEventError('message body is not JSON')
  }
  if (!value || typeof value.eventId !== 'string' || typeof value.orderId !== 'string') throw new InvalidEventError('eventId and orderId are required')
  if (!ORDER_EVENT_TYPES.includes(value.eventType as OrderEventType)) throw new InvalidEventError(`unknown eventType ${String(value.eventType)}`)
  return value as OrderEvent
}

const persistenceStore = new DynamoDBPersistenceLayer({tableName: process.env.IDEMPOTENCY_TABLE_NAME ?? '', awsSdkV3Client: tracer.captureAWSv3Client(new DynamoDBClient({}))})

/** An SQS handler that parses each message as an order event and runs `handle` once per event id, reporting failed messages. */
export function orderEventWorker<R>(name: string, handle: (event: OrderEvent) => Promise<R>) {
  const processor = new BatchProcessor(EventType.SQS)
  // Raw message delivery: the SQS body is the published message, whose eventId is the idempotency key.
  const config = new IdempotencyConfig({eventKeyJmesPath: 'powertools_json(body).eventId', expiresAfterSeconds: 24 * 60 * 60})
  const processOnce = makeIdempotent(
    async (record: SQSRecord) => {
      const event = parseOrderEvent(record.body)
      logger.appendKeys({messageId: record.messageId, eventId: event.eventId, orderId: event.orderId})
      return handle(event)
    },
    {persistenceStore, config},
  )
  return instrument(name, async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    config.registerLambdaContext(context)
    return processPartialResponse(event, processOnce, processor, {context})
  })
}
