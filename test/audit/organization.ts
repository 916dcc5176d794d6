// A small AWS organisation for the organisation-audit tests: member accounts with resources named after them, one whose role cannot be assumed, one with a region not enabled, one under an SCP.
import type {FakeAccount, FakeMember, FakeOrganization, FakeRegion} from './fake-aws.js'

export const MANAGEMENT = '000000000000'
export const ROLE_NAME = 'SlsEdaAudit'
export const REGIONS = ['eu-west-1', 'us-east-1']

/** Per region: a queue without a DLQ that a function consumes (SQS001, an error), a queue with one, and a function without tracing (LMB001), all named after the account. */
export function memberAccount(id: string, name: string, regions: readonly string[] = REGIONS): FakeAccount {
  const roleArn = `arn:aws:iam::${id}:role/${name}-fn-role`
  const data: Record<string, FakeRegion> = {}
  for (const region of regions) {
    const queue = (queueName: string) => `https://sqs.${region}.amazonaws.com/${id}/${queueName}`
    const arn = (queueName: string) => `arn:aws:sqs:${region}:${id}:${queueName}`
    data[region] = {
      functions: [
        {
          FunctionName: `${name}-fn`,
          FunctionArn: `arn:aws:lambda:${region}:${id}:function:${name}-fn`,
          Runtime: 'nodejs22.x',
          Handler: 'index.handler',
          Role: roleArn,
          Timeout: 30,
          MemorySize: 512,
          Architectures: ['arm64'],
          TracingConfig: {Mode: 'PassThrough'},
          LoggingConfig: {LogFormat: 'JSON', LogGroup: `/aws/lambda/${name}-fn`},
        },
      ],
      // The function consumes the queue without a DLQ: SQS001 is then an error.
      eventSourceMappings: [
        {
          UUID: `${name}-${region}-esm`,
          FunctionArn: `arn:aws:lambda:${region}:${id}:function:${name}-fn`,
          EventSourceArn: arn(`${name}-orders`),
          BatchSize: 10,
          State: 'Enabled',
          FunctionResponseTypes: ['ReportBatchItemFailures'],
        },
      ],
      queues: {
        [queue(`${name}-orders`)]: {QueueArn: arn(`${name}-orders`), VisibilityTimeout: '30', MessageRetentionPeriod: '345600', SqsManagedSseEnabled: 'true'},
        [queue(`${name}-jobs`)]: {
          QueueArn: arn(`${name}-jobs`),
          VisibilityTimeout: '30',
          MessageRetentionPeriod: '345600',
          SqsManagedSseEnabled: 'true',
          RedrivePolicy: JSON.stringify({deadLetterTargetArn: arn(`${name}-jobs-dlq`), maxReceiveCount: 5}),
        },
        [queue(`${name}-jobs-dlq`)]: {QueueArn: arn(`${name}-jobs-dlq`), VisibilityTimeout: '30', MessageRetentionPeriod: '1209600', SqsManagedSseEnabled: 'true'},
      },
    }
  }
  return {
    accountId: id,
    regions: data,
    roles: [
      {
        RoleName: `${name}-fn-role`,
        Arn: roleArn,
        AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: [{Effect: 'Allow', Principal: {Service: 'lambda.amazonaws.com'}, Action: 'sts:AssumeRole'}]},
        attached: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
      },
    ],
  }
}

export interface OrgMemberSpec {
  id: string
  name: string
  parent?: string
  assumable?: boolean
  disabledRegions?: string[]
  deny?: string[]
}

/**
 * prod and staging sit in OU ou-prod (staging one level below, in ou-prod-apps); sandbox's role cannot be
 * assumed; data has not enabled us-east-1; an SCP denies staging sqs:ListQueues in us-east-1.
 */
export const MEMBERS: OrgMemberSpec[] = [
  {id: '111111111111', name: 'prod', parent: 'ou-prod'},
  {id: '222222222222', name: 'staging', parent: 'ou-prod-apps', deny: ['us-east-1/sqs:ListQueues']},
  {id: '333333333333', name: 'sandbox', assumable: false},
  {id: '444444444444', name: 'data', disabledRegions: ['us-east-1']},
  {id: '555555555555', name: 'logs'},
  {id: '666666666666', name: 'shared'},
]

export function organization(members: readonly OrgMemberSpec[] = MEMBERS): {management: FakeAccount; organization: FakeOrganization} {
  const byId = new Map<string, FakeMember>()
  for (const spec of members) {
    const regions = REGIONS.filter((region) => !spec.disabledRegions?.includes(region))
    byId.set(spec.id, {account: memberAccount(spec.id, spec.name, regions), assumable: spec.assumable, disabledRegions: spec.disabledRegions, deny: spec.deny})
  }
  return {
    management: {accountId: MANAGEMENT, regions: {}},
    organization: {
      roleName: ROLE_NAME,
      accounts: members.map((spec) => ({id: spec.id, name: spec.name, parent: spec.parent})),
      ous: [
        {id: 'ou-prod', parent: 'r-root'},
        {id: 'ou-prod-apps', parent: 'ou-prod'},
      ],
      member: (id) => byId.get(id),
    },
  }
}
