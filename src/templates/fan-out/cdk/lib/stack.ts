// Fan-out: an SNS topic delivering order events to one SQS queue per subscriber, filtered by type, each with a DLQ and a worker.
import {CfnOutput, Duration, RemovalPolicy, Stack} from 'aws-cdk-lib'
import {AttributeType, BillingMode, Table, TableEncryption} from 'aws-cdk-lib/aws-dynamodb'
import {Key} from 'aws-cdk-lib/aws-kms'
import {SqsEventSource} from 'aws-cdk-lib/aws-lambda-event-sources'
import {SubscriptionFilter, Topic} from 'aws-cdk-lib/aws-sns'
import {SqsSubscription} from 'aws-cdk-lib/aws-sns-subscriptions'
import type {Construct} from 'constructs'

import {AlarmNotifications, DeadLetterQueue, MonitoredFunction, type ServiceProps, WorkQueue} from './building-blocks'

/** Each subscriber: its queue and worker, and the event types its subscription lets through. */
const SUBSCRIBERS = [
  {id: 'Billing', entry: 'billing-worker', eventTypes: ['OrderPlaced', 'OrderCancelled'], description: 'Bills placed orders and credits cancelled ones.'},
  {id: 'Shipping', entry: 'shipping-worker', eventTypes: ['OrderPlaced'], description: 'Prepares shipments for placed orders.'},
] as const

export class ServiceStack extends Stack {
  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id, props)
    const alarms = new AlarmNotifications(this, 'Alarms', props)

    const key = new Key(this, 'OrderEventsKey', {description: `Encrypts the ${props.serviceName} order events topic`, enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN})
    const topic = new Topic(this, 'OrderEventsTopic', {displayName: `${props.serviceName} order events`, masterKey: key, enforceSSL: true})
    const deliveryDeadLetters = new DeadLetterQueue(this, 'OrderEventsDeliveryDeadLetters', alarms, 'An order event SNS could not deliver to a queue')

    const idempotency = new Table(this, 'IdempotencyTable', {
      partitionKey: {name: 'id', type: AttributeType.STRING},
      timeToLiveAttribute: 'expiration',
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: {pointInTimeRecoveryEnabled: true},
      removalPolicy: RemovalPolicy.RETAIN,
    })

    const publisher = new MonitoredFunction(this, 'PublishOrderEvent', props, alarms, {
      entry: 'publish-order-event',
      description: 'Publishes order events to the topic with their type as a message attribute.',
      timeout: Duration.seconds(10),
      memorySize: 512,
      environment: {TOPIC_ARN: topic.topicArn},
    })
    topic.grantPublish(publisher.fn)

    const timeout = Duration.seconds(30)
    const batchingWindow = Duration.seconds(10)
    for (const subscriber of SUBSCRIBERS) {
      const work = new WorkQueue(this, `${subscriber.id}Queue`, alarms, {consumerTimeout: timeout, batchingWindow})
      topic.addSubscription(
        new SqsSubscription(work.queue, {
          rawMessageDelivery: true,
          filterPolicy: {eventType: SubscriptionFilter.stringFilter({allowlist: [...subscriber.eventTypes]})},
          deadLetterQueue: deliveryDeadLetters.queue,
        }),
      )
      const worker = new MonitoredFunction(this, `${subscriber.id}Worker`, props, alarms, {
        entry: subscriber.entry,
        description: subscriber.description,
        timeout,
        memorySize: 512,
        environment: {IDEMPOTENCY_TABLE_NAME: idempotency.tableName},
      })
      idempotency.grant(worker.fn, 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem')
      worker.fn.addEventSource(new SqsEventSource(work.queue, {batchSize: 10, maxBatchingWindow: batchingWindow, reportBatchItemFailures: true, maxConcurrency: 5}))
    }

    new CfnOutput(this, 'OrderEventsTopicArn', {value: topic.topicArn})
    new CfnOutput(this, 'PublishOrderEventFunction', {value: publisher.fn.functionName, description: 'Invoke with events/publish-order-placed.json to publish an event.'})
  }
}
