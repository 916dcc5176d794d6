// Webhook receiver: API Gateway → signature check → SQS → worker, with throttling, JSON access logs and tracing.
import {CfnOutput, Duration, RemovalPolicy, Stack} from 'aws-cdk-lib'
import {AccessLogFormat, AuthorizationType, CfnMethod, EndpointType, LambdaIntegration, LogGroupLogDestination, MethodLoggingLevel, RequestValidator, RestApi} from 'aws-cdk-lib/aws-apigateway'
import {AttributeType, BillingMode, Table, TableEncryption} from 'aws-cdk-lib/aws-dynamodb'
import {SqsEventSource} from 'aws-cdk-lib/aws-lambda-event-sources'
import {LogGroup, RetentionDays} from 'aws-cdk-lib/aws-logs'
import {Secret} from 'aws-cdk-lib/aws-secretsmanager'
import type {Construct} from 'constructs'

import {AlarmNotifications, MonitoredFunction, type ServiceProps, WorkQueue} from './building-blocks'

export class ServiceStack extends Stack {
  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id, props)
    const alarms = new AlarmNotifications(this, 'Alarms', props)

    // The secret shared with the sender; put the sender's value in it after the first deployment.
    const secret = new Secret(this, 'WebhookSecret', {
      description: `Signing secret of the ${props.serviceName} webhook`,
      generateSecretString: {passwordLength: 48, excludePunctuation: true},
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

    const workerTimeout = Duration.seconds(30)
    const batchingWindow = Duration.seconds(10)
    const deliveries = new WorkQueue(this, 'DeliveryQueue', alarms, {consumerTimeout: workerTimeout, batchingWindow})

    const receiver = new MonitoredFunction(this, 'ReceiveWebhook', props, alarms, {
      entry: 'receive-webhook',
      description: "Checks a webhook delivery's signature, queues it and answers 202.",
      timeout: Duration.seconds(10),
      memorySize: 512,
      // Bounds the load a burst of deliveries puts on Secrets Manager and the queue.
      reservedConcurrentExecutions: 50,
      environment: {QUEUE_URL: deliveries.queue.queueUrl, WEBHOOK_SECRET_ARN: secret.secretArn, SIGNATURE_TOLERANCE_SECONDS: '300'},
    })
    secret.grantRead(receiver.fn)
    deliveries.queue.grantSendMessages(receiver.fn)

    const worker = new MonitoredFunction(this, 'ProcessWebhook', props, alarms, {
      entry: 'process-webhook',
      description: 'Processes queued webhook deliveries, once per event id.',
      timeout: workerTimeout,
      memorySize: 512,
      environment: {IDEMPOTENCY_TABLE_NAME: idempotency.tableName},
    })
    idempotency.grant(worker.fn, 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem')
    worker.fn.addEventSource(new SqsEventSource(deliveries.queue, {batchSize: 10, maxBatchingWindow: batchingWindow, reportBatchItemFailures: true, maxConcurrency: 10}))

    // REST API rather than HTTP API: it offers X-Ray tracing, request validation and per-method throttling.
    const accessLogs = new LogGroup(this, 'WebhookApiAccessLogs', {retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.RETAIN})
    const api = new RestApi(this, 'WebhookApi', {
      description: `${props.serviceName} webhook receiver`,
      endpointTypes: [EndpointType.REGIONAL],
      cloudWatchRole: true,
      deployOptions: {
        stageName: 'live',
        tracingEnabled: true,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
        throttlingRateLimit: 50,
        throttlingBurstLimit: 100,
        metricsEnabled: true,
        loggingLevel: MethodLoggingLevel.ERROR,
      },
    })
    const validator = new RequestValidator(this, 'WebhookRequestValidator', {restApi: api, validateRequestParameters: true})
    const method = api.root.addResource('webhook').addMethod('POST', new LambdaIntegration(receiver.fn), {
      authorizationType: AuthorizationType.NONE,
      requestValidator: validator,
      requestParameters: {'method.request.header.X-Webhook-Signature': true, 'method.request.header.X-Webhook-Timestamp': true},
    })
    ;(method.node.defaultChild as CfnMethod).addMetadata('sls-eda', {
      suppress: [{rule: 'APG005', reason: 'Webhook senders cannot use IAM or tokens; every request is authenticated by its HMAC signature and timestamp, which the receiver checks.'}],
    })
    alarms.alarm(this, 'WebhookApi5xxAlarm', api.metricServerError({period: Duration.minutes(1), statistic: 'Sum'}), 1, "The webhook API answered with a server error; senders will retry, check the receiver's logs.")

    new CfnOutput(this, 'WebhookUrl', {value: api.urlForPath('/webhook'), description: 'Give this URL to the sender.'})
    new CfnOutput(this, 'WebhookSecretArn', {value: secret.secretArn, description: "Put the sender's signing secret here."})
  }
}
