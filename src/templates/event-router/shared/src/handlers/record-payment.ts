// Route target: records a received payment.
import {InvalidEventError, routedEventHandler} from '../domain/routed-event'
import {logger} from '../shared/powertools'

interface PaymentReceived {
  paymentId: string
  orderId: string
  amount: number
}

export const handler = routedEventHandler<'PaymentReceived', PaymentReceived, {paymentId: string}>('record-payment', async (event) => {
  const {paymentId, orderId, amount} = event.detail
  if (typeof paymentId !== 'string' || typeof orderId !== 'string' || !(amount > 0)) throw new InvalidEventError('PaymentReceived needs a paymentId, an orderId and a positive amount')
  // Replace with the ledger write.
  logger.info('payment recorded', {paymentId, orderId, amount})
  return {paymentId}
})
