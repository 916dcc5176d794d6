// Collection edge cases through the real SDK clients: pagination everywhere, missing permissions, throttling, URL-encoded policies, per-function calls kept to what is needed.
import {describe, expect, it} from 'vitest'

import {ROLE_DETAIL_THRESHOLD} from '../../src/audit/collectors/iam.js'
import {ACCOUNT, ARN, REGION, sampleAccount} from './account.js'
import {auditLive, withFakeAws} from './helpers.js'
import type {FakeAccount} from './fake-aws.js'

const SMALL_PAGES: Record<string, number> = {
  'lambda:ListFunctions': 2,
  'lambda:ListEventSourceMappings': 1,
  'sqs:ListQueues': 2,
  'sns:ListTopics': 1,
  'sns:ListSubscriptions': 1,
  'events:ListRules': 1,
  'events:ListTargetsByRule': 1,
  'events:ListEventBuses': 1,
  'states:ListStateMachines': 1,
  'cloudwatch:DescribeAlarms': 3,
  'apigateway:GetRestApis': 1,
  'apigateway:GetResources': 1,
  'cloudformation:ListStacks': 1,
  'cloudformation:ListStackResources': 5,
  'iam:GetAccountAuthorizationDetails': 3,
}

function ids(inventory: {nodes: Array<{id: string}>}): string[] {
  return inventory.nodes.map((node) => node.id).sort()
}

/** An account with many roles in use, so IAM is read with GetAccountAuthorizationDetails. */
function manyRolesAccount(): FakeAccount {
  const account = sampleAccount()
  const region = account.regions[REGION]!
  for (let i = 0; i < ROLE_DETAIL_THRESHOLD + 5; i++) {
    const name = `extra-${i}`
    region.functions!.push({FunctionName: name, FunctionArn: ARN.fn(name), Runtime: 'nodejs22.x', Role: ARN.role(`${name}-role`), Timeout: 10, MemorySize: 256, TracingConfig: {Mode: 'Active'}})
    account.roles!.push({
      RoleName: `${name}-role`,
      Arn: ARN.role(`${name}-role`),
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: [{Effect: 'Allow', Principal: {Service: 'lambda.amazonaws.com'}, Action: 'sts:AssumeRole'}]},
      inline: {'with spaces & symbols': {Version: '2012-10-17', Statement: [{Sid: 'a b+c', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: ARN.queue('good-orders')}]}},
      attached: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', `arn:aws:iam::${ACCOUNT}:policy/shared`],
    })
  }
  account.managedPolicies = {[`arn:aws:iam::${ACCOUNT}:policy/shared`]: {PolicyName: 'shared', document: {Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 's3:*', Resource: '*'}]}}}
  return account
}

describe('collecting a live account', () => {
  it('reads every page of every paginated API', async () => {
    const whole = await withFakeAws(sampleAccount(), {}, async () => (await auditLive([REGION])).inventory)
    const paged = await withFakeAws(sampleAccount(), {pageSize: SMALL_PAGES}, async (fake) => {
      const {inventory} = await auditLive([REGION])
      // ListQueues paginates only when MaxResults is sent.
      expect(fake.calls.filter((call) => call.action === 'sqs:ListQueues').length).toBeGreaterThan(2)
      expect(fake.calls.filter((call) => call.action === 'apigateway:GetRestApis').length).toBeGreaterThan(1)
      expect(fake.actions()).not.toContain('cloudformation:DescribeStackResources')
      return inventory
    })
    expect(ids(paged)).toEqual(ids(whole))
    expect(paged.nodes.filter((node) => node.type === 'AWS::SQS::Queue')).toHaveLength(7)
  })

  it('calls per-function APIs only where they tell something: policies for functions nothing else explains, invoke configs for async functions', async () => {
    await withFakeAws(sampleAccount(), {}, async (fake) => {
      await auditLive([REGION])
      const calls = fake.calls.filter((call) => call.action === 'lambda:GetPolicy' || call.action === 'lambda:ListFunctionEventInvokeConfigs')
      // bad-thumbnail is invoked by S3, known only from its policy; good-step only from the state machine definition.
      expect(fake.calls.filter((call) => call.action === 'lambda:GetPolicy')).toHaveLength(1)
      // Async: good-notify and bad-notify (SNS), good-handler and bad-handler (EventBridge), bad-thumbnail (S3).
      expect(fake.calls.filter((call) => call.action === 'lambda:ListFunctionEventInvokeConfigs')).toHaveLength(5)
      expect(calls.every((call) => call.status === 200 || call.status === 404)).toBe(true)
      expect(fake.actions().filter((action) => action.startsWith('lambda:'))).not.toContain('lambda:GetFunction')
    })
  })

  it('reads IAM in one paginated call for many roles, with URL-encoded documents decoded', async () => {
    await withFakeAws(manyRolesAccount(), {pageSize: SMALL_PAGES}, async (fake) => {
      const {inventory, findings} = await auditLive([REGION])
      expect(fake.actions()).toContain('iam:GetAccountAuthorizationDetails')
      expect(fake.actions()).not.toContain('iam:GetRole')
      const role = inventory.nodes.find((node) => node.id === ARN.role('extra-3-role'))!
      expect(role.props.Policies).toEqual([
        {PolicyName: 'with spaces & symbols', PolicyDocument: {Version: '2012-10-17', Statement: [{Sid: 'a b+c', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: ARN.queue('good-orders')}]}},
      ])
      expect(role.props.AssumeRolePolicyDocument).toMatchObject({Statement: [{Principal: {Service: 'lambda.amazonaws.com'}}]})
      expect(role.props.ManagedPolicyArns).toEqual(['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', `arn:aws:iam::${ACCOUNT}:policy/shared`])
      const shared = inventory.nodes.find((node) => node.id === `arn:aws:iam::${ACCOUNT}:policy/shared`)!
      expect(shared.props.PolicyDocument).toEqual({Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 's3:*', Resource: '*'}]})
      // The attached customer-managed policy's wildcard is found through the role.
      expect(findings.some((finding) => finding.ruleId === 'IAM001' && finding.resource?.arn === `arn:aws:iam::${ACCOUNT}:policy/shared`)).toBe(true)
    })
  })

  it('reads few roles one by one, with URL-encoded documents decoded', async () => {
    await withFakeAws(sampleAccount(), {}, async (fake) => {
      const {inventory} = await auditLive([REGION])
      expect(fake.actions()).not.toContain('iam:GetAccountAuthorizationDetails')
      const role = inventory.nodes.find((node) => node.id === ARN.role('bad-admin-role'))!
      expect(role.props.Policies).toContainEqual({PolicyName: 'everything', PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: '*', Resource: '*'}]}})
    })
  })

  it('falls back to per-role reads when GetAccountAuthorizationDetails is refused', async () => {
    await withFakeAws(manyRolesAccount(), {deny: ['iam:GetAccountAuthorizationDetails']}, async (fake) => {
      const {inventory} = await auditLive([REGION])
      expect(fake.actions()).toContain('iam:GetRole')
      expect(inventory.notChecked).toEqual([])
      expect(inventory.nodes.some((node) => node.id === ARN.role('extra-3-role'))).toBe(true)
    })
  })
})

describe('missing permissions', () => {
  it('reports a refused service as not checked with the action, and audits the rest', async () => {
    await withFakeAws(sampleAccount(), {deny: ['sqs:ListQueues']}, async () => {
      const {inventory, findings} = await auditLive([REGION])
      expect(inventory.notChecked).toEqual([expect.objectContaining({region: REGION, service: 'sqs', action: 'sqs:ListQueues'})])
      expect(findings.some((finding) => finding.ruleId.startsWith('SQS'))).toBe(false)
      expect(findings.some((finding) => finding.ruleId === 'LMB001' && finding.resource?.arn === ARN.fn('bad-untraced-worker'))).toBe(true)
      expect(findings.some((finding) => finding.ruleId === 'SFN001')).toBe(true)
    })
  })

  it('does not report missing alarms when alarms could not be read', async () => {
    await withFakeAws(sampleAccount(), {deny: ['cloudwatch:DescribeAlarms']}, async () => {
      const {inventory, findings} = await auditLive([REGION])
      expect(inventory.notChecked).toEqual([expect.objectContaining({service: 'cloudwatch', action: 'cloudwatch:DescribeAlarms'})])
      expect(findings.filter((finding) => finding.ruleId.startsWith('CWA') || finding.ruleId === 'SQS002')).toEqual([])
      expect(findings.some((finding) => finding.ruleId === 'SQS001')).toBe(true)
    })
  })

  it('counts resources whose detail read was refused, and does not judge them on partial facts', async () => {
    await withFakeAws(sampleAccount(), {deny: ['lambda:ListFunctionEventInvokeConfigs']}, async () => {
      const {inventory, findings} = await auditLive([REGION])
      expect(inventory.notChecked).toEqual([expect.objectContaining({service: 'lambda', action: 'lambda:ListFunctionEventInvokeConfigs', resources: 5})])
      // good-notify has an on-failure destination that could not be read: no false finding.
      expect(findings.filter((finding) => finding.ruleId === 'LMB002')).toEqual([])
      expect(findings.some((finding) => finding.ruleId === 'LMB001')).toBe(true)
    })
  })

  it('reports a refused region as not checked and audits the other region', async () => {
    const account = sampleAccount()
    account.regions['us-east-1'] = {
      functions: [{FunctionName: 'east', FunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:east`, Runtime: 'nodejs22.x', Role: ARN.role('good-worker-role'), TracingConfig: {Mode: 'PassThrough'}}],
    }
    const deny = ['lambda', 'sqs', 'sns', 'events', 'states', 'apigateway', 'cloudwatch', 'cloudformation'].map(
      (prefix) =>
        `us-east-1/${prefix}:${prefix === 'apigateway' ? 'GetRestApis' : prefix === 'cloudwatch' ? 'DescribeAlarms' : prefix === 'events' ? 'ListEventBuses' : prefix === 'states' ? 'ListStateMachines' : prefix === 'cloudformation' ? 'ListStacks' : prefix === 'sns' ? 'ListTopics' : prefix === 'sqs' ? 'ListQueues' : 'ListFunctions'}`,
    )
    await withFakeAws(account, {deny}, async () => {
      const {inventory, findings, outcome} = await auditLive([REGION, 'us-east-1'])
      expect(new Set(inventory.notChecked.map((entry) => entry.region))).toEqual(new Set(['us-east-1']))
      expect(inventory.notChecked.map((entry) => entry.service).sort()).toEqual(['apigateway', 'cloudformation', 'cloudwatch', 'eventbridge', 'lambda', 'sfn', 'sns', 'sqs'])
      expect(findings.some((finding) => finding.resource?.region === REGION)).toBe(true)
      expect(outcome.files.map((file) => file.file)).toEqual([REGION, 'us-east-1', 'global'])
    })
  })
})

describe('throttling', () => {
  it('survives throttled calls and Lambda rate limits with adaptive retries, and bounds concurrency per service', async () => {
    const expected = await withFakeAws(sampleAccount(), {}, async () => (await auditLive([REGION])).findings.map((f) => `${f.ruleId} ${f.resource?.id}`).sort())
    await withFakeAws(
      sampleAccount(),
      {
        throttleFirst: {'sqs:GetQueueAttributes': 4, 'lambda:ListFunctions': 2, 'cloudwatch:DescribeAlarms': 2, 'sns:ListTopics': 1, 'iam:GetRole': 3, 'apigateway:GetStages': 1},
        lambdaRate: {control: 3, GetPolicy: 3},
      },
      async (fake) => {
        const {findings, stats, inventory} = await auditLive([REGION], {clients: {concurrency: {sqs: 3}}})
        expect(inventory.notChecked).toEqual([])
        expect(findings.map((f) => `${f.ruleId} ${f.resource?.id}`).sort()).toEqual(expected)
        expect(stats.throttled).toBeGreaterThanOrEqual(10)
        expect(fake.calls.filter((call) => call.status === 429).length).toBeGreaterThanOrEqual(2)
        expect(fake.peakConcurrency.sqs).toBeLessThanOrEqual(3)
      },
    )
  })
})

describe('function URLs', () => {
  /** An account with one function behind a public URL, its resource policy as Lambda writes it for that URL. */
  function urlAccount(urls: Array<Record<string, unknown>>): FakeAccount {
    const account = sampleAccount()
    const region = account.regions[REGION]!
    region.functions!.push({FunctionName: 'webhook', FunctionArn: ARN.fn('webhook'), Runtime: 'nodejs22.x', Role: ARN.role('good-worker-role'), Timeout: 10, MemorySize: 256, TracingConfig: {Mode: 'Active'}})
    region.policies = {
      ...region.policies,
      webhook: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'FunctionUrlAllowPublicAccess',
            Effect: 'Allow',
            Principal: '*',
            Action: 'lambda:InvokeFunctionUrl',
            Resource: ARN.fn('webhook'),
            Condition: {StringEquals: {'lambda:FunctionUrlAuthType': 'NONE'}},
          },
          {Sid: 'FunctionUrlAllowInvokeAction', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: ARN.fn('webhook'), Condition: {Bool: {'lambda:InvokedViaFunctionUrl': 'true'}}},
        ],
      },
    }
    region.functionUrls = {webhook: urls}
    return account
  }
  const publicUrl = {FunctionUrl: 'https://abc123.lambda-url.eu-west-1.on.aws/', FunctionArn: ARN.fn('webhook'), AuthType: 'NONE', CreationTime: '2026-01-01T00:00:00Z', LastModifiedTime: '2026-01-01T00:00:00Z'}
  const webhookFindings = (findings: Array<{ruleId: string; resource?: {id?: string}}>, rule: string) =>
    findings.filter((finding) => finding.ruleId === rule && finding.resource?.id?.startsWith(ARN.fn('webhook')))

  it('reads the URL of a function whose policy admits URL callers, so the permissions a public URL needs are not reported as public permissions', async () => {
    await withFakeAws(urlAccount([publicUrl]), {}, async (fake) => {
      const {inventory, findings} = await auditLive([REGION])
      expect(inventory.nodes.filter((node) => node.type === 'AWS::Lambda::Url').map((node) => node.props)).toEqual([{TargetFunctionArn: ARN.fn('webhook'), AuthType: 'NONE'}])
      expect(webhookFindings(findings, 'LMB022')).toEqual([])
      // Only the function whose policy mentions URLs costs the extra call.
      expect(fake.calls.filter((call) => call.action === 'lambda:ListFunctionUrlConfigs')).toHaveLength(1)
    })
  })

  it('still reports a URL permission open to everyone when the function has no public URL to explain it', async () => {
    await withFakeAws(urlAccount([]), {}, async () => {
      const {findings} = await auditLive([REGION])
      expect(webhookFindings(findings, 'LMB022').map((finding) => finding.ruleId)).toEqual(['LMB022', 'LMB022'])
    })
  })
})
