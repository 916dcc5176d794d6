// SNS: topics, subscriptions and their redrive policies, in AWS::SNS::Topic and AWS::SNS::Subscription's shape.
import {GetSubscriptionAttributesCommand, GetTopicAttributesCommand, ListSubscriptionsCommand, ListTopicsCommand, type Subscription} from '@aws-sdk/client-sns'

import {boolAttr, dropUndefined, parseJsonText} from '../collection.js'
import {allPages, essential, perResource, type RegionContext} from '../context.js'
import {isNotFound} from '../errors.js'

export interface SnsListing {
  topics: string[]
  subscriptions: Subscription[]
}

export async function listSns(context: RegionContext): Promise<SnsListing> {
  const client = context.clients.get('sns', context.region)
  const topicPages = await essential('sns', 'ListTopics', () =>
    allPages(
      (NextToken) => client.send(new ListTopicsCommand({NextToken})),
      (page) => page.NextToken,
    ),
  )
  const subscriptionPages = await essential('sns', 'ListSubscriptions', () =>
    allPages(
      (NextToken) => client.send(new ListSubscriptionsCommand({NextToken})),
      (page) => page.NextToken,
    ),
  )
  return {
    topics: topicPages.flatMap((page) => page.Topics ?? []).flatMap((topic) => (topic.TopicArn ? [topic.TopicArn] : [])),
    // Pending and deleted subscriptions have no ARN yet (or any more) and deliver nothing.
    subscriptions: subscriptionPages.flatMap((page) => page.Subscriptions ?? []).filter((s) => s.SubscriptionArn?.startsWith('arn:')),
  }
}

export async function detailSns(context: RegionContext, listing: SnsListing): Promise<{topics: number; subscriptions: number}> {
  const {region, accountId, collection} = context
  const client = context.clients.get('sns', region)
  const topics = listing.topics.filter((arn) => context.wanted('AWS::SNS::Topic', [arn]))
  const subscriptions = listing.subscriptions.filter((s) => context.wanted('AWS::SNS::Subscription', [s.SubscriptionArn!]) || context.wanted('AWS::SNS::Topic', [s.TopicArn ?? '']))
  let topicCount = 0
  let subscriptionCount = 0
  const notFound = async <T>(call: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await call()
    } catch (error) {
      if (isNotFound(error)) return undefined
      throw error
    }
  }
  await Promise.all([
    ...topics.map(async (arn) => {
      const result = await perResource(context, 'sns', 'GetTopicAttributes', () => notFound(() => client.send(new GetTopicAttributesCommand({TopicArn: arn}))))
      const attributes = result?.Attributes
      if (!attributes) return
      topicCount++
      const name = arn.split(':').pop()!
      collection.add({arn, type: 'AWS::SNS::Topic', props: topicProps(name, attributes), region, accountId, names: [name], physicalIds: [arn]})
      if (attributes.Policy) {
        collection.add({id: `${arn}#policy`, arn, type: 'AWS::SNS::TopicPolicy', props: {Topics: [arn], PolicyDocument: parseJsonText(attributes.Policy)}, region, accountId, parent: arn})
      }
    }),
    ...subscriptions.map(async (subscription) => {
      const arn = subscription.SubscriptionArn!
      const result = await perResource(context, 'sns', 'GetSubscriptionAttributes', () => notFound(() => client.send(new GetSubscriptionAttributesCommand({SubscriptionArn: arn}))))
      const attributes = result?.Attributes
      if (!attributes) return
      subscriptionCount++
      collection.add({arn, type: 'AWS::SNS::Subscription', props: subscriptionProps(subscription, attributes), region, accountId, physicalIds: [arn], parent: subscription.TopicArn})
    }),
  ])
  return {topics: topicCount, subscriptions: subscriptionCount}
}

export function topicProps(name: string, attributes: Record<string, string>): Record<string, unknown> {
  const fifo = boolAttr(attributes.FifoTopic)
  return dropUndefined({
    TopicName: name,
    DisplayName: attributes.DisplayName || undefined,
    KmsMasterKeyId: attributes.KmsMasterKeyId || undefined,
    FifoTopic: fifo ? true : undefined,
    ContentBasedDeduplication: fifo ? boolAttr(attributes.ContentBasedDeduplication) : undefined,
    TracingConfig: attributes.TracingConfig,
    SignatureVersion: attributes.SignatureVersion,
    ArchivePolicy: attributes.ArchivePolicy ? parseJsonText(attributes.ArchivePolicy) : undefined,
    DeliveryPolicy: attributes.DeliveryPolicy ? parseJsonText(attributes.DeliveryPolicy) : undefined,
  })
}

export function subscriptionProps(subscription: Subscription, attributes: Record<string, string>): Record<string, unknown> {
  return dropUndefined({
    TopicArn: attributes.TopicArn ?? subscription.TopicArn,
    Protocol: attributes.Protocol ?? subscription.Protocol,
    Endpoint: attributes.Endpoint ?? subscription.Endpoint,
    RedrivePolicy: attributes.RedrivePolicy ? parseJsonText(attributes.RedrivePolicy) : undefined,
    RawMessageDelivery: boolAttr(attributes.RawMessageDelivery),
    FilterPolicy: attributes.FilterPolicy ? parseJsonText(attributes.FilterPolicy) : undefined,
    FilterPolicyScope: attributes.FilterPolicyScope,
    DeliveryPolicy: attributes.DeliveryPolicy ? parseJsonText(attributes.DeliveryPolicy) : undefined,
    SubscriptionRoleArn: attributes.SubscriptionRoleArn,
  })
}
