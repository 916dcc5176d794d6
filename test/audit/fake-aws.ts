// A small fake AWS on loopback that speaks the wire protocols the installed SDK clients use (REST-JSON, JSON 1.0/1.1, Query and EC2 XML), for audit tests and benchmarks.
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'

/** Per-region resources, stored in the shapes the APIs return. */
export interface FakeRegion {
  functions?: Array<Record<string, unknown>>
  /** Resource policies by function name. */
  policies?: Record<string, Record<string, unknown>>
  /** Function URL configs by function name. */
  functionUrls?: Record<string, Array<Record<string, unknown>>>
  /** Event invoke configs by function name. */
  invokeConfigs?: Record<string, Array<Record<string, unknown>>>
  eventSourceMappings?: Array<Record<string, unknown>>
  /** Queue attributes by queue URL. */
  queues?: Record<string, Record<string, string>>
  /** Topic attributes by topic ARN. */
  topics?: Record<string, Record<string, string>>
  subscriptions?: Array<{SubscriptionArn: string; TopicArn: string; Protocol: string; Endpoint: string; Owner?: string; attributes?: Record<string, string>}>
  buses?: Array<Record<string, unknown>>
  archives?: Array<Record<string, unknown>>
  rules?: Array<Record<string, unknown> & {Targets?: Array<Record<string, unknown>>}>
  stateMachines?: Array<Record<string, unknown>>
  restApis?: Array<Record<string, unknown> & {stages?: Array<Record<string, unknown>>; resources?: Array<Record<string, unknown>>}>
  httpApis?: Array<Record<string, unknown> & {stages?: Array<Record<string, unknown>>; routes?: Array<Record<string, unknown>>; integrations?: Array<Record<string, unknown>>}>
  metricAlarms?: Array<Record<string, unknown>>
  compositeAlarms?: Array<Record<string, unknown>>
  stacks?: Array<{StackName: string; StackId?: string; RootId?: string; resources: Array<{LogicalResourceId: string; PhysicalResourceId: string; ResourceType: string}>; template?: string}>
}

export interface FakeRole {
  RoleName: string
  Arn: string
  Path?: string
  AssumeRolePolicyDocument: Record<string, unknown>
  inline?: Record<string, Record<string, unknown>>
  attached?: string[]
}

export interface FakeAccount {
  accountId: string
  regions: Record<string, FakeRegion>
  roles?: FakeRole[]
  /** Customer-managed policies by ARN. */
  managedPolicies?: Record<string, {PolicyName: string; document: Record<string, unknown>}>
}

/** A member account of the fake organisation, reached by assuming its role. */
export interface FakeMember {
  account: FakeAccount
  /** False: sts:AssumeRole into this account is refused (a missing role or a trust policy that does not allow the caller). */
  assumable?: boolean
  /** Regions the account has not opted in to: listed by DescribeRegions as not-opted-in, and every call there is refused. */
  disabledRegions?: string[]
  /** Actions refused in this account, as an SCP would ("sqs:GetQueueAttributes" or "eu-west-1/sqs:ListQueues"). */
  deny?: string[]
}

/**
 * An AWS organisation: Organizations lists `accounts` (and OUs), sts:AssumeRole of `roleName` in a member yields
 * credentials (access key ASIAFAKE<account id>) the fake recognises on later calls, which then read that member.
 */
export interface FakeOrganization {
  roleName: string
  accounts: Array<{id: string; name: string; parent?: string; state?: string}>
  ous?: Array<{id: string; parent: string}>
  member(id: string): FakeMember | undefined
}

export interface FakeOptions {
  /** The organisation the caller's account manages. */
  organization?: FakeOrganization
  /** Delay before each answer, like a real round trip. */
  latencyMs?: number
  /** Refused IAM actions, e.g. "sqs:GetQueueAttributes", or "eu-west-1/lambda:ListFunctions" for one region. */
  deny?: string[]
  /** Page sizes the fake uses at most, by action (e.g. "lambda:ListFunctions": 2), to exercise pagination. */
  pageSize?: Record<string, number>
  /** Lambda's quotas: requests per second per region for GetPolicy, GetFunction and the rest of the control plane. */
  lambdaRate?: {control: number; GetPolicy: number}
  /** Throttle the first N calls of an action (e.g. {"sqs:GetQueueAttributes": 3}). */
  throttleFirst?: Record<string, number>
}

export interface CallRecord {
  /** The account the call read (the caller's, or a member's through an assumed role). */
  account: string
  region: string
  action: string
  status: number
}

export interface FakeAws {
  url: string
  calls: CallRecord[]
  /** Actions the SDK sent, e.g. lambda:ListFunctions. */
  actions(): string[]
  close(): Promise<void>
  /** Highest number of requests in flight at once, per service. */
  peakConcurrency: Record<string, number>
}

const SERVICE_PREFIX: Record<string, string> = {
  lambda: 'lambda',
  sqs: 'sqs',
  sns: 'sns',
  events: 'events',
  states: 'states',
  apigateway: 'apigateway',
  monitoring: 'cloudwatch',
  iam: 'iam',
  cloudformation: 'cloudformation',
  sts: 'sts',
  ec2: 'ec2',
  organizations: 'organizations',
}

class FakeError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

class Bucket {
  private tokens: number
  private last = performance.now()
  constructor(private readonly rate: number) {
    this.tokens = rate
  }
  take(): boolean {
    const now = performance.now()
    this.tokens = Math.min(this.rate, this.tokens + ((now - this.last) / 1000) * this.rate)
    this.last = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}

export async function startFakeAws(account: FakeAccount, options: FakeOptions = {}): Promise<FakeAws> {
  const calls: CallRecord[] = []
  const inFlight: Record<string, number> = {}
  const peakConcurrency: Record<string, number> = {}
  const buckets = new Map<string, Bucket>()
  const throttled = new Map<string, number>()

  const handler = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readBody(request)
    const scope = /Credential=[^/]+\/\d+\/([^/]+)\/([^/]+)\/aws4_request/.exec(String(request.headers.authorization ?? ''))
    const region = scope?.[1] ?? 'us-east-1'
    const service = scope?.[2] ?? 'unknown'
    // Assumed-role credentials name their account: ASIAFAKE<account id>.
    const key = /Credential=([^/]+)\//.exec(String(request.headers.authorization ?? ''))?.[1] ?? ''
    const memberId = key.startsWith('ASIAFAKE') ? key.slice('ASIAFAKE'.length) : undefined
    const member = memberId ? options.organization?.member(memberId) : undefined
    const current = member?.account ?? account
    const deny = [...(options.deny ?? []), ...(member?.deny ?? [])]
    const prefix = SERVICE_PREFIX[service] ?? service
    inFlight[prefix] = (inFlight[prefix] ?? 0) + 1
    peakConcurrency[prefix] = Math.max(peakConcurrency[prefix] ?? 0, inFlight[prefix]!)
    let action = `${prefix}:?`
    let protocol: Protocol = 'query'
    try {
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs))
      const route = routeOf(service, request, body)
      protocol = route.protocol
      action = `${prefix}:${route.operation}`
      if (memberId && !member) throw new FakeError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.')
      if (action === 'sts:AssumeRole') {
        const result = assumeRole(options.organization, route.params, account.accountId)
        send(response, protocol, prefix, route.operation, 200, result)
        calls.push({account: current.accountId, region, action, status: 200})
        return
      }
      if (!['Get', 'List', 'Describe'].some((verb) => route.operation.startsWith(verb))) throw new FakeError(400, 'InvalidAction', `fake AWS refuses ${action}: not read-only`)
      if (member?.disabledRegions?.includes(region) && prefix !== 'ec2') throw new FakeError(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.')
      if (deny.some((entry) => entry === action || entry === `${region}/${action}`)) {
        throw new FakeError(403, accessDeniedCode(prefix), `User: arn:aws:iam::${current.accountId}:user/test is not authorized to perform: ${action}`)
      }
      const left = options.throttleFirst?.[action]
      if (left !== undefined && (throttled.get(action) ?? 0) < left) {
        throttled.set(action, (throttled.get(action) ?? 0) + 1)
        throw throttleError(prefix)
      }
      if (prefix === 'lambda' && options.lambdaRate) {
        const kind = route.operation === 'GetPolicy' ? 'GetPolicy' : 'control'
        const bucketKey = `${current.accountId}|${region}|${kind}`
        let bucket = buckets.get(bucketKey)
        if (!bucket) buckets.set(bucketKey, (bucket = new Bucket(options.lambdaRate[kind])))
        if (!bucket.take()) throw throttleError(prefix)
      }
      const data = current.regions[region] ?? {}
      const result = prefix === 'organizations' ? organizations(options.organization, route) : answer(prefix, route, data, current, region, options, member)
      send(response, protocol, prefix, route.operation, 200, result)
      calls.push({account: current.accountId, region, action, status: 200})
    } catch (error) {
      const fake = error instanceof FakeError ? error : new FakeError(500, 'InternalFailure', String(error))
      calls.push({account: current.accountId, region, action, status: fake.status})
      sendError(response, protocol, prefix, fake)
    } finally {
      inFlight[prefix]!--
    }
  }
  const server: Server = createServer((request, response) => {
    handler(request, response).catch((error: unknown) => {
      response.statusCode = 500
      response.end(String(error))
    })
  })
  server.keepAliveTimeout = 1000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    peakConcurrency,
    actions: () => [...new Set(calls.map((call) => call.action))].sort(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function accessDeniedCode(prefix: string): string {
  switch (prefix) {
    case 'sns':
      return 'AuthorizationError'
    case 'ec2':
      return 'UnauthorizedOperation'
    case 'iam':
    case 'cloudformation':
    case 'sts':
      return 'AccessDenied'
    default:
      return 'AccessDeniedException'
  }
}

function throttleError(prefix: string): FakeError {
  if (prefix === 'lambda') return new FakeError(429, 'TooManyRequestsException', 'Rate exceeded')
  if (['sns', 'iam', 'cloudformation', 'sts'].includes(prefix)) return new FakeError(400, 'Throttling', 'Rate exceeded')
  if (prefix === 'ec2') return new FakeError(503, 'RequestLimitExceeded', 'Request limit exceeded.')
  if (prefix === 'sqs') return new FakeError(400, 'RequestThrottled', 'Rate exceeded')
  return new FakeError(400, 'ThrottlingException', 'Rate exceeded')
}

type Protocol = 'rest-json' | 'json' | 'query' | 'ec2'

interface Route {
  protocol: Protocol
  operation: string
  /** Query-string or form parameters, or the JSON body. */
  params: Record<string, unknown>
  /** Path parameters of REST routes. */
  path: string[]
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function routeOf(service: string, request: IncomingMessage, body: string): Route {
  const url = new URL(request.url ?? '/', 'http://fake')
  const query = Object.fromEntries(url.searchParams.entries())
  const target = request.headers['x-amz-target']
  if (typeof target === 'string') {
    return {protocol: 'json', operation: target.split('.').pop()!, params: body ? (JSON.parse(body) as Record<string, unknown>) : {}, path: []}
  }
  if (service === 'lambda' || service === 'apigateway') {
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent)
    return {protocol: 'rest-json', operation: restOperation(service, segments), params: query, path: segments}
  }
  const form = Object.fromEntries(new URLSearchParams(body).entries())
  return {protocol: service === 'ec2' ? 'ec2' : 'query', operation: form.Action ?? '?', params: form, path: []}
}

function restOperation(service: string, s: string[]): string {
  if (service === 'lambda') {
    if (s[1] === 'functions' && s.length === 2) return 'ListFunctions'
    if (s[1] === 'event-source-mappings') return 'ListEventSourceMappings'
    if (s[1] === 'functions' && s[3] === 'event-invoke-config') return 'ListFunctionEventInvokeConfigs'
    if (s[1] === 'functions' && s[3] === 'policy') return 'GetPolicy'
    if (s[1] === 'functions' && s[3] === 'urls') return 'ListFunctionUrlConfigs'
    if (s[1] === 'functions' && s.length === 3) return 'GetFunction'
    return `Unknown(${s.join('/')})`
  }
  if (s[0] === 'restapis' && s.length === 1) return 'GetRestApis'
  if (s[0] === 'restapis' && s[2] === 'stages') return 'GetStages'
  if (s[0] === 'restapis' && s[2] === 'resources') return 'GetResources'
  if (s[0] === 'v2' && s[1] === 'apis' && s.length === 2) return 'GetApis'
  if (s[0] === 'v2' && s[3] === 'stages') return 'GetStages'
  if (s[0] === 'v2' && s[3] === 'routes') return 'GetRoutes'
  if (s[0] === 'v2' && s[3] === 'integrations') return 'GetIntegrations'
  return `Unknown(${s.join('/')})`
}

/** One page of `items` from the token (an offset) given, at most `size` long. */
function page<T>(items: T[], token: unknown, size: number): {items: T[]; next?: string} {
  const start = typeof token === 'string' && token !== '' ? Number(token) : 0
  const end = start + size
  return {items: items.slice(start, end), next: end < items.length ? String(end) : undefined}
}

function sizeOf(options: FakeOptions, action: string, requested: unknown, fallback: number): number {
  const asked = requested === undefined ? fallback : Number(requested)
  return Math.min(asked, options.pageSize?.[action] ?? asked)
}

function notFound(what: string, code = 'ResourceNotFoundException'): FakeError {
  return new FakeError(404, code, `${what} not found`)
}

function lambdaFunction(data: FakeRegion, nameOrArn: string): Record<string, unknown> {
  const name = nameOrArn.includes(':function:') ? nameOrArn.split(':')[6]! : nameOrArn
  const fn = (data.functions ?? []).find((f) => f.FunctionName === name)
  if (!fn) throw notFound(`Function ${name}`)
  return fn
}

/** sts:AssumeRole into a member of the organisation: credentials naming the account, or AccessDenied. */
function assumeRole(organization: FakeOrganization | undefined, params: Record<string, unknown>, caller: string): unknown {
  const arn = typeof params.RoleArn === 'string' ? params.RoleArn : ''
  const session = typeof params.RoleSessionName === 'string' ? params.RoleSessionName : ''
  const [, accountId, roleName] = /^arn:aws:iam::(\d{12}):role\/(.+)$/.exec(arn) ?? []
  const member = accountId ? organization?.member(accountId) : undefined
  if (!member || member.assumable === false || roleName !== organization?.roleName) {
    throw new FakeError(403, 'AccessDenied', `User: arn:aws:iam::${caller}:user/test is not authorized to perform: sts:AssumeRole on resource: ${arn}`)
  }
  if (!/^[\w+=,.@-]{2,64}$/.test(session)) throw new FakeError(400, 'ValidationError', 'invalid RoleSessionName')
  return {
    Credentials: {AccessKeyId: `ASIAFAKE${accountId}`, SecretAccessKey: 'fake-secret', SessionToken: `session-${accountId}`, Expiration: new Date(Date.now() + 3600_000).toISOString()},
    AssumedRoleUser: {AssumedRoleId: `AROAFAKE:${session}`, Arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${session}`},
  }
}

/** Organizations: ListAccounts, ListAccountsForParent and ListChildren, paginated by 20 as the service does. */
function organizations(organization: FakeOrganization | undefined, route: Route): unknown {
  if (!organization) throw new FakeError(400, 'AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.')
  const p = route.params
  const shape = (entry: FakeOrganization['accounts'][number]) => ({
    Id: entry.id,
    Name: entry.name,
    Arn: `arn:aws:organizations::000000000000:account/o-fake/${entry.id}`,
    Email: `${entry.id}@example.com`,
    State: entry.state ?? 'ACTIVE',
  })
  switch (route.operation) {
    case 'ListAccounts': {
      const {items, next} = page(organization.accounts, p.NextToken, Number(p.MaxResults ?? 20))
      return {Accounts: items.map(shape), NextToken: next}
    }
    case 'ListAccountsForParent': {
      const {items, next} = page(
        organization.accounts.filter((entry) => (entry.parent ?? 'r-root') === p.ParentId),
        p.NextToken,
        Number(p.MaxResults ?? 20),
      )
      return {Accounts: items.map(shape), NextToken: next}
    }
    case 'ListChildren': {
      const children = p.ChildType === 'ORGANIZATIONAL_UNIT' ? (organization.ous ?? []).filter((ou) => ou.parent === p.ParentId).map((ou) => ({Id: ou.id, Type: 'ORGANIZATIONAL_UNIT'})) : []
      const {items, next} = page(children, p.NextToken, Number(p.MaxResults ?? 20))
      return {Children: items, NextToken: next}
    }
    default:
      throw new FakeError(400, 'InvalidAction', `fake AWS does not implement organizations:${route.operation}`)
  }
}

function answer(prefix: string, route: Route, data: FakeRegion, account: FakeAccount, region: string, options: FakeOptions, member?: FakeMember): unknown {
  const p = route.params
  const action = `${prefix}:${route.operation}`
  switch (action) {
    case 'sts:GetCallerIdentity':
      return {Account: account.accountId, Arn: `arn:aws:iam::${account.accountId}:user/test`, UserId: 'AIDATEST'}
    case 'ec2:DescribeRegions':
      return {
        regionInfo: [
          ...Object.keys(account.regions).map((name) => ({regionName: name, regionEndpoint: `ec2.${name}.amazonaws.com`, optInStatus: 'opt-in-not-required'})),
          ...(member?.disabledRegions ?? []).map((name) => ({regionName: name, regionEndpoint: `ec2.${name}.amazonaws.com`, optInStatus: 'not-opted-in'})),
        ],
      }
    case 'lambda:ListFunctions': {
      const {items, next} = page(data.functions ?? [], p.Marker, sizeOf(options, action, p.MaxItems, 50))
      return {Functions: items, NextMarker: next}
    }
    case 'lambda:ListEventSourceMappings': {
      const {items, next} = page(data.eventSourceMappings ?? [], p.Marker, sizeOf(options, action, p.MaxItems, 100))
      return {EventSourceMappings: items, NextMarker: next}
    }
    case 'lambda:ListFunctionEventInvokeConfigs': {
      const fn = lambdaFunction(data, route.path[2]!)
      const {items, next} = page(data.invokeConfigs?.[fn.FunctionName as string] ?? [], p.Marker, sizeOf(options, action, p.MaxItems, 50))
      return {FunctionEventInvokeConfigs: items, NextMarker: next}
    }
    case 'lambda:ListFunctionUrlConfigs': {
      const fn = lambdaFunction(data, route.path[2]!)
      const {items, next} = page(data.functionUrls?.[fn.FunctionName as string] ?? [], p.Marker, sizeOf(options, action, p.MaxItems, 50))
      return {FunctionUrlConfigs: items, NextMarker: next}
    }
    case 'lambda:GetPolicy': {
      const fn = lambdaFunction(data, route.path[2]!)
      const policy = data.policies?.[fn.FunctionName as string]
      if (!policy) throw notFound('The resource you requested does not exist.')
      return {Policy: JSON.stringify(policy), RevisionId: '1'}
    }
    case 'sqs:ListQueues': {
      const urls = Object.keys(data.queues ?? {})
      // Like SQS: without MaxResults at most 1,000 queues and never a NextToken.
      if (p.MaxResults === undefined) return {QueueUrls: urls.slice(0, 1000)}
      const {items, next} = page(urls, p.NextToken, sizeOf(options, action, p.MaxResults, 1000))
      return {QueueUrls: items, NextToken: next}
    }
    case 'sqs:GetQueueAttributes': {
      const attributes = data.queues?.[p.QueueUrl as string]
      if (!attributes) throw new FakeError(400, 'QueueDoesNotExist', 'The specified queue does not exist.')
      return {Attributes: attributes}
    }
    case 'sns:ListTopics': {
      const {items, next} = page(Object.keys(data.topics ?? {}), p.NextToken, sizeOf(options, action, undefined, 100))
      return {Topics: items.map((TopicArn) => ({TopicArn})), NextToken: next}
    }
    case 'sns:GetTopicAttributes': {
      const attributes = data.topics?.[p.TopicArn as string]
      if (!attributes) throw notFound('Topic', 'NotFound')
      return {Attributes: {TopicArn: p.TopicArn as string, ...attributes}}
    }
    case 'sns:ListSubscriptions': {
      const {items, next} = page(data.subscriptions ?? [], p.NextToken, sizeOf(options, action, undefined, 100))
      return {Subscriptions: items.map(({attributes: _attributes, ...summary}) => ({Owner: account.accountId, ...summary})), NextToken: next}
    }
    case 'sns:GetSubscriptionAttributes': {
      const subscription = (data.subscriptions ?? []).find((s) => s.SubscriptionArn === p.SubscriptionArn)
      if (!subscription) throw notFound('Subscription', 'NotFound')
      return {Attributes: {SubscriptionArn: subscription.SubscriptionArn, TopicArn: subscription.TopicArn, Protocol: subscription.Protocol, Endpoint: subscription.Endpoint, ...subscription.attributes}}
    }
    case 'events:ListEventBuses': {
      const buses = data.buses ?? [{Name: 'default', Arn: `arn:aws:events:${region}:${account.accountId}:event-bus/default`}]
      const {items, next} = page(buses, p.NextToken, sizeOf(options, action, p.Limit, 100))
      return {EventBuses: items, NextToken: next}
    }
    case 'events:ListArchives': {
      const {items, next} = page(data.archives ?? [], p.NextToken, sizeOf(options, action, p.Limit, 100))
      return {Archives: items, NextToken: next}
    }
    case 'events:ListRules': {
      const rules = (data.rules ?? []).filter((rule) => (rule.EventBusName ?? 'default') === (p.EventBusName ?? 'default'))
      const {items, next} = page(rules, p.NextToken, sizeOf(options, action, p.Limit, 100))
      return {Rules: items.map(({Targets: _targets, ...rule}) => rule), NextToken: next}
    }
    case 'events:ListTargetsByRule': {
      const rule = (data.rules ?? []).find((r) => r.Name === p.Rule && (r.EventBusName ?? 'default') === (p.EventBusName ?? 'default'))
      if (!rule) throw new FakeError(400, 'ResourceNotFoundException', `Rule ${String(p.Rule)} does not exist.`)
      const {items, next} = page(rule.Targets ?? [], p.NextToken, sizeOf(options, action, p.Limit, 100))
      return {Targets: items, NextToken: next}
    }
    case 'states:ListStateMachines': {
      const {items, next} = page(data.stateMachines ?? [], p.nextToken, sizeOf(options, action, p.maxResults, 100))
      return {stateMachines: items.map((m) => ({stateMachineArn: m.stateMachineArn, name: m.name, type: m.type ?? 'STANDARD', creationDate: 1700000000})), nextToken: next}
    }
    case 'states:DescribeStateMachine': {
      const machine = (data.stateMachines ?? []).find((m) => m.stateMachineArn === p.stateMachineArn)
      if (!machine) throw new FakeError(400, 'StateMachineDoesNotExist', 'State Machine Does Not Exist')
      return {status: 'ACTIVE', type: 'STANDARD', creationDate: 1700000000, ...machine}
    }
    case 'cloudwatch:DescribeAlarms': {
      const types = (p.AlarmTypes as string[] | undefined) ?? ['MetricAlarm']
      const all: Array<['metric' | 'composite', Record<string, unknown>]> = [
        ...(types.includes('MetricAlarm') ? (data.metricAlarms ?? []).map((a): ['metric', Record<string, unknown>] => ['metric', a]) : []),
        ...(types.includes('CompositeAlarm') ? (data.compositeAlarms ?? []).map((a): ['composite', Record<string, unknown>] => ['composite', a]) : []),
      ]
      const {items, next} = page(all, p.NextToken, sizeOf(options, action, p.MaxRecords, 50))
      return {MetricAlarms: items.filter(([kind]) => kind === 'metric').map(([, a]) => a), CompositeAlarms: items.filter(([kind]) => kind === 'composite').map(([, a]) => a), NextToken: next}
    }
    case 'apigateway:GetRestApis': {
      const {items, next} = page(data.restApis ?? [], p.position, sizeOf(options, action, p.limit, 25))
      return {item: items.map(({stages: _s, resources: _r, ...api}) => api), position: next}
    }
    case 'apigateway:GetStages': {
      if (route.path[0] === 'v2') {
        const api = (data.httpApis ?? []).find((a) => a.apiId === route.path[2])
        if (!api) throw notFound('Api', 'NotFoundException')
        return {items: api.stages ?? []}
      }
      const api = (data.restApis ?? []).find((a) => a.id === route.path[1])
      if (!api) throw notFound('RestApi', 'NotFoundException')
      return {item: api.stages ?? []}
    }
    case 'apigateway:GetResources': {
      const api = (data.restApis ?? []).find((a) => a.id === route.path[1])
      if (!api) throw notFound('RestApi', 'NotFoundException')
      const {items, next} = page(api.resources ?? [], p.position, sizeOf(options, action, p.limit, 25))
      return {item: items, position: next}
    }
    case 'apigateway:GetApis': {
      const {items, next} = page(data.httpApis ?? [], p.nextToken, sizeOf(options, action, p.maxResults, 25))
      return {items: items.map(({stages: _s, routes: _r, integrations: _i, ...api}) => api), nextToken: next}
    }
    case 'apigateway:GetRoutes':
    case 'apigateway:GetIntegrations': {
      const api = (data.httpApis ?? []).find((a) => a.apiId === route.path[2])
      if (!api) throw notFound('Api', 'NotFoundException')
      return {items: (route.operation === 'GetRoutes' ? api.routes : api.integrations) ?? []}
    }
    case 'cloudformation:ListStacks': {
      const {items, next} = page(data.stacks ?? [], p.NextToken, sizeOf(options, action, undefined, 100))
      return {
        StackSummaries: items.map((stack) => ({
          StackName: stack.StackName,
          StackId: stack.StackId ?? stackId(region, account.accountId, stack.StackName),
          StackStatus: 'UPDATE_COMPLETE',
          CreationTime: '2024-01-01T00:00:00Z',
          RootId: stack.RootId,
        })),
        NextToken: next,
      }
    }
    case 'cloudformation:ListStackResources': {
      const stack = findStack(data, region, account.accountId, p.StackName as string)
      const {items, next} = page(stack.resources, p.NextToken, sizeOf(options, action, undefined, 100))
      return {
        StackResourceSummaries: items.map((resource) => ({...resource, ResourceStatus: 'CREATE_COMPLETE', LastUpdatedTimestamp: '2024-01-01T00:00:00Z'})),
        NextToken: next,
      }
    }
    case 'cloudformation:GetTemplate': {
      const stack = findStack(data, region, account.accountId, p.StackName as string)
      return {TemplateBody: stack.template ?? '{"Resources":{}}', StagesAvailable: ['Original', 'Processed']}
    }
    case 'iam:GetAccountAuthorizationDetails': {
      const {items, next} = page(account.roles ?? [], p.Marker, sizeOf(options, action, p.MaxItems, 100))
      const policies = next === undefined ? Object.entries(account.managedPolicies ?? {}) : []
      return {
        RoleDetailList: items.map((role) => ({
          RoleName: role.RoleName,
          Arn: role.Arn,
          Path: role.Path ?? '/',
          RoleId: `AROA${role.RoleName.toUpperCase()}`,
          CreateDate: '2024-01-01T00:00:00Z',
          AssumeRolePolicyDocument: encodePolicy(role.AssumeRolePolicyDocument),
          RolePolicyList: Object.entries(role.inline ?? {}).map(([PolicyName, document]) => ({PolicyName, PolicyDocument: encodePolicy(document)})),
          AttachedManagedPolicies: (role.attached ?? []).map((PolicyArn) => ({PolicyArn, PolicyName: PolicyArn.split('/').pop()})),
        })),
        Policies: policies.map(([Arn, policy]) => ({
          Arn,
          PolicyName: policy.PolicyName,
          DefaultVersionId: 'v1',
          PolicyVersionList: [{VersionId: 'v1', IsDefaultVersion: 'true', Document: encodePolicy(policy.document)}],
        })),
        IsTruncated: next !== undefined ? 'true' : 'false',
        Marker: next,
      }
    }
    case 'iam:GetRole': {
      const role = (account.roles ?? []).find((r) => r.RoleName === p.RoleName)
      if (!role) throw new FakeError(404, 'NoSuchEntity', `The role with name ${String(p.RoleName)} cannot be found.`)
      return {
        Role: {RoleName: role.RoleName, Arn: role.Arn, Path: role.Path ?? '/', RoleId: 'AROATEST', CreateDate: '2024-01-01T00:00:00Z', AssumeRolePolicyDocument: encodePolicy(role.AssumeRolePolicyDocument)},
      }
    }
    case 'iam:ListRolePolicies': {
      const role = (account.roles ?? []).find((r) => r.RoleName === p.RoleName)
      const {items, next} = page(Object.keys(role?.inline ?? {}), p.Marker, sizeOf(options, action, p.MaxItems, 100))
      return {PolicyNames: items, IsTruncated: next ? 'true' : 'false', Marker: next}
    }
    case 'iam:GetRolePolicy': {
      const role = (account.roles ?? []).find((r) => r.RoleName === p.RoleName)
      const document = role?.inline?.[p.PolicyName as string]
      if (!document) throw new FakeError(404, 'NoSuchEntity', 'no such policy')
      return {RoleName: p.RoleName, PolicyName: p.PolicyName, PolicyDocument: encodePolicy(document)}
    }
    case 'iam:ListAttachedRolePolicies': {
      const role = (account.roles ?? []).find((r) => r.RoleName === p.RoleName)
      const {items, next} = page(role?.attached ?? [], p.Marker, sizeOf(options, action, p.MaxItems, 100))
      return {AttachedPolicies: items.map((PolicyArn) => ({PolicyArn, PolicyName: PolicyArn.split('/').pop()})), IsTruncated: next ? 'true' : 'false', Marker: next}
    }
    case 'iam:GetPolicy': {
      const policy = account.managedPolicies?.[p.PolicyArn as string]
      if (!policy) throw new FakeError(404, 'NoSuchEntity', 'no such policy')
      return {Policy: {Arn: p.PolicyArn, PolicyName: policy.PolicyName, DefaultVersionId: 'v1'}}
    }
    case 'iam:GetPolicyVersion': {
      const policy = account.managedPolicies?.[p.PolicyArn as string]
      if (!policy) throw new FakeError(404, 'NoSuchEntity', 'no such policy')
      return {PolicyVersion: {VersionId: 'v1', IsDefaultVersion: 'true', Document: encodePolicy(policy.document)}}
    }
    default:
      throw new FakeError(400, 'InvalidAction', `fake AWS does not implement ${action}`)
  }
}

function stackId(region: string, accountId: string, name: string): string {
  return `arn:aws:cloudformation:${region}:${accountId}:stack/${name}/00000000-0000-0000-0000-000000000000`
}

function findStack(data: FakeRegion, region: string, accountId: string, nameOrId: string): NonNullable<FakeRegion['stacks']>[number] {
  const stack = (data.stacks ?? []).find((s) => s.StackName === nameOrId || (s.StackId ?? stackId(region, accountId, s.StackName)) === nameOrId)
  if (!stack) throw new FakeError(400, 'ValidationError', `Stack with id ${nameOrId} does not exist`)
  return stack
}

/** IAM returns policy documents URL-encoded, as RFC 3986 does it. */
export function encodePolicy(document: Record<string, unknown>): string {
  return encodeURIComponent(JSON.stringify(document))
}

const XML_NAMESPACE: Record<string, string> = {
  sns: 'http://sns.amazonaws.com/doc/2010-03-31/',
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  cloudformation: 'http://cloudformation.amazonaws.com/doc/2010-05-15/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  ec2: 'http://ec2.amazonaws.com/doc/2016-11-15/',
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}

/** Query-protocol XML: lists as <member> (EC2: <item>), string maps as <entry><key/><value/></entry>. */
function toXml(value: unknown, listItem: string, key?: string): string {
  if (value === undefined || value === null) return ''
  if (Array.isArray(value)) return value.map((item) => `<${listItem}>${toXml(item, listItem)}</${listItem}>`).join('')
  if (typeof value === 'object') {
    // SNS attribute maps are the only maps these responses carry.
    if (key === 'Attributes')
      return Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `<entry><key>${escapeXml(k)}</key><value>${escapeXml(String(v))}</value></entry>`)
        .join('')
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${toXml(v, listItem, k)}</${k}>`)
      .join('')
  }
  return escapeXml(typeof value === 'object' ? JSON.stringify(value) : String(value as string | number | boolean))
}

function send(response: ServerResponse, protocol: Protocol, prefix: string, operation: string, status: number, result: unknown): void {
  response.statusCode = status
  response.setHeader('x-amzn-requestid', 'fake-request')
  if (protocol === 'rest-json' || protocol === 'json') {
    response.setHeader('content-type', protocol === 'json' ? 'application/x-amz-json-1.0' : 'application/json')
    response.end(JSON.stringify(result))
    return
  }
  response.setHeader('content-type', 'text/xml')
  const ns = XML_NAMESPACE[prefix] ?? ''
  if (protocol === 'ec2') {
    response.end(`<?xml version="1.0" encoding="UTF-8"?><${operation}Response xmlns="${ns}"><requestId>fake-request</requestId>${toXml(result, 'item')}</${operation}Response>`)
    return
  }
  response.end(
    `<?xml version="1.0"?><${operation}Response xmlns="${ns}"><${operation}Result>${toXml(result, 'member')}</${operation}Result><ResponseMetadata><RequestId>fake-request</RequestId></ResponseMetadata></${operation}Response>`,
  )
}

function sendError(response: ServerResponse, protocol: Protocol, prefix: string, error: FakeError): void {
  response.statusCode = error.status
  if (protocol === 'rest-json') {
    response.setHeader('content-type', 'application/json')
    response.setHeader('x-amzn-errortype', `${error.code}:http://internal.amazon.com/coral/com.amazonaws.fake/`)
    response.end(JSON.stringify({Type: 'User', message: error.message}))
    return
  }
  if (protocol === 'json') {
    response.setHeader('content-type', 'application/x-amz-json-1.0')
    // SQS and CloudWatch speak JSON but keep their Query error codes in this header.
    if (prefix === 'sqs' || prefix === 'cloudwatch') response.setHeader('x-amzn-query-error', `${error.code === 'AccessDeniedException' ? 'AccessDenied' : error.code};Sender`)
    response.end(JSON.stringify({__type: `com.amazonaws.fake#${error.code}`, message: error.message}))
    return
  }
  response.setHeader('content-type', 'text/xml')
  if (protocol === 'ec2') {
    response.end(
      `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message></Error></Errors><RequestID>fake-request</RequestID></Response>`,
    )
    return
  }
  response.end(
    `<?xml version="1.0"?><ErrorResponse xmlns="${XML_NAMESPACE[prefix] ?? ''}"><Error><Type>Sender</Type><Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>fake-request</RequestId></ErrorResponse>`,
  )
}
