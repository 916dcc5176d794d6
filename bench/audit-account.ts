// The simulated account of the audit benchmark, and the API calls its data requires.
import type {FakeAccount, FakeRegion, FakeRole} from '../test/audit/fake-aws.js'

export const ACCOUNT = '210987654321'
export const REGION = 'eu-central-1'
const UNITS = 1000

const fnArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`
const queueArn = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`
const queueUrl = (name: string) => `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`

/**
 * 1,000 services, each: one role shared by a queue worker and a handler, a queue with its DLQ, and three
 * alarms. Handlers 0–499 are targets of an EventBridge rule (asynchronous), 500–899 sit behind 40 REST
 * APIs, 900–999 are invoked only by what their resource policy says (half of them by S3).
 */
/** A metric alarm with an action, on one dimension: Sum ≥ 1 over 60 s. */
export function metricAlarm(region: string, account: string, alarm: {name: string; namespace: string; metric: string; dimension: string; value: string}): Record<string, unknown> {
  return {
    AlarmName: alarm.name,
    AlarmArn: `arn:aws:cloudwatch:${region}:${account}:alarm:${alarm.name}`,
    ActionsEnabled: true,
    AlarmActions: [`arn:aws:sns:${region}:${account}:alerts`],
    MetricName: alarm.metric,
    Namespace: alarm.namespace,
    Statistic: 'Sum',
    Dimensions: [{Name: alarm.dimension, Value: alarm.value}],
    Period: 60,
    EvaluationPeriods: 1,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  }
}

export function simulatedAccount(): {account: FakeAccount; shape: Record<string, number>} {
  const region: FakeRegion = {
    functions: [],
    policies: {},
    invokeConfigs: {},
    eventSourceMappings: [],
    queues: {},
    rules: [],
    restApis: [],
    metricAlarms: [],
    stacks: [],
    buses: [{Name: 'default', Arn: `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/default`}],
  }
  const roles: FakeRole[] = []
  const alarm = (name: string, namespace: string, metric: string, dimension: string, value: string) => metricAlarm(REGION, ACCOUNT, {name, namespace, metric, dimension, value})
  for (let i = 0; i < UNITS; i++) {
    const unit = `svc-${String(i).padStart(4, '0')}`
    const role = `${unit}-role`
    roles.push({
      RoleName: role,
      Arn: roleArn(role),
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: [{Effect: 'Allow', Principal: {Service: 'lambda.amazonaws.com'}, Action: 'sts:AssumeRole'}]},
      inline: {main: {Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], Resource: queueArn(`${unit}-queue`)}]}},
      attached: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
    })
    for (const kind of ['worker', 'handler']) {
      region.functions!.push({
        FunctionName: `${unit}-${kind}`,
        FunctionArn: fnArn(`${unit}-${kind}`),
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Role: roleArn(role),
        Timeout: 30,
        MemorySize: 512,
        Architectures: ['arm64'],
        TracingConfig: {Mode: i % 4 === 0 ? 'PassThrough' : 'Active'},
        Environment: {Variables: {TABLE: `${unit}-table`, LOG_LEVEL: 'INFO'}},
        LoggingConfig: {LogFormat: 'JSON', LogGroup: `/aws/lambda/${unit}-${kind}`},
      })
    }
    region.queues![queueUrl(`${unit}-queue`)] = {
      QueueArn: queueArn(`${unit}-queue`),
      VisibilityTimeout: '180',
      MessageRetentionPeriod: '345600',
      SqsManagedSseEnabled: 'true',
      RedrivePolicy: JSON.stringify({deadLetterTargetArn: queueArn(`${unit}-dlq`), maxReceiveCount: 5}),
    }
    region.queues![queueUrl(`${unit}-dlq`)] = {QueueArn: queueArn(`${unit}-dlq`), VisibilityTimeout: '30', MessageRetentionPeriod: '1209600', SqsManagedSseEnabled: 'true'}
    region.eventSourceMappings!.push({
      UUID: `${unit}-esm`,
      FunctionArn: fnArn(`${unit}-worker`),
      EventSourceArn: queueArn(`${unit}-queue`),
      BatchSize: 10,
      State: 'Enabled',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    })
    region.metricAlarms!.push(
      alarm(`${unit}-worker-errors`, 'AWS/Lambda', 'Errors', 'FunctionName', `${unit}-worker`),
      alarm(`${unit}-handler-errors`, 'AWS/Lambda', 'Errors', 'FunctionName', `${unit}-handler`),
      alarm(`${unit}-dlq-depth`, 'AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', `${unit}-dlq`),
    )
    if (i < 500) {
      region.rules!.push({
        Name: `${unit}-rule`,
        Arn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/${unit}-rule`,
        State: 'ENABLED',
        EventPattern: JSON.stringify({source: [unit]}),
        Targets: [{Id: 'handler', Arn: fnArn(`${unit}-handler`), ...(i % 2 === 0 ? {DeadLetterConfig: {Arn: queueArn(`${unit}-dlq`)}} : {})}],
      })
      if (i % 2 === 0)
        region.invokeConfigs![`${unit}-handler`] = [
          {FunctionArn: `${fnArn(`${unit}-handler`)}:$LATEST`, MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600, DestinationConfig: {OnFailure: {Destination: queueArn(`${unit}-dlq`)}}},
        ]
    } else if (i >= 900 && i % 2 === 0) {
      region.policies![`${unit}-handler`] = {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: `${unit}-s3`,
            Effect: 'Allow',
            Principal: {Service: 's3.amazonaws.com'},
            Action: 'lambda:InvokeFunction',
            Resource: fnArn(`${unit}-handler`),
            Condition: {ArnLike: {'AWS:SourceArn': `arn:aws:s3:::${unit}-uploads`}},
          },
        ],
      }
    }
  }
  for (let a = 0; a < 40; a++) {
    const id = `api${String(a).padStart(7, '0')}`
    region.restApis!.push({
      id,
      name: `api-${a}`,
      stages: [
        {
          stageName: 'prod',
          deploymentId: 'd1',
          tracingEnabled: a % 2 === 0,
          accessLogSettings: {destinationArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${id}`, format: '{"requestId":"$context.requestId"}'},
        },
      ],
      resources: Array.from({length: 10}, (_, r) => {
        const unit = `svc-${String(500 + a * 10 + r).padStart(4, '0')}`
        return {
          id: `r${r}`,
          path: `/${unit}`,
          resourceMethods: {
            POST: {
              httpMethod: 'POST',
              authorizationType: 'AWS_IAM',
              methodIntegration: {type: 'AWS_PROXY', uri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${fnArn(`${unit}-handler`)}/invocations`},
            },
          },
        }
      }),
    })
  }
  // 100 stacks of 10 services each.
  for (let s = 0; s < 100; s++) {
    const resources: Array<{LogicalResourceId: string; PhysicalResourceId: string; ResourceType: string}> = []
    for (let i = s * 10; i < s * 10 + 10; i++) {
      const unit = `svc-${String(i).padStart(4, '0')}`
      resources.push(
        {LogicalResourceId: `Worker${i}`, PhysicalResourceId: `${unit}-worker`, ResourceType: 'AWS::Lambda::Function'},
        {LogicalResourceId: `Handler${i}`, PhysicalResourceId: `${unit}-handler`, ResourceType: 'AWS::Lambda::Function'},
        {LogicalResourceId: `Queue${i}`, PhysicalResourceId: queueUrl(`${unit}-queue`), ResourceType: 'AWS::SQS::Queue'},
        {LogicalResourceId: `Dlq${i}`, PhysicalResourceId: queueUrl(`${unit}-dlq`), ResourceType: 'AWS::SQS::Queue'},
        {LogicalResourceId: `Role${i}`, PhysicalResourceId: `${unit}-role`, ResourceType: 'AWS::IAM::Role'},
      )
    }
    region.stacks!.push({StackName: `stack-${s}`, resources})
  }
  const shape = {
    functions: region.functions!.length,
    queues: Object.keys(region.queues!).length,
    alarms: region.metricAlarms!.length,
    rules: region.rules!.length,
    roles: roles.length,
    restApis: region.restApis!.length,
    stacks: region.stacks!.length,
  }
  return {account: {accountId: ACCOUNT, regions: {[REGION]: region}, roles}, shape}
}

/** The calls the data requires: every page of every list, and each per-resource read that tells something. */
export function requiredCalls(): Record<string, number> {
  const pages = (items: number, size: number) => Math.max(1, Math.ceil(items / size))
  return {
    'sts:GetCallerIdentity': 1,
    'lambda:ListFunctions': pages(2000, 50),
    'lambda:ListEventSourceMappings': 1,
    // Handlers 900–999: nothing else tells how they are invoked.
    'lambda:GetPolicy': 100,
    // Asynchronous: 500 rule targets and the 50 S3-invoked handlers.
    'lambda:ListFunctionEventInvokeConfigs': 550,
    'sqs:ListQueues': pages(2000, 1000),
    'sqs:GetQueueAttributes': 2000,
    'sns:ListTopics': 1,
    'sns:ListSubscriptions': 1,
    'events:ListEventBuses': 1,
    'events:ListArchives': 1,
    'events:ListRules': pages(500, 100),
    'events:ListTargetsByRule': 500,
    'states:ListStateMachines': 1,
    'apigateway:GetRestApis': 1,
    'apigateway:GetStages': 40,
    'apigateway:GetResources': 40,
    'apigateway:GetApis': 1,
    'cloudwatch:DescribeAlarms': pages(3000, 100),
    // The fake, like IAM, returns about 100 roles per page.
    'iam:GetAccountAuthorizationDetails': pages(1000, 100),
    'cloudformation:ListStacks': 1,
    'cloudformation:ListStackResources': 100,
  }
}
