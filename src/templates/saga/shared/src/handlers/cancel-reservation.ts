// Compensation of "reserve": release the seats if they were reserved; nothing to do otherwise.
import {transition} from '../domain/bookings'
import {compensation} from '../domain/compensation'
import {instrument, logger} from '../shared/powertools'

export const handler = instrument(
  'cancel-reservation',
  compensation(async (request) => {
    logger.appendKeys({bookingId: request.bookingId})
    const cancelled = await transition(request.bookingId, 'CANCELLED', ['RESERVED', 'CHARGED', 'REFUNDED'])
    logger.info(cancelled ? 'reservation cancelled' : 'nothing to cancel')
    return {cancelled}
  }),
)
