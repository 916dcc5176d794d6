// Stream publisher: sends each new outbox event from the table's stream to the event bus; failed records are retried alone.
import {BatchProcessor, EventType, processPartialResponse} from '@aws-lambda-powertools/batch'
import {EventBridgeClient, PutEventsCommand} from '@aws-sdk/client-eventbridge'
import type {Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent} from 'aws-lambda'

import {EVENT_SOURCE} from '../domain/outbox'
import {instrument, logger, tracer} from '../shared/powertools'

// Created once per execution environment and reused by every invocation.
const eventBridge = tracer.captureAWSv3Client(new EventBridgeClient({}))
const processor = new BatchProcessor(EventType.DynamoDBStreams)
const eventBusName = process.env.EVENT_BUS_NAME ?? ''

export class PublishError extends Error {
  override name = 'PublishError'
}

async function publish(record: DynamoDBRecord): Promise<void> {
  const image = record.dynamodb?.NewImage
  // The event source mapping filters on new outbox items; anything else is not this function's business.
  if (record.eventName !== 'INSERT' || image?.type?.S !== 'OUTBOX') return
  const eventId = image.eventId?.S
  logger.appendKeys({eventId})
  const result = await eventBridge.send(
    new PutEventsCommand({Entries: [{EventBusName: eventBusName, Source: EVENT_SOURCE, DetailType: image.detailType?.S, Detail: image.detail?.S}]}),
  )
  if ((result.FailedEntryCount ?? 0) > 0) {
    const entry = result.Entries?.[0]
    throw new PublishError(`event ${eventId} was not accepted: ${entry?.ErrorCode ?? 'unknown'} ${entry?.ErrorMessage ?? ''}`.trim())
  }
  logger.info('event published', {detailType: image.detailType?.S})
}

export const handler = instrument('publish-outbox', async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
  return processPartialResponse(event, publish, processor, {context})
})
