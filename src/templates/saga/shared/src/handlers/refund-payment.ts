// Compensation of "charge": refund the payment if there was one; nothing to do otherwise.
import {transition} from '../domain/bookings'
import {compensation} from '../domain/compensation'
import {instrument, logger} from '../shared/powertools'

export const handler = instrument(
  'refund-payment',
  compensation(async (request) => {
    logger.appendKeys({bookingId: request.bookingId})
    const refunded = await transition(request.bookingId, 'REFUNDED', ['CHARGED', 'CONFIRMED'])
    logger.info(refunded ? 'payment refunded' : 'nothing to refund')
    return {refunded}
  }),
)
