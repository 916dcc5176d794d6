// Saga step 2: charge the customer (replace the payment id with your payment provider's, called with an idempotency key).
import {type BookingRequest, InvalidTransitionError, transition} from '../domain/bookings'
import {instrument, logger} from '../shared/powertools'

export const handler = instrument('charge', async (request: BookingRequest) => {
  logger.appendKeys({bookingId: request.bookingId})
  const paymentId = `payment-${request.bookingId}`
  if (!(await transition(request.bookingId, 'CHARGED', ['RESERVED', 'CHARGED'], {paymentId, amount: request.amount}))) {
    throw new InvalidTransitionError(`booking ${request.bookingId} cannot be charged from its current state`)
  }
  logger.info('customer charged', {amount: request.amount})
  return {paymentId}
})
