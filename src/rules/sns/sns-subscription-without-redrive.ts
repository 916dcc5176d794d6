// SNS001: subscriptions should have a redrive policy so undeliverable messages are kept, not dropped.
import {asArray, get, isRecord, textOf} from '../../model/intrinsics.js'
import {userName} from '../sqs/queues.js'
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
    equivalents: {'serverless-rules': ['ES7000'], 'cdk-nag': ['Serverless-SNSRedrivePolicy']},
    docs: {
      what: 'Finds `AWS::SNS::Subscription` resources (SAM: `SNS` events) without `RedrivePolicy`, and subscriptions declared inline in a topic\'s `Subscription` list, which cannot have one.',
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
