// Billing subscriber: invoices placed orders and credits cancelled ones.
import {orderEventWorker} from '../domain/order-events'
import {logger} from '../shared/powertools'

export const handler = orderEventWorker('billing-worker', async (event) => {
  // Replace with the billing system call, made idempotent by the event id.
  logger.info(event.eventType === 'OrderPlaced' ? 'invoice issued' : 'credit note issued', {total: event.total})
  return {orderId: event.orderId, billed: event.eventType === 'OrderPlaced'}
})
