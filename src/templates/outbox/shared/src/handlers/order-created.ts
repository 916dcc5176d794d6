// Consumer: reacts to OrderCreated events from the bus, once per event (EventBridge delivers at least once).
import {IdempotencyConfig, makeIdempotent} from '@aws-lambda-powertools/idempotency'
import {DynamoDBPersistenceLayer} from '@aws-lambda-powertools/idempotency/dynamodb'
import {DynamoDBClient} from '@aws-sdk/client-dynamodb'
import type {Context, EventBridgeEvent} from 'aws-lambda'

import {instrument, logger, tracer} from '../shared/powertools'

interface OrderCreated {
  orderId: string
  customerId: string
  total: number
}

const persistenceStore = new DynamoDBPersistenceLayer({tableName: process.env.IDEMPOTENCY_TABLE_NAME ?? '', awsSdkV3Client: tracer.captureAWSv3Client(new DynamoDBClient({}))})
const config = new IdempotencyConfig({eventKeyJmesPath: 'id', expiresAfterSeconds: 24 * 60 * 60})

const handleOnce = makeIdempotent(
  async (event: EventBridgeEvent<'OrderCreated', OrderCreated>) => {
    logger.appendKeys({eventId: event.id, orderId: event.detail.orderId})
    if (typeof event.detail.orderId !== 'string') throw new Error('OrderCreated without orderId')
    // Replace with the reaction: notify the customer, start fulfilment, update a read model.
    logger.info('order created event handled', {total: event.detail.total})
    return {orderId: event.detail.orderId}
  },
  {persistenceStore, config},
)

export const handler = instrument('order-created', async (event: EventBridgeEvent<'OrderCreated', OrderCreated>, context: Context) => {
  config.registerLambdaContext(context)
  return handleOnce(event)
})
