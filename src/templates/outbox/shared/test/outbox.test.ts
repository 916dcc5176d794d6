// The outbox: one transaction with both items; the publisher reports only the events the bus refused.
import {EventBridgeClient, type PutEventsCommand} from '@aws-sdk/client-eventbridge'
import {DynamoDBDocumentClient, TransactWriteCommand} from '@aws-sdk/lib-dynamodb'
import type {DynamoDBRecord} from 'aws-lambda'
import {describe, expect, it, vi} from 'vitest'

import {handler as createOrder} from '../src/handlers/create-order'
import {handler as orderCreated} from '../src/handlers/order-created'
import {handler as publishOutbox} from '../src/handlers/publish-outbox'
import {lambdaContext} from './support/lambda'

function outboxRecord(sequenceNumber: string, eventId: string): DynamoDBRecord {
  return {
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    dynamodb: {
      SequenceNumber: sequenceNumber,
      NewImage: {
        pk: {S: `OUTBOX#${eventId}`},
        sk: {S: 'EVENT'},
        type: {S: 'OUTBOX'},
        eventId: {S: eventId},
        detailType: {S: 'OrderCreated'},
        detail: {S: JSON.stringify({orderId: `o-${eventId}`})},
      },
    },
  }
}

describe('create-order', () => {
  it('writes the order and its event in one TransactWriteItems call', async () => {
    const send = vi.spyOn(DynamoDBDocumentClient.prototype, 'send').mockResolvedValue({} as never)
    const result = await createOrder({customerId: 'c-1', items: [{sku: 'sku-1', quantity: 2}], total: 30}, lambdaContext())
    expect(send).toHaveBeenCalledTimes(1)
    const command = send.mock.calls[0]![0] as TransactWriteCommand
    expect(command).toBeInstanceOf(TransactWriteCommand)
    const items = command.input.TransactItems!.map((item) => item.Put!.Item!)
    expect(items).toHaveLength(2)
    expect(items[0]).toMatchObject({type: 'ORDER', orderId: result.orderId, customerId: 'c-1'})
    expect(items[1]).toMatchObject({type: 'OUTBOX', detailType: 'OrderCreated'})
    expect(JSON.parse(items[1]!.detail as string)).toMatchObject({orderId: result.orderId})
  })

  it('writes nothing for an invalid order', async () => {
    const send = vi.spyOn(DynamoDBDocumentClient.prototype, 'send').mockResolvedValue({} as never)
    await expect(createOrder({customerId: 'c-1', items: [], total: 30}, lambdaContext())).rejects.toThrow('items')
    expect(send).not.toHaveBeenCalled()
  })

  it('fails when the transaction fails, leaving neither item', async () => {
    vi.spyOn(DynamoDBDocumentClient.prototype, 'send').mockRejectedValue(Object.assign(new Error('Transaction cancelled'), {name: 'TransactionCanceledException'}) as never)
    await expect(createOrder({customerId: 'c-1', items: [{sku: 's', quantity: 1}], total: 1}, lambdaContext())).rejects.toThrow('Transaction cancelled')
  })
})

describe('publish-outbox', () => {
  it('publishes each outbox event and reports the refused one as a batch item failure', async () => {
    const send = vi.spyOn(EventBridgeClient.prototype, 'send').mockImplementation(async (command: unknown) => {
      const entry = (command as PutEventsCommand).input.Entries![0]!
      return JSON.parse(entry.Detail!).orderId === 'o-e2' ? {FailedEntryCount: 1, Entries: [{ErrorCode: 'InternalFailure'}]} : {FailedEntryCount: 0, Entries: [{EventId: 'x'}]}
    })
    const result = await publishOutbox({Records: [outboxRecord('100', 'e1'), outboxRecord('200', 'e2'), outboxRecord('300', 'e3')]}, lambdaContext())
    expect(send).toHaveBeenCalledTimes(3)
    expect(result.batchItemFailures).toEqual([{itemIdentifier: '200'}])
  })

  it('ignores items that are not outbox events', async () => {
    const send = vi.spyOn(EventBridgeClient.prototype, 'send')
    const order: DynamoDBRecord = {eventName: 'INSERT', dynamodb: {SequenceNumber: '1', NewImage: {type: {S: 'ORDER'}}}}
    const result = await publishOutbox({Records: [order]}, lambdaContext())
    expect(send).not.toHaveBeenCalled()
    expect(result.batchItemFailures).toEqual([])
  })
})

describe('order-created', () => {
  it('handles an OrderCreated event', async () => {
    const event = {id: 'ev-1', version: '0', account: '123456789012', time: '2026-01-01T00:00:00Z', region: 'eu-west-1', resources: [], source: 'orders', 'detail-type': 'OrderCreated' as const, detail: {orderId: 'o-1', customerId: 'c-1', total: 3}}
    await expect(orderCreated(event, lambdaContext())).resolves.toEqual({orderId: 'o-1'})
  })
})
