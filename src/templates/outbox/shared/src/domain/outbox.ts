// The order table's two kinds of items: orders, and outbox events written in the same transaction.
import {randomUUID} from 'node:crypto'

/** Event source of everything this service publishes. */
export const EVENT_SOURCE = process.env.EVENT_SOURCE ?? 'orders'

export interface NewOrder {
  customerId: string
  items: Array<{sku: string; quantity: number}>
  total: number
}

export interface OrderItem extends NewOrder {
  pk: string
  sk: 'ORDER'
  type: 'ORDER'
  orderId: string
  createdAt: string
}

export interface OutboxItem {
  pk: string
  sk: 'EVENT'
  type: 'OUTBOX'
  eventId: string
  detailType: string
  /** The event's detail as JSON text, published as it is. */
  detail: string
  createdAt: string
  /** Epoch seconds: the table's TTL removes published events after a week. */
  expiresAt: number
}

export class InvalidOrderError extends Error {
  override name = 'InvalidOrderError'
}

export function validateOrder(value: unknown): NewOrder {
  const order = value as Partial<NewOrder> | null
  if (!order || typeof order.customerId !== 'string' || order.customerId === '') throw new InvalidOrderError('customerId is required')
  if (!Array.isArray(order.items) || order.items.length === 0) throw new InvalidOrderError('items must be a non-empty list')
  if (typeof order.total !== 'number' || !(order.total > 0)) throw new InvalidOrderError('total must be a positive number')
  return {customerId: order.customerId, items: order.items, total: order.total}
}

/** The order and its OrderCreated event, ready to be written together. */
export function orderWithEvent(order: NewOrder, now = new Date(), orderId = randomUUID(), eventId = randomUUID()): {order: OrderItem; event: OutboxItem} {
  const createdAt = now.toISOString()
  return {
    order: {pk: `ORDER#${orderId}`, sk: 'ORDER', type: 'ORDER', orderId, createdAt, ...order},
    event: {
      pk: `OUTBOX#${eventId}`,
      sk: 'EVENT',
      type: 'OUTBOX',
      eventId,
      detailType: 'OrderCreated',
      detail: JSON.stringify({orderId, customerId: order.customerId, total: order.total, createdAt}),
      createdAt,
      expiresAt: Math.floor(now.getTime() / 1000) + 7 * 24 * 60 * 60,
    },
  }
}
