// Transactional outbox: order and event in one DynamoDB transaction, a stream publisher to EventBridge, and a consumer rule.
import {CfnOutput, Duration, RemovalPolicy, Stack} from 'aws-cdk-lib'
import {AttributeType, BillingMode, StreamViewType, Table, TableEncryption} from 'aws-cdk-lib/aws-dynamodb'
import {EventBus, Rule} from 'aws-cdk-lib/aws-events'
import {LambdaFunction} from 'aws-cdk-lib/aws-events-targets'
import {FilterCriteria, FilterRule, StartingPosition} from 'aws-cdk-lib/aws-lambda'
import {SqsDestination} from 'aws-cdk-lib/aws-lambda-destinations'
import {DynamoEventSource, SqsDlq} from 'aws-cdk-lib/aws-lambda-event-sources'
import type {Construct} from 'constructs'

import {AlarmNotifications, DeadLetterQueue, MonitoredFunction, type ServiceProps} from './building-blocks'

export class ServiceStack extends Stack {
  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id, props)
    const alarms = new AlarmNotifications(this, 'Alarms', props)
    const eventSource = `${props.serviceName}.orders`

    const orders = new Table(this, 'OrdersTable', {
      partitionKey: {name: 'pk', type: AttributeType.STRING},
      sortKey: {name: 'sk', type: AttributeType.STRING},
      stream: StreamViewType.NEW_IMAGE,
      timeToLiveAttribute: 'expiresAt',
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: {pointInTimeRecoveryEnabled: true},
      removalPolicy: RemovalPolicy.RETAIN,
    })
    const idempotency = new Table(this, 'IdempotencyTable', {
      partitionKey: {name: 'id', type: AttributeType.STRING},
      timeToLiveAttribute: 'expiration',
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: {pointInTimeRecoveryEnabled: true},
      removalPolicy: RemovalPolicy.RETAIN,
    })

    const bus = new EventBus(this, 'OrdersBus', {eventBusName: `${this.stackName}-orders`})
    // Keeps 30 days of events so they can be replayed to a fixed or new consumer.
    bus.archive('OrdersBusArchive', {eventPattern: {account: [this.account]}, retention: Duration.days(30)})

    const createOrder = new MonitoredFunction(this, 'CreateOrder', props, alarms, {
      entry: 'create-order',
      description: 'Stores an order and its OrderCreated event in one transaction.',
      timeout: Duration.seconds(10),
      memorySize: 512,
      environment: {TABLE_NAME: orders.tableName},
    })
    orders.grant(createOrder.fn, 'dynamodb:PutItem')

    const publisherFailures = new DeadLetterQueue(this, 'PublishOutboxFailures', alarms, 'A batch of outbox events')
    const publisher = new MonitoredFunction(this, 'PublishOutbox', props, alarms, {
      entry: 'publish-outbox',
      description: 'Publishes new outbox events from the table stream to the orders bus.',
      timeout: Duration.seconds(30),
      memorySize: 512,
      environment: {EVENT_BUS_NAME: bus.eventBusName, EVENT_SOURCE: eventSource},
    })
    bus.grantPutEventsTo(publisher.fn)
    publisher.fn.addEventSource(
      new DynamoEventSource(orders, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(1),
        parallelizationFactor: 1,
        bisectBatchOnError: true,
        retryAttempts: 5,
        maxRecordAge: Duration.hours(1),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(publisherFailures.queue),
        filters: [FilterCriteria.filter({eventName: FilterRule.isEqual('INSERT'), dynamodb: {NewImage: {type: {S: FilterRule.isEqual('OUTBOX')}}}})],
      }),
    )
    alarms.alarm(
      this,
      'PublishOutboxIteratorAgeAlarm',
      publisher.fn.metric('IteratorAge', {period: Duration.minutes(1), statistic: 'Maximum'}),
      60_000,
      'The outbox publisher is more than a minute behind the table stream; events reach the bus late.',
    )

    const consumerFailures = new DeadLetterQueue(this, 'OrderCreatedConsumerFailures', alarms, 'An OrderCreated event the consumer')
    const consumer = new MonitoredFunction(this, 'OrderCreatedConsumer', props, alarms, {
      entry: 'order-created',
      description: 'Reacts to OrderCreated events, once per event.',
      timeout: Duration.seconds(30),
      memorySize: 512,
      environment: {IDEMPOTENCY_TABLE_NAME: idempotency.tableName},
    })
    idempotency.grant(consumer.fn, 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem')
    consumer.fn.configureAsyncInvoke({retryAttempts: 2, maxEventAge: Duration.hours(1), onFailure: new SqsDestination(consumerFailures.queue)})

    const ruleDeadLetters = new DeadLetterQueue(this, 'OrderCreatedRuleDeadLetters', alarms, 'An OrderCreated event EventBridge could not deliver')
    new Rule(this, 'OrderCreatedRule', {
      eventBus: bus,
      eventPattern: {source: [eventSource], detailType: ['OrderCreated']},
      targets: [new LambdaFunction(consumer.fn, {deadLetterQueue: ruleDeadLetters.queue, retryAttempts: 8, maxEventAge: Duration.hours(1)})],
    })

    new CfnOutput(this, 'CreateOrderFunction', {value: createOrder.fn.functionName, description: 'Invoke with events/create-order.json to create an order.'})
    new CfnOutput(this, 'OrdersBusName', {value: bus.eventBusName})
  }
}
