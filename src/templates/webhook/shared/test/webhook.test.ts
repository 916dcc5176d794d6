// The receiver refuses bad signatures and replayed timestamps with 401, and queues good deliveries with 202; the worker reports failures per message.
import {SecretsManagerClient} from '@aws-sdk/client-secrets-manager'
import {type SendMessageCommand, SQSClient} from '@aws-sdk/client-sqs'
import type {APIGatewayProxyEvent} from 'aws-lambda'
import {beforeEach, describe, expect, it, vi} from 'vitest'

import {sign, verify} from '../src/domain/signature'
import {handler as processWebhook} from '../src/handlers/process-webhook'
import {handler as receiveWebhook} from '../src/handlers/receive-webhook'
import {lambdaContext, sqsEvent, sqsRecord} from './support/lambda'

const SECRET = 'whsec_test_0123456789'
const now = () => Math.floor(Date.now() / 1000)

function request(body: string, timestamp: number, signature: string): APIGatewayProxyEvent {
  return {
    body,
    isBase64Encoded: false,
    headers: {'Content-Type': 'application/json', 'X-Webhook-Timestamp': String(timestamp), 'X-Webhook-Signature': signature},
    requestContext: {requestId: 'req-1'},
  } as unknown as APIGatewayProxyEvent
}

let sent: SendMessageCommand[]

beforeEach(() => {
  sent = []
  vi.spyOn(SecretsManagerClient.prototype, 'send').mockResolvedValue({SecretString: SECRET} as never)
  vi.spyOn(SQSClient.prototype, 'send').mockImplementation(async (command: unknown) => {
    sent.push(command as SendMessageCommand)
    return {MessageId: 'm-1'}
  })
})

describe('receive-webhook', () => {
  const body = JSON.stringify({id: 'evt_1', type: 'invoice.paid'})

  it('answers 202 and queues a correctly signed delivery', async () => {
    const timestamp = now()
    const response = await receiveWebhook(request(body, timestamp, sign(SECRET, String(timestamp), body)), lambdaContext())
    expect(response.statusCode).toBe(202)
    expect(sent).toHaveLength(1)
    expect(sent[0]!.input).toMatchObject({QueueUrl: process.env.QUEUE_URL, MessageBody: body})
  })

  it('answers 401 to a bad signature and queues nothing', async () => {
    const timestamp = now()
    const response = await receiveWebhook(request(body, timestamp, sign('another-secret', String(timestamp), body)), lambdaContext())
    expect(response.statusCode).toBe(401)
    expect(sent).toHaveLength(0)
  })

  it('answers 401 to a body changed after signing', async () => {
    const timestamp = now()
    const response = await receiveWebhook(request(body.replace('paid', 'void'), timestamp, sign(SECRET, String(timestamp), body)), lambdaContext())
    expect(response.statusCode).toBe(401)
  })

  it('refuses a replayed request whose timestamp is older than the tolerance, even correctly signed', async () => {
    const timestamp = now() - 301
    const response = await receiveWebhook(request(body, timestamp, sign(SECRET, String(timestamp), body)), lambdaContext())
    expect(response.statusCode).toBe(401)
    expect(sent).toHaveLength(0)
  })

  it('answers 401 without the signature headers', async () => {
    const event = request(body, now(), 'x')
    event.headers = {}
    expect((await receiveWebhook(event, lambdaContext())).statusCode).toBe(401)
  })

  it('answers 400 to a signed body that is not JSON', async () => {
    const timestamp = now()
    const response = await receiveWebhook(request('not json', timestamp, sign(SECRET, String(timestamp), 'not json')), lambdaContext())
    expect(response.statusCode).toBe(400)
    expect(sent).toHaveLength(0)
  })
})

describe('verify', () => {
  it('names why a request is refused', () => {
    expect(verify(SECRET, 'b', '1000', sign(SECRET, '1000', 'b'), 1000, 300)).toEqual({ok: true})
    expect(verify(SECRET, 'b', '1000', sign(SECRET, '1000', 'b'), 1301, 300)).toEqual({ok: false, reason: 'stale-timestamp'})
    expect(verify(SECRET, 'b', '1000', 'short', 1000, 300)).toEqual({ok: false, reason: 'bad-signature'})
    expect(verify(SECRET, 'b', undefined, 'x', 1000, 300)).toEqual({ok: false, reason: 'missing-headers'})
  })
})

describe('process-webhook', () => {
  it('reports only the deliveries it could not process', async () => {
    const event = sqsEvent(sqsRecord('m-1', {id: 'evt_1', type: 'invoice.paid'}), sqsRecord('m-2', {type: 'no id'}), sqsRecord('m-3', '{'))
    const result = await processWebhook(event, lambdaContext())
    expect(result.batchItemFailures).toEqual([{itemIdentifier: 'm-2'}, {itemIdentifier: 'm-3'}])
  })
})
