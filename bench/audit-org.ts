// The simulated organisation of the organisation-audit benchmark: 100 member accounts × 4 regions, each account-region with 200 functions,
// 200 queues (100 with a DLQ, the other 100 being those DLQs), 300 alarms, 50 EventBridge rules and 100 roles; and the API calls its data requires.
import type {FakeAccount, FakeMember, FakeOrganization, FakeRegion, FakeRole} from '../test/audit/fake-aws.js'
import {metricAlarm} from './audit-account.js'

export const ROLE_NAME = 'SlsEdaAudit'
export const REGIONS = ['eu-west-1', 'eu-central-1', 'us-east-1', 'us-west-2']
/** BENCH_ORG_ACCOUNTS runs a smaller organisation (a quick check of the harness). */
export const ACCOUNTS = Number(process.env.BENCH_ORG_ACCOUNTS ?? 100)
const UNITS = 100

export const accountId = (index: number): string => String(100000000000 + index * 7919)

/** One account-region: 100 units, each a role, a queue worker and a handler, a queue and its DLQ, three alarms; handlers 0–49 are rule targets, 50–99 are explained only by their resource policy (half of them by S3). */
function regionData(id: string, region: string, roles: FakeRole[]): FakeRegion {
  const data: FakeRegion = {
    functions: [],
    policies: {},
    invokeConfigs: {},
    eventSourceMappings: [],
    queues: {},
    rules: [],
    metricAlarms: [],
    buses: [{Name: 'default', Arn: `arn:aws:events:${region}:${id}:event-bus/default`}],
  }
  const fnArn = (name: string) => `arn:aws:lambda:${region}:${id}:function:${name}`
  const queueArn = (name: string) => `arn:aws:sqs:${region}:${id}:${name}`
  const alarm = (name: string, namespace: string, metric: string, dimension: string, value: string) => metricAlarm(region, id, {name, namespace, metric, dimension, value})
  for (let i = 0; i < UNITS; i++) {
    const unit = `${region}-u${String(i).padStart(3, '0')}`
    const roleArn = `arn:aws:iam::${id}:role/${unit}-role`
    roles.push({
      RoleName: `${unit}-role`,
      Arn: roleArn,
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: [{Effect: 'Allow', Principal: {Service: 'lambda.amazonaws.com'}, Action: 'sts:AssumeRole'}]},
      inline: {main: {Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], Resource: queueArn(`${unit}-queue`)}]}},
      attached: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
    })
    for (const kind of ['worker', 'handler']) {
      data.functions!.push({
        FunctionName: `${unit}-${kind}`,
        FunctionArn: fnArn(`${unit}-${kind}`),
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Role: roleArn,
        Timeout: 30,
        MemorySize: 512,
        Architectures: ['arm64'],
        TracingConfig: {Mode: i % 4 === 0 ? 'PassThrough' : 'Active'},
        LoggingConfig: {LogFormat: 'JSON', LogGroup: `/aws/lambda/${unit}-${kind}`},
      })
    }
    data.queues![`https://sqs.${region}.amazonaws.com/${id}/${unit}-queue`] = {
      QueueArn: queueArn(`${unit}-queue`),
      VisibilityTimeout: '180',
      MessageRetentionPeriod: '345600',
      SqsManagedSseEnabled: 'true',
      RedrivePolicy: JSON.stringify({deadLetterTargetArn: queueArn(`${unit}-dlq`), maxReceiveCount: 5}),
    }
    data.queues![`https://sqs.${region}.amazonaws.com/${id}/${unit}-dlq`] = {QueueArn: queueArn(`${unit}-dlq`), VisibilityTimeout: '30', MessageRetentionPeriod: '1209600', SqsManagedSseEnabled: 'true'}
    data.eventSourceMappings!.push({
      UUID: `${unit}-esm`,
      FunctionArn: fnArn(`${unit}-worker`),
      EventSourceArn: queueArn(`${unit}-queue`),
      BatchSize: 10,
      State: 'Enabled',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    })
    data.metricAlarms!.push(
      alarm(`${unit}-worker-errors`, 'AWS/Lambda', 'Errors', 'FunctionName', `${unit}-worker`),
      alarm(`${unit}-handler-errors`, 'AWS/Lambda', 'Errors', 'FunctionName', `${unit}-handler`),
      alarm(`${unit}-dlq-depth`, 'AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', `${unit}-dlq`),
    )
    if (i < 50) {
      data.rules!.push({
        Name: `${unit}-rule`,
        Arn: `arn:aws:events:${region}:${id}:rule/${unit}-rule`,
        State: 'ENABLED',
        EventPattern: JSON.stringify({source: [unit]}),
        Targets: [{Id: 'handler', Arn: fnArn(`${unit}-handler`), DeadLetterConfig: {Arn: queueArn(`${unit}-dlq`)}}],
      })
      if (i % 2 === 0)
        data.invokeConfigs![`${unit}-handler`] = [
          {FunctionArn: `${fnArn(`${unit}-handler`)}:$LATEST`, MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600, DestinationConfig: {OnFailure: {Destination: queueArn(`${unit}-dlq`)}}},
        ]
    } else if (i % 2 === 0) {
      data.policies![`${unit}-handler`] = {
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
  return data
}

export function memberAccount(id: string): FakeAccount {
  const roles: FakeRole[] = []
  const regions: Record<string, FakeRegion> = {}
  for (const region of REGIONS) regions[region] = regionData(id, region, roles)
  return {accountId: id, regions, roles}
}

/** The organisation; member data is built on demand and only a few accounts are kept, so the fake's memory stays small. */
export function simulatedOrganization(): FakeOrganization {
  const cache = new Map<string, FakeMember>()
  return {
    roleName: ROLE_NAME,
    accounts: Array.from({length: ACCOUNTS}, (_, index) => ({id: accountId(index), name: `account-${String(index).padStart(3, '0')}`})),
    member(id) {
      let member = cache.get(id)
      if (member) return member
      if (!/^\d{12}$/.test(id)) return undefined
      member = {account: memberAccount(id)}
      cache.set(id, member)
      if (cache.size > 48) cache.delete(cache.keys().next().value!)
      return member
    },
  }
}

/** The calls the data requires, for the whole organisation. */
export function requiredCalls(): Record<string, number> {
  const pages = (items: number, size: number) => Math.max(1, Math.ceil(items / size))
  const perRegion: Record<string, number> = {
    'lambda:ListFunctions': pages(200, 50),
    'lambda:ListEventSourceMappings': 1,
    // Handlers 50–99: nothing else tells how they are invoked.
    'lambda:GetPolicy': 50,
    // Asynchronous: the 50 rule targets and the 25 S3-invoked handlers.
    'lambda:ListFunctionEventInvokeConfigs': 75,
    'sqs:ListQueues': 1,
    'sqs:GetQueueAttributes': 200,
    'sns:ListTopics': 1,
    'sns:ListSubscriptions': 1,
    'events:ListEventBuses': 1,
    'events:ListArchives': 1,
    'events:ListRules': pages(50, 100),
    'events:ListTargetsByRule': 50,
    'states:ListStateMachines': 1,
    'apigateway:GetRestApis': 1,
    'apigateway:GetApis': 1,
    'cloudwatch:DescribeAlarms': pages(300, 100),
    'cloudformation:ListStacks': 1,
  }
  const perAccount: Record<string, number> = {
    'sts:AssumeRole': 1,
    'ec2:DescribeRegions': 1,
    // 400 roles, about 100 a page.
    'iam:GetAccountAuthorizationDetails': pages(UNITS * REGIONS.length, 100),
  }
  const total: Record<string, number> = {'sts:GetCallerIdentity': 1, 'organizations:ListAccounts': pages(ACCOUNTS, 20)}
  for (const [action, count] of Object.entries(perRegion)) total[action] = count * ACCOUNTS * REGIONS.length
  for (const [action, count] of Object.entries(perAccount)) total[action] = count * ACCOUNTS
  return total
}
