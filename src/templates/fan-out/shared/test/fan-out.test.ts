// Publishing with the attribute subscriptions filter on, and subscribers that report failed messages individually.
import {type PublishCommand, SNSClient} from '@aws-sdk/client-sns'
import {describe, expect, it, vi} from 'vitest'

import {InvalidEventError} from '../src/domain/order-events'
import {handler as billing} from '../src/handlers/billing-worker'
import {handler as publish} from '../src/handlers/publish-order-event'
import {handler as shipping} from '../src/handlers/shipping-worker'
import {lambdaContext, sqsEvent, sqsRecord} from './support/lambda'

const placed = (eventId: string) => ({eventId, eventType: 'OrderPlaced', orderId: `o-${eventId}`, total: 10})

describe('publish-order-event', () => {
  it('publishes the event with its type as a message attribute', async () => {
    const send = vi.spyOn(SNSClient.prototype, 'send').mockResolvedValue({MessageId: 'm-1'} as never)
    const result = await publish({eventType: 'OrderCancelled', orderId: 'o-1', total: 5}, lambdaContext())
    const command = send.mock.calls[0]![0] as PublishCommand
    expect(command.input.TopicArn).toBe(process.env.TOPIC_ARN)
    expect(command.input.MessageAttributes).toEqual({eventType: {DataType: 'String', StringValue: 'OrderCancelled'}})
    expect(JSON.parse(command.input.Message!)).toMatchObject({eventId: result.eventId, orderId: 'o-1'})
  })

  it('refuses an unknown event type without publishing', async () => {
    const send = vi.spyOn(SNSClient.prototype, 'send')
    await expect(publish({eventType: 'OrderShipped' as never, orderId: 'o-1', total: 5}, lambdaContext())).rejects.toBeInstanceOf(InvalidEventError)
    expect(send).not.toHaveBeenCalled()
  })
})

describe('subscribers', () => {
  it('billing reports only the malformed message as a batch item failure', async () => {
    const result = await billing(sqsEvent(sqsRecord('m-1', placed('e1')), sqsRecord('m-2', {eventType: 'OrderPlaced'}), sqsRecord('m-3', {...placed('e3'), eventType: 'OrderCancelled'})), lambdaContext())
    expect(result.batchItemFailures).toEqual([{itemIdentifier: 'm-2'}])
  })

  it('shipping fails a message its filter should have kept out', async () => {
    const result = await shipping(sqsEvent(sqsRecord('m-1', placed('e1')), sqsRecord('m-2', {...placed('e2'), eventType: 'OrderCancelled'})), lambdaContext())
    expect(result.batchItemFailures).toEqual([{itemIdentifier: 'm-2'}])
  })
})
