// The work this service does for one message: validate the order it carries and fulfil it.
import {logger} from '../shared/powertools'

export interface Order {
  orderId: string
  customerId: string
  amount: number
}

/** A message that can never succeed: retrying it is pointless, so it fails at once (and ends in the DLQ). */
export class InvalidMessageError extends Error {}

/** Parses and validates a message body; throws InvalidMessageError for anything that is not an order. */
export function parseOrder(body: string): Order {
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch {
    throw new InvalidMessageError('message body is not JSON')
  }
  const order = value as Partial<Order> | null
  if (!order || typeof order.orderId !== 'string' || order.orderId === '') throw new InvalidMessageError('orderId is missing')
  if (typeof order.customerId !== 'string' || order.customerId === '') throw new InvalidMessageError('customerId is missing')
  if (typeof order.amount !== 'number' || !Number.isFinite(order.amount) || order.amount <= 0) throw new InvalidMessageError('amount must be a positive number')
  return {orderId: order.orderId, customerId: order.customerId, amount: order.amount}
}

/** Replace with the real side effect (call a downstream, write a table). It runs once per message thanks to idempotency. */
export async function fulfilOrder(order: Order): Promise<{orderId: string; status: 'FULFILLED'}> {
  logger.info('order fulfilled', {orderId: order.orderId, customerId: order.customerId, amount: order.amount})
  return {orderId: order.orderId, status: 'FULFILLED'}
}
