// Event router: a custom EventBridge bus with an archive, and rules routing events to targets with DLQs and retry policies.
import {CfnOutput, Duration, RemovalPolicy, Stack} from 'aws-cdk-lib'
import {AttributeType, BillingMode, Table, TableEncryption} from 'aws-cdk-lib/aws-dynamodb'
import {EventBus, Rule} from 'aws-cdk-lib/aws-events'
import {LambdaFunction} from 'aws-cdk-lib/aws-events-targets'
import {SqsDestination} from 'aws-cdk-lib/aws-lambda-destinations'
import type {Construct} from 'constructs'

import {AlarmNotifications, DeadLetterQueue, MonitoredFunction, type ServiceProps} from './building-blocks'

/** Each route: which events (source suffix and detail type) go to which handler. */
const ROUTES = [
  {id: 'FulfilOrder', entry: 'fulfil-order', source: 'orders', detailType: 'OrderPlaced', description: 'Starts fulfilment of placed orders.'},
  {id: 'RecordPayment', entry: 'record-payment', source: 'payments', detailType: 'PaymentReceived', description: 'Records received payments.'},
] as const

export class ServiceStack extends Stack {
  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id, props)
    const alarms = new AlarmNotifications(this, 'Alarms', props)

    const bus = new EventBus(this, 'EventsBus', {eventBusName: `${this.stackName}-events`})
    // Keeps 30 days of events so they can be replayed to a fixed or new target.
    bus.archive('EventsBusArchive', {eventPattern: {account: [this.account]}, retention: Duration.days(30)})

    const idempotency = new Table(this, 'IdempotencyTable', {
      partitionKey: {name: 'id', type: AttributeType.STRING},
      timeToLiveAttribute: 'expiration',
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: {pointInTimeRecoveryEnabled: true},
      removalPolicy: RemovalPolicy.RETAIN,
    })

    for (const route of ROUTES) {
      const target = new MonitoredFunction(this, route.id, props, alarms, {
        entry: route.entry,
        description: route.description,
        timeout: Duration.seconds(30),
        memorySize: 512,
        environment: {IDEMPOTENCY_TABLE_NAME: idempotency.tableName},
      })
      idempotency.grant(target.fn, 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem')
      const failures = new DeadLetterQueue(this, `${route.id}Failures`, alarms, `A ${route.detailType} event ${route.id}`)
      target.fn.configureAsyncInvoke({retryAttempts: 2, maxEventAge: Duration.hours(1), onFailure: new SqsDestination(failures.queue)})
      const deadLetters = new DeadLetterQueue(this, `${route.id}RouteDeadLetters`, alarms, `A ${route.detailType} event EventBridge could not deliver`)
      new Rule(this, `${route.id}Route`, {
        eventBus: bus,
        eventPattern: {source: [`${props.serviceName}.${route.source}`], detailType: [route.detailType]},
        targets: [new LambdaFunction(target.fn, {deadLetterQueue: deadLetters.queue, retryAttempts: 8, maxEventAge: Duration.hours(1)})],
      })
    }

    new CfnOutput(this, 'EventBusName', {value: bus.eventBusName, description: 'Put events here (see events/order-placed.json).'})
  }
}
