// Saga step 3: confirm the booking.
import {type BookingRequest, InvalidTransitionError, transition} from '../domain/bookings'
import {instrument, logger} from '../shared/powertools'

export const handler = instrument('confirm', async (request: BookingRequest) => {
  logger.appendKeys({bookingId: request.bookingId})
  if (!(await transition(request.bookingId, 'CONFIRMED', ['CHARGED', 'CONFIRMED']))) {
    throw new InvalidTransitionError(`booking ${request.bookingId} cannot be confirmed from its current state`)
  }
  logger.info('booking confirmed')
  return {confirmed: true}
})
