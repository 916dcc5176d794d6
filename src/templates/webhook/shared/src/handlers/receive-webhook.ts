// Webhook receiver: checks the signature, enqueues the payload and answers 202 at once; the worker does the processing.
import {SecretsProvider} from '@aws-lambda-powertools/parameters/secrets'
import {SecretsManagerClient} from '@aws-sdk/client-secrets-manager'
import {SendMessageCommand, SQSClient} from '@aws-sdk/client-sqs'
import type {APIGatewayProxyEvent, APIGatewayProxyResult, Context} from 'aws-lambda'

import {verify} from '../domain/signature'
import {instrument, logger, tracer} from '../shared/powertools'

// Created once per execution environment and reused by every invocation.
const sqs = tracer.captureAWSv3Client(new SQSClient({}))
const secrets = new SecretsProvider({awsSdkV3Client: tracer.captureAWSv3Client(new SecretsManagerClient({}))})
const queueUrl = process.env.QUEUE_URL ?? ''
const secretArn = process.env.WEBHOOK_SECRET_ARN ?? ''
const toleranceSeconds = Number(process.env.SIGNATURE_TOLERANCE_SECONDS ?? '300')
/** The secret is cached for five minutes: rotation takes effect within that time, and most requests cost no Secrets Manager call. */
const SECRET_MAX_AGE_SECONDS = 300

const respond = (statusCode: number, body: Record<string, unknown>): APIGatewayProxyResult => ({statusCode, headers: {'content-type': 'application/json'}, body: JSON.stringify(body)})

function header(event: APIGatewayProxyEvent, name: string): string | undefined {
  const entry = Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === name)
  return entry?.[1] ?? undefined
}

export const handler = instrument('receive-webhook', async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
  const body = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '')
  const requestId = event.requestContext?.requestId ?? context.awsRequestId
  logger.appendKeys({correlationId: requestId})
  const secret = await secrets.get(secretArn, {maxAge: SECRET_MAX_AGE_SECONDS})
  if (typeof secret !== 'string' || secret === '') throw new Error('the webhook secret is empty')
  const verdict = verify(secret, body, header(event, 'x-webhook-timestamp'), header(event, 'x-webhook-signature'), Math.floor(Date.now() / 1000), toleranceSeconds)
  if (!verdict.ok) {
    // The reason is logged for operators; the caller learns nothing that helps forging a request.
    logger.warn('webhook refused', {reason: verdict.reason})
    return respond(401, {message: 'invalid signature'})
  }
  try {
    JSON.parse(body)
  } catch {
    return respond(400, {message: 'body must be JSON'})
  }
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: body,
      MessageAttributes: {correlationId: {DataType: 'String', StringValue: requestId}},
    }),
  )
  logger.info('webhook accepted')
  return respond(202, {accepted: true, requestId})
})
