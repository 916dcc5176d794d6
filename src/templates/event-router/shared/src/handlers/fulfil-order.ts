// Route target: starts fulfilment of a placed order.
import {InvalidEventError, routedEventHandler} from '../domain/routed-event'
import {logger} from '../shared/powertools'

interface OrderPlaced {
  orderId: string
  items: Array<{sku: string; quantity: number}>
}

export const handler = routedEventHandler<'OrderPlaced', OrderPlaced, {orderId: string}>('fulfil-order', async (event) => {
  const {orderId, items} = event.detail
  if (typeof orderId !== 'string' || !Array.isArray(items) || items.length === 0) throw new InvalidEventError('OrderPlaced needs an orderId and items')
  // Replace with the fulfilment call (a warehouse API, a Step Functions execution).
  logger.info('fulfilment started', {orderId, lines: items.length})
  return {orderId}
})
