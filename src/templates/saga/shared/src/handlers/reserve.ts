// Saga step 1: reserve the seats (a repeated call finds the booking already reserved and succeeds).
import {type BookingRequest, InvalidTransitionError, transition} from '../domain/bookings'
import {instrument, logger} from '../shared/powertools'

export const handler = instrument('reserve', async (request: BookingRequest) => {
  logger.appendKeys({bookingId: request.bookingId})
  if (!(await transition(request.bookingId, 'RESERVED', ['NEW', 'RESERVED'], {customerId: request.customerId, seats: request.seats}))) {
    throw new InvalidTransitionError(`booking ${request.bookingId} cannot be reserved from its current state`)
  }
  logger.info('seats reserved', {seats: request.seats})
  return {reserved: true}
})
