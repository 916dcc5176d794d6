// Booking saga: Step Functions runs reserve → charge → confirm and, on failure, the compensations in reverse order.
import path from 'node:path'

import {CfnOutput, Duration, RemovalPolicy, Stack} from 'aws-cdk-lib'
import {AttributeType, BillingMode, Table, TableEncryption} from 'aws-cdk-lib/aws-dynamodb'
import {LogGroup, RetentionDays} from 'aws-cdk-lib/aws-logs'
import {DefinitionBody, LogLevel, StateMachine, StateMachineType} from 'aws-cdk-lib/aws-stepfunctions'
import type {Construct} from 'constructs'

import {AlarmNotifications, MonitoredFunction, type ServiceProps} from './building-blocks'

/** The steps of the saga: logical name, handler file, and whether it is a compensation (idempotent through Powertools). */
const STEPS = [
  {id: 'Reserve', entry: 'reserve', description: 'Saga step - reserves the seats of a booking.', compensation: false},
  {id: 'Charge', entry: 'charge', description: 'Saga step - charges the customer.', compensation: false},
  {id: 'Confirm', entry: 'confirm', description: 'Saga step - confirms the booking.', compensation: false},
  {id: 'RefundPayment', entry: 'refund-payment', description: 'Saga compensation - refunds the payment, once.', compensation: true},
  {id: 'CancelReservation', entry: 'cancel-reservation', description: 'Saga compensation - releases the seats, once.', compensation: true},
] as const

export class ServiceStack extends Stack {
  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id, props)
    const alarms = new AlarmNotifications(this, 'Alarms', props)

    const bookings = new Table(this, 'BookingsTable', {
      partitionKey: {name: 'bookingId', type: AttributeType.STRING},
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

    const substitutions: Record<string, string> = {}
    const functions = STEPS.map((step) => {
      const {fn} = new MonitoredFunction(this, step.id, props, alarms, {
        entry: step.entry,
        description: step.description,
        timeout: Duration.seconds(30),
        memorySize: 512,
        environment: {TABLE_NAME: bookings.tableName, ...(step.compensation ? {IDEMPOTENCY_TABLE_NAME: idempotency.tableName} : {})},
      })
      bookings.grant(fn, 'dynamodb:UpdateItem')
      if (step.compensation) idempotency.grant(fn, 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem')
      substitutions[`${step.id}FunctionArn`] = fn.functionArn
      return fn
    })

    const logGroup = new LogGroup(this, 'BookingSagaLogs', {retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.RETAIN})
    // The definition file is the one the unit tests run, so what is tested is what is deployed.
    const saga = new StateMachine(this, 'BookingSaga', {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromFile(path.resolve('statemachine/booking.asl.json')),
      definitionSubstitutions: substitutions,
      tracingEnabled: true,
      logs: {destination: logGroup, level: LogLevel.ALL, includeExecutionData: true},
      timeout: Duration.minutes(5),
    })
    for (const fn of functions) fn.grantInvoke(saga)

    alarms.alarm(this, 'BookingSagaFailedAlarm', saga.metricFailed({period: Duration.minutes(1), statistic: 'Sum'}), 1, 'A booking saga execution failed; its completed steps were compensated. See the execution history.')
    alarms.alarm(this, 'BookingSagaTimedOutAlarm', saga.metricTimedOut({period: Duration.minutes(1), statistic: 'Sum'}), 1, 'A booking saga execution timed out after 5 minutes.')

    new CfnOutput(this, 'BookingSagaArn', {value: saga.stateMachineArn, description: 'Start an execution with events/start-booking.json as input.'})
  }
}
