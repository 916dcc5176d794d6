// Shipping subscriber: prepares a shipment for each placed order (its subscription only delivers OrderPlaced).
import {InvalidEventError, orderEventWorker} from '../domain/order-events'
import {logger} from '../shared/powertools'

export const handler = orderEventWorker('shipping-worker', async (event) => {
  if (event.eventType !== 'OrderPlaced') throw new InvalidEventError(`shipping does not handle ${event.eventType}; check the subscription's filter policy`)
  logger.info('shipment prepared')
  return {orderId: event.orderId}
})
