// SQS: every queue (ListQueues paginates only when MaxResults is set) and its attributes, in AWS::SQS::Queue's shape.
import {GetQueueAttributesCommand, ListQueuesCommand} from '@aws-sdk/client-sqs'

import {isRecord} from '../../model/intrinsics.js'
import {boolAttr, dropUndefined, numberAttr, parseJsonText} from '../collection.js'
import {allPages, essential, perResource, type RegionContext} from '../context.js'
import {isNotFound} from '../errors.js'

export async function listSqs(context: RegionContext): Promise<string[]> {
  const client = context.clients.get('sqs', context.region)
  const pages = await essential('sqs', 'ListQueues', () =>
    allPages(
      // Without MaxResults, ListQueues returns at most 1,000 queues and no NextToken.
      (NextToken) => client.send(new ListQueuesCommand({MaxResults: 1000, NextToken})),
      (page) => page.NextToken,
    ),
  )
  return pages.flatMap((page) => page.QueueUrls ?? [])
}

export async function detailSqs(context: RegionContext, urls: string[]): Promise<number> {
  const {region, accountId, collection} = context
  const client = context.clients.get('sqs', region)
  const wanted = urls.filter((url) => context.wanted('AWS::SQS::Queue', [url]))
  let done = 0
  let count = 0
  await Promise.all(
    wanted.map(async (url) => {
      const result = await perResource(context, 'sqs', 'GetQueueAttributes', async () => {
        try {
          return await client.send(new GetQueueAttributesCommand({QueueUrl: url, AttributeNames: ['All']}))
        } catch (error) {
          // Deleted between the listing and now.
          if (isNotFound(error)) return undefined
          throw error
        }
      })
      done++
      if (done % 100 === 0) context.progress.update(region, 'sqs', `queue attributes ${done}/${wanted.length}`)
      const attributes = result?.Attributes
      if (!attributes?.QueueArn) return
      count++
      const name = url.split('/').pop() ?? url
      const {props, policy} = queueProps(name, attributes)
      collection.add({arn: attributes.QueueArn, type: 'AWS::SQS::Queue', props, region, accountId, aliases: [url], names: [name], physicalIds: [url]})
      if (policy !== undefined) {
        collection.add({
          id: `${attributes.QueueArn}#policy`,
          arn: attributes.QueueArn,
          type: 'AWS::SQS::QueuePolicy',
          props: {Queues: [url], PolicyDocument: policy},
          region,
          accountId,
          parent: attributes.QueueArn,
        })
      }
    }),
  )
  return count
}

/** Queue attributes (all strings on the wire) as AWS::SQS::Queue properties, plus the queue's policy document. */
export function queueProps(name: string, attributes: Record<string, string>): {props: Record<string, unknown>; policy: unknown} {
  const redrive = parseJsonText(attributes.RedrivePolicy)
  const redriveAllow = parseJsonText(attributes.RedriveAllowPolicy)
  const fifo = boolAttr(attributes.FifoQueue)
  const props = dropUndefined({
    QueueName: name,
    VisibilityTimeout: numberAttr(attributes.VisibilityTimeout),
    MessageRetentionPeriod: numberAttr(attributes.MessageRetentionPeriod),
    DelaySeconds: numberAttr(attributes.DelaySeconds),
    MaximumMessageSize: numberAttr(attributes.MaximumMessageSize),
    ReceiveMessageWaitTimeSeconds: numberAttr(attributes.ReceiveMessageWaitTimeSeconds),
    RedrivePolicy: isRecord(redrive)
      ? dropUndefined({deadLetterTargetArn: redrive.deadLetterTargetArn, maxReceiveCount: typeof redrive.maxReceiveCount === 'string' ? Number(redrive.maxReceiveCount) : redrive.maxReceiveCount})
      : undefined,
    RedriveAllowPolicy: isRecord(redriveAllow) ? redriveAllow : undefined,
    // CloudFormation only writes FifoQueue for FIFO queues.
    FifoQueue: fifo ? true : undefined,
    ContentBasedDeduplication: fifo ? boolAttr(attributes.ContentBasedDeduplication) : undefined,
    DeduplicationScope: attributes.DeduplicationScope,
    FifoThroughputLimit: attributes.FifoThroughputLimit,
    KmsMasterKeyId: attributes.KmsMasterKeyId,
    KmsDataKeyReusePeriodSeconds: numberAttr(attributes.KmsDataKeyReusePeriodSeconds),
    SqsManagedSseEnabled: boolAttr(attributes.SqsManagedSseEnabled),
  })
  return {props, policy: attributes.Policy ? parseJsonText(attributes.Policy) : undefined}
}
