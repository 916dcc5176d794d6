// Each route target handles its event and fails on malformed ones, so EventBridge's retries and the DLQ take over.
import type {EventBridgeEvent} from 'aws-lambda'
import {describe, expect, it} from 'vitest'

import {InvalidEventError} from '../src/domain/routed-event'
import {handler as fulfilOrder} from '../src/handlers/fulfil-order'
import {handler as recordPayment} from '../src/handlers/record-payment'
import {lambdaContext} from './support/lambda'

function event<T extends string, D>(detailType: T, detail: D): EventBridgeEvent<T, D> {
  return {id: `ev-${detailType}`, version: '0', account: '123456789012', time: '2026-11-23T00:00:00Z', region: 'eu-west-1', resources: [], source: 'test', 'detail-type': detailType, detail}
}

describe('fulfil-order', () => {
  it('starts fulfilment of a placed order', async () => {
    await expect(fulfilOrder(event('OrderPlaced', {orderId: 'o-1', items: [{sku: 's', quantity: 1}]}), lambdaContext())).resolves.toEqual({orderId: 'o-1'})
  })

  it('fails on an order without items', async () => {
    await expect(fulfilOrder(event('OrderPlaced', {orderId: 'o-1', items: []}), lambdaContext())).rejects.toBeInstanceOf(InvalidEventError)
  })
})

describe('record-payment', () => {
  it('records a payment', async () => {
    await expect(recordPayment(event('PaymentReceived', {paymentId: 'p-1', orderId: 'o-1', amount: 10}), lambdaContext())).resolves.toEqual({paymentId: 'p-1'})
  })

  it('fails on a payment without an amount', async () => {
    await expect(recordPayment(event('PaymentReceived', {paymentId: 'p-1', orderId: 'o-1', amount: 0}), lambdaContext())).rejects.toBeInstanceOf(InvalidEventError)
  })
})
