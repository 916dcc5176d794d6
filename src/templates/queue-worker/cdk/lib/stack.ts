// Queue worker: SQS queue with a DLQ, consumed by an idempotent Lambda function with partial batch responses.
import {CfnOutput, Duration, RemovalPolicy, Stack} from 'aws-cdk-lib'
import {AttributeType, BillingMode, Table, TableEncryption} from 'aws-cdk-lib/aws-dynamodb'
import {SqsEventSource} from 'aws-cdk-lib/aws-lambda-event-sources'
import type {Construct} from 'constructs'

import {AlarmNotifications, MonitoredFunction, type ServiceProps, WorkQueue} from './building-blocks'

export class ServiceStack extends Stack {
  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id, props)
    const alarms = new AlarmNotifications(this, 'Alarms', props)

    const idempotency = new Table(this, 'IdempotencyTable', {
      partitionKey: {name: 'id', type: AttributeType.STRING},
      timeToLiveAttribute: 'expiration',
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: {pointInTimeRecoveryEnabled: true},
      removalPolicy: RemovalPolicy.RETAIN,
    })

    const timeout = Duration.seconds(30)
    const batchingWindow = Duration.seconds(10)
    const work = new WorkQueue(this, 'WorkQueue', alarms, {consumerTimeout: timeout, batchingWindow})

    const worker = new MonitoredFunction(this, 'Worker', props, alarms, {
      entry: 'worker',
      description: 'Processes orders from the work queue, once each, reporting failed messages individually.',
      timeout,
      memorySize: 512,
      environment: {IDEMPOTENCY_TABLE_NAME: idempotency.tableName},
    })
    idempotency.grant(worker.fn, 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem')
    worker.fn.addEventSource(
      new SqsEventSource(work.queue, {batchSize: 10, maxBatchingWindow: batchingWindow, reportBatchItemFailures: true, maxConcurrency: 10}),
    )

    new CfnOutput(this, 'WorkQueueUrl', {value: work.queue.queueUrl, description: 'Send messages here.'})
    new CfnOutput(this, 'DeadLetterQueueUrl', {value: work.deadLetters.queue.queueUrl, description: 'Messages that failed 5 times; redrive them once the cause is fixed.'})
  }
}
