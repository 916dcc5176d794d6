// SNS001: subscriptions should have a redrive policy so undeliverable messages are kept, not dropped.
import type {Fixer} from '../../fix/fixer.js'
import type {FixProposal} from '../../fix/types.js'
import type {ResourceGraph} from '../../model/graph.js'
import {asArray, get, isRecord, literalBoolean, textOf} from '../../model/intrinsics.js'
import type {GraphNode} from '../../model/types.js'
import {deadLetterQueueResources, userName} from '../sqs/queues.js'
import {absenceOf, absenceReport} from '../conditional.js'
import {defineRule} from '../types.js'

export default defineRule({
  meta: {
    id: 'SNS001',
    name: 'sns-subscription-without-redrive',
    title: 'SNS subscription without a dead-letter queue',
    severity: 'warning',
    service: 'sns',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-ERR-6'],
    messages: {
      noRedrive: 'Subscription {{subscription}} ({{protocol}}) has no RedrivePolicy: messages SNS cannot deliver (endpoint deleted, permission or KMS key missing) are dropped without a trace.',
      conditionalRedrive: 'Subscription {{subscription}} ({{protocol}}) has a RedrivePolicy only when {{conditions}} chooses it: on the other branch messages SNS cannot deliver are dropped without a trace.',
      inline: 'Topic {{topic}} declares its subscription to {{protocol}} inline, where no RedrivePolicy can be set: messages SNS cannot deliver are dropped without a trace.',
    },
    fixable: 'unsafe',
    fixUnsafeReason: 'Messages SNS cannot deliver go to the new dead-letter queue instead of being dropped after the delivery retries: someone must watch it (the fix adds its depth alarm).',
    cdkFix: 'deadLetterQueue: dlq (on the subscription)',
    equivalents: {'serverless-rules': ['ES7000'], 'cdk-nag': ['Serverless-SNSRedrivePolicy']},
    docs: {
      what: "Finds `AWS::SNS::Subscription` resources (SAM: `SNS` events) without `RedrivePolicy`, and subscriptions declared inline in a topic's `Subscription` list, which cannot have one.",
      why: 'SNS retries deliveries, but client-side errors — a deleted queue or function, a missing queue policy or KMS permission — are not retried; without a dead-letter queue those messages are lost and nothing records that they ever existed.',
      failing: 'Resources:\n  OrdersSubscription:\n    Type: AWS::SNS::Subscription\n    Properties:\n      TopicArn: !Ref Orders\n      Protocol: sqs\n      Endpoint: !GetAtt Billing.Arn',
      fixed:
        'Resources:\n  OrdersSubscription:\n    Type: AWS::SNS::Subscription\n    Properties:\n      TopicArn: !Ref Orders\n      Protocol: sqs\n      Endpoint: !GetAtt Billing.Arn\n      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt BillingSubscriptionDlq.Arn',
      whenNotToUse: 'Email and SMS subscriptions used for human notification, where a lost message is acceptable.',
      references: ['https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html', 'https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html'],
    },
  },
  check({graph, report}) {
    for (const subscription of graph.ofKind('subscription')) {
      const redrive = subscription.props.RedrivePolicy
      const empty = redrive === '' || (isRecord(redrive) && Object.keys(redrive).length === 0)
      const absence = empty ? {conditional: false, conditions: ''} : absenceOf(subscription.props, 'RedrivePolicy')
      if (!absence) continue
      report(
        absenceReport(absence, {
          node: subscription,
          path: [],
          conditionalPath: ['RedrivePolicy'],
          messageId: 'noRedrive',
          conditionalMessageId: 'conditionalRedrive',
          data: {subscription: userName(subscription), protocol: textOf(subscription.props.Protocol ?? 'unknown')},
          fix: 'Add RedrivePolicy with deadLetterTargetArn pointing at an SQS queue (and a queue policy letting sns.amazonaws.com send to it).',
          autofix: (fixer) => redriveFix(fixer, graph, subscription),
        }),
      )
    }
    for (const topic of graph.ofKind('topic')) {
      asArray(topic.props.Subscription).forEach((entry, index) => {
        report({
          node: topic,
          path: ['Subscription', index],
          messageId: 'inline',
          data: {topic: userName(topic), protocol: textOf(get(entry, 'Protocol') ?? 'unknown')},
          fix: 'Move the subscription to an AWS::SNS::Subscription resource with a RedrivePolicy.',
        })
      })
    }
  },
})

/**
 * A dead-letter queue for a subscription, written after the resource the subscription was declared as
 * (the subscription, or the SAM function whose SNS event it is): the queue, a policy letting the topic
 * send to it (over TLS only), its depth alarm, and the subscription's RedrivePolicy.
 */
function redriveFix(fixer: Fixer, graph: ResourceGraph, subscription: GraphNode): FixProposal | undefined {
  const written = fixer.written(subscription)
  const topicArn = subscription.props.TopicArn
  if (!written || topicArn === undefined) return undefined
  const event = fixer.samEventOf(subscription)
  if (written.sam && event === undefined) return undefined
  const topic = graph.get(textOf(get(topicArn, 'Ref') ?? ''))
  // A FIFO topic needs a FIFO dead-letter queue; a topic we cannot see might be either.
  const fifo = topic ? literalBoolean(topic.props.FifoTopic) === true : undefined
  if (fifo === undefined && typeof topicArn !== 'string') return undefined
  const dlq = fixer.newResourceId(`${subscription.id}Dlq`)
  const resources = deadLetterQueueResources(fixer, dlq, {service: 'sns.amazonaws.com', sourceArn: topicArn, fifo: fifo === true})
  const redrive = {deadLetterTargetArn: fixer.getAtt(dlq, 'Arn')}
  return fixer.propose(
    `Add dead-letter queue ${dlq} (with its policy and depth alarm) and a redrive policy to it`,
    [
      event === undefined ? fixer.setProperty(subscription, ['RedrivePolicy'], redrive) : fixer.setEventProperty(subscription, ['RedrivePolicy'], redrive, ['SNS']),
      fixer.addResourcesAfter(written.id, resources.resources),
      resources.edits,
    ],
    resources.unsafe,
  )
}
