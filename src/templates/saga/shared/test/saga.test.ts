// The saga as Step Functions runs it: steps in order, and on a failure the completed steps compensated in reverse order.
import {readFileSync} from 'node:fs'

import {DynamoDBDocumentClient, type UpdateCommand} from '@aws-sdk/lib-dynamodb'
import {describe, expect, it, vi} from 'vitest'

import {handler as cancelReservation} from '../src/handlers/cancel-reservation'
import {handler as charge} from '../src/handlers/charge'
import {handler as confirm} from '../src/handlers/confirm'
import {handler as refundPayment} from '../src/handlers/refund-payment'
import {handler as reserve} from '../src/handlers/reserve'
import {type Definition, execute, type TaskHandler} from './support/asl'
import {lambdaContext} from './support/lambda'

const definition = JSON.parse(readFileSync(new URL('../statemachine/booking.asl.json', import.meta.url), 'utf8')) as Definition
const handlers: Record<string, TaskHandler> = {
  ReserveFunctionArn: reserve as TaskHandler,
  ChargeFunctionArn: charge as TaskHandler,
  ConfirmFunctionArn: confirm as TaskHandler,
  RefundPaymentFunctionArn: refundPayment as TaskHandler,
  CancelReservationFunctionArn: cancelReservation as TaskHandler,
}
const request = {bookingId: 'b-1', customerId: 'c-1', seats: 2, amount: 120}

/** Replaces DynamoDB: records each status change; `failOn` makes the write of that status fail as a throttled table would. */
function bookingsTable(failOn?: string) {
  const statuses: string[] = []
  vi.spyOn(DynamoDBDocumentClient.prototype, 'send').mockImplementation(async (command: unknown) => {
    const status = (command as UpdateCommand).input.ExpressionAttributeValues?.[':to'] as string
    if (status === failOn) throw Object.assign(new Error('Rate exceeded'), {name: 'ProvisionedThroughputExceededException'})
    statuses.push(status)
    return {}
  })
  return statuses
}

describe('booking saga', () => {
  it('reserves, charges and confirms', async () => {
    const statuses = bookingsTable()
    const execution = await execute(definition, handlers, request, lambdaContext())
    expect(execution.status).toBe('SUCCEEDED')
    expect(execution.visited).toEqual(['Reserve', 'Charge', 'Confirm', 'BookingConfirmed'])
    expect(statuses).toEqual(['RESERVED', 'CHARGED', 'CONFIRMED'])
  })

  it('refunds then cancels when confirming fails', async () => {
    const statuses = bookingsTable('CONFIRMED')
    const execution = await execute(definition, handlers, request, lambdaContext())
    expect(execution.status).toBe('FAILED')
    expect(execution.error).toBe('BookingFailed')
    expect(execution.visited).toEqual(['Reserve', 'Charge', 'Confirm', 'RefundPayment', 'CancelReservation', 'BookingFailed'])
    expect(statuses).toEqual(['RESERVED', 'CHARGED', 'REFUNDED', 'CANCELLED'])
  })

  it('runs the compensations after a failed charge, in reverse order', async () => {
    const statuses = bookingsTable('CHARGED')
    const execution = await execute(definition, handlers, request, lambdaContext())
    expect(execution.visited).toEqual(['Reserve', 'Charge', 'RefundPayment', 'CancelReservation', 'BookingFailed'])
    expect(statuses).toEqual(['RESERVED', 'REFUNDED', 'CANCELLED'])
    expect(execution.output.error).toMatchObject({Error: 'ProvisionedThroughputExceededException'})
  })

  it('ends in CompensationFailed when a compensation keeps failing', async () => {
    vi.spyOn(DynamoDBDocumentClient.prototype, 'send').mockImplementation(async (command: unknown) => {
      const status = (command as UpdateCommand).input.ExpressionAttributeValues?.[':to']
      if (status === 'CHARGED' || status === 'REFUNDED') throw new Error('unavailable')
      return {}
    })
    const execution = await execute(definition, handlers, request, lambdaContext())
    expect(execution.visited).toEqual(['Reserve', 'Charge', 'RefundPayment', 'CompensationFailed'])
    expect(execution.error).toBe('CompensationFailed')
  })
})

describe('every task', () => {
  it('retries, catches and has a timeout', () => {
    for (const [name, state] of Object.entries(definition.States)) {
      if (state.Type !== 'Task') continue
      expect(state, name).toMatchObject({TimeoutSeconds: expect.any(Number), Retry: expect.any(Array), Catch: expect.any(Array)})
    }
  })
})
