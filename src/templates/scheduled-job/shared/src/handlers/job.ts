// Scheduled job: runs once per scheduled time (Powertools idempotency), however often the scheduler or Lambda retries it.
import {IdempotencyConfig, makeIdempotent} from '@aws-lambda-powertools/idempotency'
import {DynamoDBPersistenceLayer} from '@aws-lambda-powertools/idempotency/dynamodb'
import {DynamoDBClient} from '@aws-sdk/client-dynamodb'
import type {Context} from 'aws-lambda'

import {instrument, logger, tracer} from '../shared/powertools'

/** What the schedule sends: its own context attributes, filled in by EventBridge Scheduler. */
export interface ScheduledRun {
  scheduledTime: string
  executionId: string
}

export class InvalidRunError extends Error {
  override name = 'InvalidRunError'
}

const persistenceStore = new DynamoDBPersistenceLayer({tableName: process.env.IDEMPOTENCY_TABLE_NAME ?? '', awsSdkV3Client: tracer.captureAWSv3Client(new DynamoDBClient({}))})
const config = new IdempotencyConfig({eventKeyJmesPath: 'scheduledTime', expiresAfterSeconds: 7 * 24 * 60 * 60})

/** The work of one run. Replace with the job (a report, a clean-up, a sync); keep it shorter than the function timeout. */
export async function runJob(run: ScheduledRun): Promise<{scheduledTime: string; processed: number}> {
  if (Number.isNaN(Date.parse(run.scheduledTime))) throw new InvalidRunError(`scheduledTime "${run.scheduledTime}" is not a date`)
  logger.appendKeys({scheduledTime: run.scheduledTime, executionId: run.executionId})
  logger.info('job run')
  return {scheduledTime: run.scheduledTime, processed: 0}
}

const runOnce = makeIdempotent(runJob, {persistenceStore, config})

export const handler = instrument('job', async (run: ScheduledRun, context: Context) => {
  config.registerLambdaContext(context)
  return runOnce(run)
})
