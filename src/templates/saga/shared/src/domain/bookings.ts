// Booking state in DynamoDB. Every step is a conditional status change, so running a step twice changes nothing.
import {ConditionalCheckFailedException, DynamoDBClient} from '@aws-sdk/client-dynamodb'
import {DynamoDBDocumentClient, UpdateCommand} from '@aws-sdk/lib-dynamodb'

import {tracer} from '../shared/powertools'

// Created once per execution environment and reused by every invocation.
export const documents = DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})))
const tableName = process.env.TABLE_NAME ?? ''

/** What the state machine is started with. */
export interface BookingRequest {
  bookingId: string
  customerId: string
  seats: number
  amount: number
}

export type BookingStatus = 'RESERVED' | 'CHARGED' | 'CONFIRMED' | 'REFUNDED' | 'CANCELLED'

/**
 * Moves a booking to `to` when its status is one of `from` (or it does not exist yet, when
 * `from` includes 'NEW'). Returns false when the booking is in another state.
 */
export async function transition(bookingId: string, to: BookingStatus, from: Array<BookingStatus | 'NEW'>, attributes: Record<string, unknown> = {}): Promise<boolean> {
  const names: Record<string, string> = {'#status': 'status', '#updatedAt': 'updatedAt'}
  const values: Record<string, unknown> = {':to': to, ':now': new Date().toISOString()}
  const sets = ['#status = :to', '#updatedAt = :now']
  Object.entries(attributes).forEach(([key, value], index) => {
    names[`#a${index}`] = key
    values[`:a${index}`] = value
    sets.push(`#a${index} = :a${index}`)
  })
  const allowed = from.filter((status) => status !== 'NEW')
  allowed.forEach((status, index) => (values[`:from${index}`] = status))
  const conditions = [...(from.includes('NEW') ? ['attribute_not_exists(bookingId)'] : []), ...(allowed.length > 0 ? [`#status IN (${allowed.map((_, index) => `:from${index}`).join(', ')})`] : [])]
  try {
    await documents.send(
      new UpdateCommand({
        TableName: tableName,
        Key: {bookingId},
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: conditions.join(' OR '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    )
    return true
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false
    throw error
  }
}

/** A step that cannot happen from the booking's current state: retrying will not help. */
export class InvalidTransitionError extends Error {
  override name = 'InvalidTransitionError'
}
