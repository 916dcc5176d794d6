// Publishes an order event to the topic, with its type as a message attribute that subscriptions filter on.
import {randomUUID} from 'node:crypto'

import {PublishCommand, SNSClient} from '@aws-sdk/client-sns'

import {InvalidEventError, ORDER_EVENT_TYPES, type OrderEvent, type OrderEventType} from '../domain/order-events'
import {instrument, logger, tracer} from '../shared/powertools'

// Created once per execution environment and reused by every invocation.
const sns = tracer.captureAWSv3Client(new SNSClient({}))
const topicArn = process.env.TOPIC_ARN ?? ''

export const handler = instrument('publish-order-event', async (request: {eventType: OrderEventType; orderId: string; total: number}) => {
  if (!ORDER_EVENT_TYPES.includes(request.eventType)) throw new InvalidEventError(`eventType must be one of ${ORDER_EVENT_TYPES.join(', ')}`)
  if (typeof request.orderId !== 'string' || request.orderId === '') throw new InvalidEventError('orderId is required')
  const event: OrderEvent = {eventId: randomUUID(), eventType: request.eventType, orderId: request.orderId, total: request.total}
  logger.appendKeys({eventId: event.eventId, orderId: event.orderId})
  const result = await sns.send(
    new PublishCommand({TopicArn: topicArn, Message: JSON.stringify(event), MessageAttributes: {eventType: {DataType: 'String', StringValue: event.eventType}}}),
  )
  logger.info('order event published', {eventType: event.eventType})
  return {eventId: event.eventId, messageId: result.MessageId}
})
