// Scheduled job: EventBridge Scheduler with a flexible window, retry policy and DLQ, invoking an idempotent function.
import {CfnOutput, Duration, RemovalPolicy, Stack} from 'aws-cdk-lib'
import {AttributeType, BillingMode, Table, TableEncryption} from 'aws-cdk-lib/aws-dynamodb'
import {SqsDestination} from 'aws-cdk-lib/aws-lambda-destinations'
import {ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput, TimeWindow} from 'aws-cdk-lib/aws-scheduler'
import {LambdaInvoke} from 'aws-cdk-lib/aws-scheduler-targets'
import type {Construct} from 'constructs'

import {AlarmNotifications, DeadLetterQueue, MonitoredFunction, type ServiceProps} from './building-blocks'

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

    const job = new MonitoredFunction(this, 'Job', props, alarms, {
      entry: 'job',
      description: 'The scheduled job; runs once per scheduled time.',
      timeout: Duration.minutes(5),
      memorySize: 1024,
      // One run at a time: a slow run never overlaps the next one.
      reservedConcurrentExecutions: 1,
      environment: {IDEMPOTENCY_TABLE_NAME: idempotency.tableName},
    })
    idempotency.grant(job.fn, 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem')
    // The scheduler invokes asynchronously: Lambda retries a failed run twice, then records it here.
    const jobFailures = new DeadLetterQueue(this, 'JobFailures', alarms, 'A job run failed after its retries and')
    job.fn.configureAsyncInvoke({retryAttempts: 2, maxEventAge: Duration.hours(1), onFailure: new SqsDestination(jobFailures.queue)})

    const scheduleDeadLetters = new DeadLetterQueue(this, 'ScheduleDeadLetters', alarms, 'A scheduled run the scheduler could not deliver')
    new Schedule(this, 'JobSchedule', {
      description: 'Runs the job every hour.',
      schedule: ScheduleExpression.rate(Duration.hours(1)),
      // Spreads the start over 15 minutes so many schedules do not hit downstreams at the same second.
      timeWindow: TimeWindow.flexible(Duration.minutes(15)),
      target: new LambdaInvoke(job.fn, {
        input: ScheduleTargetInput.fromObject({scheduledTime: ContextAttribute.scheduledTime, executionId: ContextAttribute.executionId}),
        retryAttempts: 3,
        maxEventAge: Duration.hours(1),
        deadLetterQueue: scheduleDeadLetters.queue,
      }),
    })

    new CfnOutput(this, 'JobFunction', {value: job.fn.functionName, description: 'Invoke it by hand with events/scheduled-run.json.'})
  }
}
