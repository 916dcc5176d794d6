// Compensations run at most once per booking (Powertools idempotency), however often Step Functions retries them.
import {IdempotencyConfig, makeIdempotent} from '@aws-lambda-powertools/idempotency'
import {DynamoDBPersistenceLayer} from '@aws-lambda-powertools/idempotency/dynamodb'
import {DynamoDBClient} from '@aws-sdk/client-dynamodb'
import type {Context} from 'aws-lambda'

import {tracer} from '../shared/powertools'
import type {BookingRequest} from './bookings'

const persistenceStore = new DynamoDBPersistenceLayer({tableName: process.env.IDEMPOTENCY_TABLE_NAME ?? '', awsSdkV3Client: tracer.captureAWSv3Client(new DynamoDBClient({}))})

/** Wraps a compensation so that its result is recorded per booking id and replayed on retries. */
export function compensation<R>(fn: (request: BookingRequest) => Promise<R>): (request: BookingRequest, context: Context) => Promise<R> {
  const config = new IdempotencyConfig({eventKeyJmesPath: 'bookingId', expiresAfterSeconds: 7 * 24 * 60 * 60})
  const once = makeIdempotent(fn, {persistenceStore, config})
  return async (request, context) => {
    config.registerLambdaContext(context)
    return once(request)
  }
}
