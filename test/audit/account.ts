// A fake account for audit tests: one stack that follows every practice the catalogue checks, one that breaks them.
import type {FakeAccount, FakeRegion, FakeRole} from './fake-aws.js'

export const ACCOUNT = '123456789012'
export const REGION = 'eu-west-1'
export const SECRET = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'

const arn = {
  fn: (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`,
  queue: (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`,
  url: (name: string) => `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`,
  topic: (name: string) => `arn:aws:sns:${REGION}:${ACCOUNT}:${name}`,
  role: (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`,
  machine: (name: string) => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`,
  bus: (name: string) => `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${name}`,
  rule: (bus: string, name: string) => `arn:aws:events:${REGION}:${ACCOUNT}:rule/${bus === 'default' ? '' : `${bus}/`}${name}`,
  logGroup: (name: string) => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}`,
  stream: (name: string) => `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${name}`,
}
export const ARN = arn

const ALERTS = arn.topic('good-alerts')

const trust = {Version: '2012-10-17', Statement: [{Effect: 'Allow', Principal: {Service: 'lambda.amazonaws.com'}, Action: 'sts:AssumeRole'}]}

function logsStatement(fn: string): Record<string, unknown> {
  return {Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${arn.logGroup(`/aws/lambda/${fn}`)}:*`}
}

function goodRole(fn: string, extra: Array<Record<string, unknown>>): FakeRole {
  return {RoleName: `${fn}-role`, Arn: arn.role(`${fn}-role`), AssumeRolePolicyDocument: trust, inline: {main: {Version: '2012-10-17', Statement: [logsStatement(fn), ...extra]}}}
}

function fn(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    FunctionName: name,
    FunctionArn: arn.fn(name),
    Runtime: 'nodejs22.x',
    Handler: 'index.handler',
    Role: arn.role(`${name}-role`),
    Timeout: 30,
    MemorySize: 512,
    Architectures: ['arm64'],
    PackageType: 'Zip',
    TracingConfig: {Mode: 'Active'},
    LoggingConfig: {LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'INFO', LogGroup: `/aws/lambda/${name}`},
    LastModified: '2024-01-01T00:00:00.000+0000',
    ...overrides,
  }
}

function queue(name: string, attributes: Record<string, string> = {}): [string, Record<string, string>] {
  return [
    arn.url(name),
    {
      QueueArn: arn.queue(name),
      VisibilityTimeout: '180',
      MessageRetentionPeriod: '345600',
      DelaySeconds: '0',
      MaximumMessageSize: '262144',
      ReceiveMessageWaitTimeSeconds: '20',
      SqsManagedSseEnabled: 'true',
      ...attributes,
    },
  ]
}

function dlq(name: string): [string, Record<string, string>] {
  return queue(name, {MessageRetentionPeriod: '1209600'})
}

function redrive(target: string): string {
  return JSON.stringify({deadLetterTargetArn: arn.queue(target), maxReceiveCount: '5'})
}

function alarm(name: string, namespace: string, metric: string, dimension: string, value: string, actions = [ALERTS]): Record<string, unknown> {
  return {
    AlarmName: name,
    AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${name}`,
    ActionsEnabled: true,
    AlarmActions: actions,
    OKActions: [],
    InsufficientDataActions: [],
    MetricName: metric,
    Namespace: namespace,
    Statistic: 'Sum',
    Dimensions: [{Name: dimension, Value: value}],
    Period: 60,
    EvaluationPeriods: 1,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    TreatMissingData: 'notBreaching',
  }
}

function functionAlarms(name: string): Array<Record<string, unknown>> {
  return [alarm(`${name}-errors`, 'AWS/Lambda', 'Errors', 'FunctionName', name), alarm(`${name}-throttles`, 'AWS/Lambda', 'Throttles', 'FunctionName', name)]
}

function queueAlarms(name: string, isDlq: boolean): Array<Record<string, unknown>> {
  return isDlq ? [alarm(`${name}-depth`, 'AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', name)] : [alarm(`${name}-age`, 'AWS/SQS', 'ApproximateAgeOfOldestMessage', 'QueueName', name)]
}

const taskDefinition = (target: string, good: boolean) =>
  JSON.stringify({
    StartAt: 'Work',
    States: {
      Work: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: {FunctionName: arn.fn(target), 'Payload.$': '$'},
        ...(good
          ? {
              TimeoutSeconds: 60,
              Retry: [
                {ErrorEquals: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2},
              ],
              Catch: [{ErrorEquals: ['States.ALL'], Next: 'Failed'}],
            }
          : {}),
        Next: 'Done',
      },
      ...(good ? {Failed: {Type: 'Fail'}} : {}),
      Done: {Type: 'Succeed'},
    },
  })

/** Resources of the stack that follows the practices. */
function goodRegion(): FakeRegion {
  const queues = Object.fromEntries([queue('good-orders', {RedrivePolicy: redrive('good-orders-dlq')}), dlq('good-orders-dlq'), dlq('good-notify-dlq'), dlq('good-handler-dlq')])
  const stageSettings = {'*/*': {metricsEnabled: true, loggingLevel: 'ERROR', dataTraceEnabled: false, throttlingBurstLimit: 100, throttlingRateLimit: 50, cachingEnabled: false}}
  return {
    functions: [fn('good-worker'), fn('good-notify'), fn('good-handler'), fn('good-stream'), fn('good-step')],
    invokeConfigs: {
      'good-notify': [{FunctionArn: `${arn.fn('good-notify')}:$LATEST`, MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600, DestinationConfig: {OnFailure: {Destination: arn.queue('good-notify-dlq')}}}],
      'good-handler': [{FunctionArn: `${arn.fn('good-handler')}:$LATEST`, MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600, DestinationConfig: {OnFailure: {Destination: arn.queue('good-handler-dlq')}}}],
    },
    eventSourceMappings: [
      {UUID: 'esm-good-orders', FunctionArn: arn.fn('good-worker'), EventSourceArn: arn.queue('good-orders'), BatchSize: 10, State: 'Enabled', FunctionResponseTypes: ['ReportBatchItemFailures']},
      {
        UUID: 'esm-good-stream',
        FunctionArn: arn.fn('good-stream'),
        EventSourceArn: arn.stream('good-clicks'),
        BatchSize: 100,
        State: 'Enabled',
        StartingPosition: 'LATEST',
        MaximumRetryAttempts: 3,
        MaximumRecordAgeInSeconds: 3600,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: {OnFailure: {Destination: arn.queue('good-handler-dlq')}},
      },
    ],
    queues,
    topics: {
      [arn.topic('good-events')]: {KmsMasterKeyId: 'alias/aws/sns', DisplayName: 'events'},
      [ALERTS]: {KmsMasterKeyId: 'alias/aws/sns'},
    },
    subscriptions: [
      {
        SubscriptionArn: `${arn.topic('good-events')}:0001`,
        TopicArn: arn.topic('good-events'),
        Protocol: 'lambda',
        Endpoint: arn.fn('good-notify'),
        attributes: {RedrivePolicy: JSON.stringify({deadLetterTargetArn: arn.queue('good-notify-dlq')})},
      },
    ],
    buses: [
      {Name: 'default', Arn: arn.bus('default')},
      {Name: 'good-bus', Arn: arn.bus('good-bus')},
    ],
    archives: [{ArchiveName: 'good-bus-archive', EventSourceArn: arn.bus('good-bus'), State: 'ENABLED', RetentionDays: 30}],
    rules: [
      {
        Name: 'good-rule',
        Arn: arn.rule('good-bus', 'good-rule'),
        EventBusName: 'good-bus',
        State: 'ENABLED',
        EventPattern: JSON.stringify({source: ['orders']}),
        Targets: [{Id: 'handler', Arn: arn.fn('good-handler'), DeadLetterConfig: {Arn: arn.queue('good-handler-dlq')}, RetryPolicy: {MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 3600}}],
      },
    ],
    stateMachines: [
      {
        stateMachineArn: arn.machine('good-flow'),
        name: 'good-flow',
        roleArn: arn.role('good-flow-role'),
        definition: taskDefinition('good-step', true),
        loggingConfiguration: {level: 'ALL', includeExecutionData: true, destinations: [{cloudWatchLogsLogGroup: {logGroupArn: `${arn.logGroup('/aws/vendedlogs/states/good-flow')}:*`}}]},
        tracingConfiguration: {enabled: true},
      },
    ],
    restApis: [
      {
        id: 'goodapi001',
        name: 'good-api',
        endpointConfiguration: {types: ['REGIONAL']},
        stages: [
          {
            stageName: 'prod',
            deploymentId: 'dep1',
            tracingEnabled: true,
            accessLogSettings: {destinationArn: arn.logGroup('good-api-access'), format: '{"requestId":"$context.requestId","status":"$context.status"}'},
            methodSettings: stageSettings,
          },
        ],
        resources: [
          {id: 'root1', path: '/'},
          {
            id: 'res1',
            parentId: 'root1',
            path: '/orders',
            pathPart: 'orders',
            resourceMethods: {
              POST: {
                httpMethod: 'POST',
                authorizationType: 'AWS_IAM',
                apiKeyRequired: false,
                methodIntegration: {type: 'AWS_PROXY', httpMethod: 'POST', uri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${arn.fn('good-worker')}/invocations`},
              },
            },
          },
        ],
      },
    ],
    metricAlarms: [
      ...['good-worker', 'good-notify', 'good-handler', 'good-stream', 'good-step'].flatMap(functionAlarms),
      ...queueAlarms('good-orders', false),
      ...['good-orders-dlq', 'good-notify-dlq', 'good-handler-dlq'].flatMap((name) => queueAlarms(name, true)),
      alarm('good-stream-iterator-age', 'AWS/Lambda', 'IteratorAge', 'FunctionName', 'good-stream'),
      alarm('good-flow-failed', 'AWS/States', 'ExecutionsFailed', 'StateMachineArn', arn.machine('good-flow')),
    ],
    stacks: [],
  }
}

/** Resources of the stack that breaks them: each is named after what is wrong with it. */
function badRegion(): FakeRegion {
  return {
    functions: [
      fn('bad-untraced-worker', {TracingConfig: {Mode: 'PassThrough'}, Role: arn.role('bad-admin-role'), Environment: {Variables: {API_KEY: SECRET, TABLE: 'orders'}}}),
      fn('bad-notify'),
      fn('bad-thumbnail'),
      fn('bad-stream'),
      fn('bad-handler'),
    ],
    policies: {
      'bad-thumbnail': {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'bad-service-ThumbnailS3Permission-ABC',
            Effect: 'Allow',
            Principal: {Service: 's3.amazonaws.com'},
            Action: 'lambda:InvokeFunction',
            Resource: arn.fn('bad-thumbnail'),
            Condition: {StringEquals: {'AWS:SourceAccount': ACCOUNT}, ArnLike: {'AWS:SourceArn': 'arn:aws:s3:::bad-uploads'}},
          },
        ],
      },
    },
    eventSourceMappings: [
      {
        UUID: 'esm-bad-orders',
        FunctionArn: arn.fn('bad-untraced-worker'),
        EventSourceArn: arn.queue('bad-orders-without-dlq'),
        BatchSize: 10,
        State: 'Enabled',
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      },
      {UUID: 'esm-bad-payments', FunctionArn: arn.fn('bad-untraced-worker'), EventSourceArn: arn.queue('bad-payments'), BatchSize: 10, State: 'Enabled', FunctionResponseTypes: ['ReportBatchItemFailures']},
      {UUID: 'esm-bad-stream', FunctionArn: arn.fn('bad-stream'), EventSourceArn: arn.stream('bad-clicks'), BatchSize: 100, State: 'Enabled', StartingPosition: 'LATEST'},
    ],
    queues: Object.fromEntries([queue('bad-orders-without-dlq'), queue('bad-payments', {RedrivePolicy: redrive('bad-payments-dlq-without-alarm')}), dlq('bad-payments-dlq-without-alarm')]),
    topics: {[arn.topic('bad-events')]: {DisplayName: 'events'}},
    subscriptions: [{SubscriptionArn: `${arn.topic('bad-events')}:0001`, TopicArn: arn.topic('bad-events'), Protocol: 'lambda', Endpoint: arn.fn('bad-notify'), attributes: {}}],
    buses: [],
    rules: [{Name: 'bad-rule', Arn: arn.rule('default', 'bad-rule'), State: 'ENABLED', ScheduleExpression: 'rate(5 minutes)', Targets: [{Id: 'handler', Arn: arn.fn('bad-handler')}]}],
    stateMachines: [
      {
        stateMachineArn: arn.machine('bad-flow'),
        name: 'bad-flow',
        roleArn: arn.role('bad-flow-role'),
        definition: taskDefinition('bad-handler', false),
        loggingConfiguration: {level: 'OFF', includeExecutionData: false},
        tracingConfiguration: {enabled: false},
      },
    ],
    restApis: [{id: 'badapi0001', name: 'bad-api', stages: [{stageName: 'prod', deploymentId: 'dep1', tracingEnabled: false}], resources: [{id: 'root2', path: '/'}]}],
    metricAlarms: [],
  }
}

/** Both stacks in one region, with CloudFormation saying who owns what, and the roles each function uses. */
export function sampleAccount(): FakeAccount {
  const good = goodRegion()
  const bad = badRegion()
  const region: FakeRegion = {
    functions: [...good.functions!, ...bad.functions!],
    policies: {...bad.policies},
    invokeConfigs: {...good.invokeConfigs},
    eventSourceMappings: [...good.eventSourceMappings!, ...bad.eventSourceMappings!],
    queues: {...good.queues, ...bad.queues},
    topics: {...good.topics, ...bad.topics},
    subscriptions: [...good.subscriptions!, ...bad.subscriptions!],
    buses: good.buses,
    archives: good.archives,
    rules: [...good.rules!, ...bad.rules!],
    stateMachines: [...good.stateMachines!, ...bad.stateMachines!],
    restApis: [...good.restApis!, ...bad.restApis!],
    metricAlarms: good.metricAlarms,
    stacks: [
      {
        StackName: 'good-service',
        resources: [
          ...good.functions!.map((f) => ({LogicalResourceId: pascal(f.FunctionName as string), PhysicalResourceId: f.FunctionName as string, ResourceType: 'AWS::Lambda::Function'})),
          ...Object.keys(good.queues!).map((url) => ({LogicalResourceId: pascal(url.split('/').pop()!), PhysicalResourceId: url, ResourceType: 'AWS::SQS::Queue'})),
          ...Object.keys(good.topics!).map((topic) => ({LogicalResourceId: pascal(topic.split(':').pop()!), PhysicalResourceId: topic, ResourceType: 'AWS::SNS::Topic'})),
          {LogicalResourceId: 'GoodFlow', PhysicalResourceId: arn.machine('good-flow'), ResourceType: 'AWS::StepFunctions::StateMachine'},
          {LogicalResourceId: 'GoodBus', PhysicalResourceId: 'good-bus', ResourceType: 'AWS::Events::EventBus'},
          {LogicalResourceId: 'GoodRule', PhysicalResourceId: 'good-bus|good-rule', ResourceType: 'AWS::Events::Rule'},
          {LogicalResourceId: 'GoodApi', PhysicalResourceId: 'goodapi001', ResourceType: 'AWS::ApiGateway::RestApi'},
          {LogicalResourceId: 'GoodApiStage', PhysicalResourceId: 'prod', ResourceType: 'AWS::ApiGateway::Stage'},
          ...good.metricAlarms!.map((a) => ({LogicalResourceId: pascal(a.AlarmName as string), PhysicalResourceId: a.AlarmName as string, ResourceType: 'AWS::CloudWatch::Alarm'})),
          ...good.functions!.map((f) => ({LogicalResourceId: `${pascal(f.FunctionName as string)}Role`, PhysicalResourceId: `${f.FunctionName as string}-role`, ResourceType: 'AWS::IAM::Role'})),
        ],
        template: JSON.stringify({
          Resources: {
            GoodWorker: {Type: 'AWS::Lambda::Function', Metadata: {'aws:cdk:path': 'GoodService/Worker/Resource'}},
          },
        }),
      },
      {
        StackName: 'bad-service',
        resources: [
          ...bad.functions!.map((f) => ({LogicalResourceId: pascal(f.FunctionName as string), PhysicalResourceId: f.FunctionName as string, ResourceType: 'AWS::Lambda::Function'})),
          ...Object.keys(bad.queues!).map((url) => ({LogicalResourceId: pascal(url.split('/').pop()!), PhysicalResourceId: url, ResourceType: 'AWS::SQS::Queue'})),
          {LogicalResourceId: 'BadEvents', PhysicalResourceId: arn.topic('bad-events'), ResourceType: 'AWS::SNS::Topic'},
          {LogicalResourceId: 'BadFlow', PhysicalResourceId: arn.machine('bad-flow'), ResourceType: 'AWS::StepFunctions::StateMachine'},
          {LogicalResourceId: 'BadRule', PhysicalResourceId: 'bad-rule', ResourceType: 'AWS::Events::Rule'},
          {LogicalResourceId: 'BadApi', PhysicalResourceId: 'badapi0001', ResourceType: 'AWS::ApiGateway::RestApi'},
          {LogicalResourceId: 'BadApiStage', PhysicalResourceId: 'prod', ResourceType: 'AWS::ApiGateway::Stage'},
          {LogicalResourceId: 'BadAdminRole', PhysicalResourceId: 'bad-admin-role', ResourceType: 'AWS::IAM::Role'},
        ],
      },
    ],
  }
  const roles: FakeRole[] = [
    goodRole('good-worker', [{Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], Resource: arn.queue('good-orders')}]),
    goodRole('good-notify', [{Effect: 'Allow', Action: 'sqs:SendMessage', Resource: arn.queue('good-notify-dlq')}]),
    goodRole('good-handler', [{Effect: 'Allow', Action: 'sqs:SendMessage', Resource: arn.queue('good-handler-dlq')}]),
    goodRole('good-stream', [
      {Effect: 'Allow', Action: ['kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:DescribeStream', 'kinesis:ListShards'], Resource: arn.stream('good-clicks')},
      {Effect: 'Allow', Action: 'sqs:SendMessage', Resource: arn.queue('good-handler-dlq')},
    ]),
    goodRole('good-step', []),
    {
      RoleName: 'good-flow-role',
      Arn: arn.role('good-flow-role'),
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: [{Effect: 'Allow', Principal: {Service: 'states.amazonaws.com'}, Action: 'sts:AssumeRole'}]},
      inline: {main: {Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: arn.fn('good-step')}]}},
    },
    {
      RoleName: 'bad-admin-role',
      Arn: arn.role('bad-admin-role'),
      AssumeRolePolicyDocument: trust,
      inline: {
        everything: {Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: '*', Resource: '*'}]},
        table: {Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 'dynamodb:*', Resource: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders`}]},
      },
    },
    ...['bad-notify', 'bad-thumbnail', 'bad-stream', 'bad-handler'].map((name) => goodRole(name, [])),
    {
      RoleName: 'bad-flow-role',
      Arn: arn.role('bad-flow-role'),
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: [{Effect: 'Allow', Principal: {Service: 'states.amazonaws.com'}, Action: 'sts:AssumeRole'}]},
      inline: {main: {Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: arn.fn('bad-handler')}]}},
    },
  ]
  return {accountId: ACCOUNT, regions: {[REGION]: region}, roles}
}

function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')
}

/** Each concern the issue names, the rule that finds it, and the resource it must be found on. */
export const CONCERNS: Array<{concern: string; rule: string; resource: string}> = [
  {concern: 'queue without DLQ', rule: 'SQS001', resource: arn.queue('bad-orders-without-dlq')},
  {concern: 'async function without DLQ or destination (SNS)', rule: 'LMB002', resource: arn.fn('bad-notify')},
  {concern: 'async function without DLQ or destination (S3, from its resource policy)', rule: 'LMB002', resource: arn.fn('bad-thumbnail')},
  {concern: 'async function without DLQ or destination (EventBridge)', rule: 'LMB002', resource: arn.fn('bad-handler')},
  {concern: 'event source mapping without failure destination', rule: 'LMB009', resource: `arn:aws:lambda:${REGION}:${ACCOUNT}:event-source-mapping:esm-bad-stream`},
  {concern: 'EventBridge target without DLQ', rule: 'EVB001', resource: arn.rule('default', 'bad-rule')},
  {concern: 'SNS subscription without redrive policy', rule: 'SNS001', resource: `${arn.topic('bad-events')}:0001`},
  {concern: 'DLQ without alarm', rule: 'SQS002', resource: arn.queue('bad-payments-dlq-without-alarm')},
  {concern: 'function without error alarm', rule: 'CWA001', resource: arn.fn('bad-untraced-worker')},
  {concern: 'state machine without failed-executions alarm', rule: 'CWA004', resource: arn.machine('bad-flow')},
  {concern: 'function tracing off', rule: 'LMB001', resource: arn.fn('bad-untraced-worker')},
  {concern: 'state machine tracing off', rule: 'SFN001', resource: arn.machine('bad-flow')},
  {concern: 'REST stage tracing off', rule: 'APG003', resource: `arn:aws:apigateway:${REGION}::/restapis/badapi0001/stages/prod`},
  {concern: 'wildcard action on a function role', rule: 'IAM001', resource: arn.role('bad-admin-role')},
  {concern: 'full administrator access on a function role', rule: 'IAM003', resource: arn.role('bad-admin-role')},
]
