// Write path: stores the order and its OrderCreated event in one DynamoDB transaction (the transactional outbox).
import {DynamoDBClient} from '@aws-sdk/client-dynamodb'
import {DynamoDBDocumentClient, TransactWriteCommand} from '@aws-sdk/lib-dynamodb'

import {orderWithEvent, validateOrder} from '../domain/outbox'
import {instrument, logger, tracer} from '../shared/powertools'

// Created once per execution environment and reused by every invocation.
const documents = DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})))
const tableName = process.env.TABLE_NAME ?? ''

export const handler = instrument('create-order', async (request: unknown) => {
  const {order, event} = orderWithEvent(validateOrder(request))
  logger.appendKeys({orderId: order.orderId, eventId: event.eventId})
  // Both items or neither: the event exists exactly when the order does, and the stream publishes it.
  await documents.send(
    new TransactWriteCommand({
      TransactItems: [
        {Put: {TableName: tableName, Item: order, ConditionExpression: 'attribute_not_exists(pk)'}},
        {Put: {TableName: tableName, Item: event, ConditionExpression: 'attribute_not_exists(pk)'}},
      ],
    }),
  )
  logger.info('order created')
  return {orderId: order.orderId}
})
