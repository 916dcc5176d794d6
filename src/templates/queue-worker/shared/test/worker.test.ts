// The worker reports failed messages as batch item failures and lets the others succeed.
import {describe, expect, it} from 'vitest'

import {InvalidMessageError, parseOrder} from '../src/domain/order'
import {handler} from '../src/handlers/worker'
import {lambdaContext, sqsEvent, sqsRecord} from './support/lambda'

const order = (orderId: string, amount = 42) => ({orderId, customerId: 'c-1', amount})

describe('worker', () => {
  it('reports nothing when every message succeeds', async () => {
    const result = await handler(sqsEvent(sqsRecord('m-1', order('o-1')), sqsRecord('m-2', order('o-2'))), lambdaContext())
    expect(result.batchItemFailures).toEqual([])
  })

  it('reports each failed message as a batch item failure, and only those', async () => {
    const event = sqsEvent(sqsRecord('m-1', order('o-1')), sqsRecord('m-2', 'not json'), sqsRecord('m-3', order('o-3', -5)), sqsRecord('m-4', order('o-4')))
    const result = await handler(event, lambdaContext())
    expect(result.batchItemFailures).toEqual([{itemIdentifier: 'm-2'}, {itemIdentifier: 'm-3'}])
  })
})

describe('parseOrder', () => {
  it('accepts a valid order', () => {
    expect(parseOrder(JSON.stringify(order('o-1')))).toEqual(order('o-1'))
  })

  it.each([['{}'], ['[]'], ['null'], ['{"orderId":"o","customerId":"c","amount":"1"}'], ['{"orderId":"","customerId":"c","amount":1}']])('refuses %s', (body) => {
    expect(() => parseOrder(body)).toThrow(InvalidMessageError)
  })
})
