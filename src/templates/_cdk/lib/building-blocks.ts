// Constructs every stack of this project builds on: an alarm topic, monitored functions and queues with their DLQs.
import {Duration, RemovalPolicy, Stack, type StackProps} from 'aws-cdk-lib'
import {Alarm, ComparisonOperator, type IAlarmAction, type Metric, TreatMissingData} from 'aws-cdk-lib/aws-cloudwatch'
import {SnsAction} from 'aws-cdk-lib/aws-cloudwatch-actions'
import {PolicyStatement, ServicePrincipal} from 'aws-cdk-lib/aws-iam'
import {Key} from 'aws-cdk-lib/aws-kms'
import {ApplicationLogLevel, type Architecture, type Function as LambdaFunction, LoggingFormat, type Runtime, SystemLogLevel, Tracing} from 'aws-cdk-lib/aws-lambda'
import {LogGroup, RetentionDays} from 'aws-cdk-lib/aws-logs'
import {type ITopic, Topic} from 'aws-cdk-lib/aws-sns'
import {EmailSubscription} from 'aws-cdk-lib/aws-sns-subscriptions'
import {Queue, QueueEncryption} from 'aws-cdk-lib/aws-sqs'
import {Construct} from 'constructs'

import {handlerFunction} from './handler-function'

/** Options chosen when the project was generated (see bin/app.ts). */
export interface ServiceProps extends StackProps {
  serviceName: string
  runtime: Runtime
  architecture: Architecture
  /** Alarms notify this existing topic instead of one created here. */
  alarmTopicArn?: string
  /** The created alarm topic emails this address (confirm the subscription email after deploying). */
  alarmEmail?: string
}

/**
 * Where every alarm goes. A created topic is encrypted with a customer managed key because
 * CloudWatch cannot publish to a topic encrypted with the AWS managed SNS key.
 */
export class AlarmNotifications extends Construct {
  readonly topic: ITopic
  readonly action: IAlarmAction

  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id)
    if (props.alarmTopicArn) {
      this.topic = Topic.fromTopicArn(this, 'Topic', props.alarmTopicArn)
      this.action = new SnsAction(this.topic)
      return
    }
    const key = new Key(this, 'Key', {
      description: `Encrypts the ${props.serviceName} alarm topic`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    })
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*')
    const topic = new Topic(this, 'Topic', {displayName: `${props.serviceName} alarms`, masterKey: key, enforceSSL: true})
    topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchPublishesAlarms',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: {StringEquals: {'aws:SourceAccount': Stack.of(this).account}},
      }),
    )
    this.topic = topic
    this.action = new SnsAction(topic)
    if (props.alarmEmail) {
      // Notifications SNS cannot deliver are kept instead of dropped.
      const undelivered = new DeadLetterQueue(this, 'UndeliveredAlarms', this, 'An alarm notification that could not be emailed')
      topic.addSubscription(new EmailSubscription(props.alarmEmail, {deadLetterQueue: undelivered.queue}))
    }
  }

  /** An alarm that fires when `metric` reaches `threshold` and notifies the topic (and again when it recovers). */
  alarm(scope: Construct, id: string, metric: Metric, threshold: number, description: string): Alarm {
    const alarm = metric.createAlarm(scope, id, {
      alarmDescription: description,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    })
    alarm.addAlarmAction(this.action)
    alarm.addOkAction(this.action)
    return alarm
  }
}

export interface MonitoredFunctionProps {
  /** Handler under src/handlers, without its extension, e.g. 'worker'. */
  entry: string
  description: string
  timeout: Duration
  memorySize: number
  environment?: Record<string, string>
  /** Caps concurrent executions where a downstream could be overwhelmed. */
  reservedConcurrentExecutions?: number
}

/** A function with tracing, JSON logs in a log group with retention, and alarms on errors and throttles. */
export class MonitoredFunction extends Construct {
  readonly fn: LambdaFunction

  constructor(scope: Construct, id: string, service: ServiceProps, alarms: AlarmNotifications, props: MonitoredFunctionProps) {
    super(scope, id)
    const logGroup = new LogGroup(this, 'Logs', {retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.RETAIN})
    this.fn = handlerFunction(this, 'Function', props.entry, {
      description: props.description,
      runtime: service.runtime,
      architecture: service.architecture,
      memorySize: props.memorySize,
      timeout: props.timeout,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      tracing: Tracing.ACTIVE,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      environment: {POWERTOOLS_SERVICE_NAME: service.serviceName, ...props.environment},
    })
    alarms.alarm(this, 'ErrorsAlarm', this.fn.metricErrors({period: Duration.minutes(1), statistic: 'Sum'}), 1, `${id} failed at least once in a minute; see its logs and traces.`)
    alarms.alarm(this, 'ThrottlesAlarm', this.fn.metricThrottles({period: Duration.minutes(1), statistic: 'Sum'}), 1, `${id} was throttled: concurrency is exhausted; events wait or are retried.`)
  }
}

/** A dead-letter queue that keeps messages 14 days and alarms as soon as one arrives. */
export class DeadLetterQueue extends Construct {
  readonly queue: Queue

  constructor(scope: Construct, id: string, alarms: AlarmNotifications, what: string) {
    super(scope, id)
    this.queue = new Queue(this, 'Queue', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    })
    alarms.alarm(
      this,
      'DepthAlarm',
      this.queue.metricApproximateNumberOfMessagesVisible({period: Duration.minutes(1), statistic: 'Maximum'}),
      1,
      `${what} failed and landed in this dead-letter queue; inspect the messages, fix the cause, then redrive them.`,
    )
  }
}

export interface WorkQueueProps {
  /** Timeout of the function that consumes the queue. */
  consumerTimeout: Duration
  /** Batching window of the event source mapping. */
  batchingWindow: Duration
  /** Deliveries before a message goes to the DLQ. */
  maxReceiveCount?: number
  /** Alarm when the oldest message is older than this. */
  maxAge?: Duration
}

/**
 * A work queue with its dead-letter queue. The visibility timeout is six times the consumer's
 * timeout plus the batching window, so a message is not delivered twice while still in flight.
 */
export class WorkQueue extends Construct {
  readonly queue: Queue
  readonly deadLetters: DeadLetterQueue

  constructor(scope: Construct, id: string, alarms: AlarmNotifications, props: WorkQueueProps) {
    super(scope, id)
    this.deadLetters = new DeadLetterQueue(this, 'DeadLetters', alarms, `A message of ${id}`)
    this.queue = new Queue(this, 'Queue', {
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * 6 + props.batchingWindow.toSeconds()),
      retentionPeriod: Duration.days(4),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: {queue: this.deadLetters.queue, maxReceiveCount: props.maxReceiveCount ?? 5},
      // Messages in flight are data: keep the queue if the stack is deleted or the queue replaced.
      removalPolicy: RemovalPolicy.RETAIN,
    })
    alarms.alarm(
      this,
      'AgeAlarm',
      this.queue.metricApproximateAgeOfOldestMessage({period: Duration.minutes(1), statistic: 'Maximum'}),
      (props.maxAge ?? Duration.minutes(15)).toSeconds(),
      `Messages of ${id} wait longer than expected: the consumer is failing, throttled or too slow.`,
    )
  }
}
