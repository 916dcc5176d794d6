// Handling of routed events: each event id is handled once (EventBridge delivers at least once), with its ids in every log line.
import {IdempotencyConfig, makeIdempotent} from '@aws-lambda-powertools/idempotency'
import {DynamoDBPersistenceLayer} from '@aws-lambda-powertools/idempotency/dynamodb'
import {DynamoDBClient} from '@aws-sdk/client-dynamodb'
import type {Context, EventBridgeEvent} from 'aws-lambda'

import {instrument, logger, tracer} from '../shared/powertools'

const persistenceStore = new DynamoDBPersistenceLayer({tableName: process.env.IDEMPOTENCY_TABLE_NAME ?? '', awsSdkV3Client: tracer.captureAWSv3Client(new DynamoDBClient({}))})

export class InvalidEventError extends Error {
  override name = 'InvalidEventError'
}

/** A Lambda handler for one kind of routed event: validates, then runs `handle` once per event id. */
export function routedEventHandler<T extends string, D, R>(name: string, handle: (event: EventBridgeEvent<T, D>) => Promise<R>) {
  const config = new IdempotencyConfig({eventKeyJmesPath: 'id', expiresAfterSeconds: 24 * 60 * 60})
  const handleOnce = makeIdempotent(
    async (event: EventBridgeEvent<T, D>) => {
      logger.appendKeys({eventId: event.id, detailType: event['detail-type'], source: event.source})
      return handle(event)
    },
    {persistenceStore, config},
  )
  return instrument(name, async (event: EventBridgeEvent<T, D>, context: Context) => {
    config.registerLambdaContext(context)
    return handleOnce(event)
  })
}
