// Builds the AWS SDK clients an audit uses: the SDK's standard configuration, adaptive retries, and our read-only guard, limits and call counts.
import {APIGatewayClient} from '@aws-sdk/client-api-gateway'
import {ApiGatewayV2Client} from '@aws-sdk/client-apigatewayv2'
import {CloudFormationClient} from '@aws-sdk/client-cloudformation'
import {CloudWatchClient} from '@aws-sdk/client-cloudwatch'
import type {EC2Client} from '@aws-sdk/client-ec2'
import {EventBridgeClient} from '@aws-sdk/client-eventbridge'
import {IAMClient} from '@aws-sdk/client-iam'
import {LambdaClient} from '@aws-sdk/client-lambda'
import {SFNClient} from '@aws-sdk/client-sfn'
import {SNSClient} from '@aws-sdk/client-sns'
import {SQSClient} from '@aws-sdk/client-sqs'
import {STSClient} from '@aws-sdk/client-sts'
import type {FinalizeHandler, FinalizeHandlerArguments, HandlerExecutionContext, InitializeHandler, InitializeHandlerArguments} from '@smithy/types'

import {awsClientConfig, awsRequestHandler, recordCallSites} from '../lib/aws.js'
import {isReadOnlyOperation, isThrottled, ReadOnlyViolation} from './errors.js'
import {Semaphore, TokenBucket} from './limits.js'

export type ServiceName = 'lambda' | 'sqs' | 'sns' | 'eventbridge' | 'sfn' | 'apigateway' | 'apigatewayv2' | 'cloudwatch' | 'iam' | 'cloudformation' | 'sts' | 'ec2'

/** The IAM action prefix of each service, for "not checked" reports and the policy document. */
export const IAM_PREFIX: Readonly<Record<ServiceName, string>> = {
  lambda: 'lambda',
  sqs: 'sqs',
  sns: 'sns',
  eventbridge: 'events',
  sfn: 'states',
  apigateway: 'apigateway',
  apigatewayv2: 'apigateway',
  cloudwatch: 'cloudwatch',
  iam: 'iam',
  cloudformation: 'cloudformation',
  sts: 'sts',
  ec2: 'ec2',
}

/**
 * Calls in flight per service and region. Lambda's and API Gateway's control planes have low
 * account-wide quotas; SQS and SNS take many parallel reads.
 */
export const DEFAULT_CONCURRENCY: Readonly<Record<ServiceName, number>> = {
  lambda: 8,
  sqs: 24,
  sns: 16,
  eventbridge: 10,
  sfn: 10,
  apigateway: 4,
  apigatewayv2: 4,
  cloudwatch: 4,
  iam: 6,
  cloudformation: 6,
  sts: 2,
  ec2: 2,
}

/**
 * Lambda's control plane allows 15 requests per second per account and region, GetPolicy has its own
 * 15 per second and GetFunction 100 per second. Staying just under them avoids most throttling; the
 * adaptive retry mode absorbs what other callers in the account consume.
 */
export const LAMBDA_RATES: Readonly<Record<'control' | 'GetPolicy' | 'GetFunction', number>> = {control: 14, GetPolicy: 14, GetFunction: 90}

export interface ClientOptions {
  /** Named profile from the shared config files; SSO, process and role-assuming profiles all work. */
  profile?: string
  /** Attempts per call, retries included. AWS_MAX_ATTEMPTS wins when set. */
  maxAttempts?: number
  concurrency?: Partial<Record<ServiceName, number>>
  lambdaRates?: Partial<typeof LAMBDA_RATES>
  /** Credentials (or a provider of them) every client uses instead of the standard chain: an assumed role's. */
  credentials?: unknown
}

/** Calls made, per service and operation, counting every HTTP attempt (retries included). */
export class CallStats {
  readonly calls = new Map<string, number>()
  throttled = 0

  count(service: ServiceName, operation: string): void {
    const key = `${IAM_PREFIX[service]}:${operation}`
    this.calls.set(key, (this.calls.get(key) ?? 0) + 1)
  }

  get total(): number {
    let sum = 0
    for (const value of this.calls.values()) sum += value
    return sum
  }

  toJSON(): {total: number; throttled: number; byOperation: Record<string, number>} {
    return {total: this.total, throttled: this.throttled, byOperation: Object.fromEntries([...this.calls.entries()].sort(([a], [b]) => a.localeCompare(b)))}
  }
}

interface ClientConstructors {
  lambda: LambdaClient
  sqs: SQSClient
  sns: SNSClient
  eventbridge: EventBridgeClient
  sfn: SFNClient
  apigateway: APIGatewayClient
  apigatewayv2: ApiGatewayV2Client
  cloudwatch: CloudWatchClient
  iam: IAMClient
  cloudformation: CloudFormationClient
  sts: STSClient
  ec2: EC2Client
}

type Constructor<K extends ServiceName> = new (config: Record<string, unknown>) => ClientConstructors[K]

/** EC2's client is by far the largest module and only `--all-regions` needs it: it is loaded on demand. */
const CONSTRUCTORS: {[K in Exclude<ServiceName, 'ec2'>]: Constructor<K>} & {ec2?: Constructor<'ec2'>} = {
  lambda: LambdaClient,
  sqs: SQSClient,
  sns: SNSClient,
  eventbridge: EventBridgeClient,
  sfn: SFNClient,
  apigateway: APIGatewayClient,
  apigatewayv2: ApiGatewayV2Client,
  cloudwatch: CloudWatchClient,
  iam: IAMClient,
  cloudformation: CloudFormationClient,
  sts: STSClient,
}

interface StackLike {
  middlewareStack: {add(middleware: unknown, options: Record<string, unknown>): void}
  config: {credentials?: unknown}
  destroy(): void
}

/** Every client of one audit, one per service and region, sharing one credential provider. */
export class AwsClients {
  readonly stats = new CallStats()
  private readonly clients = new Map<string, StackLike>()
  private readonly semaphores = new Map<string, Semaphore>()
  private readonly buckets = new Map<string, TokenBucket>()
  private credentials: unknown
  /** One connection pool for every client of the audit (an agent keeps its limits per host). */
  private handler: ReturnType<typeof awsRequestHandler> | undefined

  constructor(private readonly options: ClientOptions = {}) {}

  /** Loads the client modules that are not loaded up front; call before `get` for them. */
  async load(service: 'ec2'): Promise<void> {
    if (service === 'ec2' && !CONSTRUCTORS.ec2) CONSTRUCTORS.ec2 = (await import('@aws-sdk/client-ec2')).EC2Client as unknown as Constructor<'ec2'>
  }

  get<K extends ServiceName>(service: K, region: string): ClientConstructors[K] {
    const key = `${service}|${region}`
    const existing = this.clients.get(key)
    if (existing) return existing as unknown as ClientConstructors[K]
    // Adaptive retries add client-side rate limiting once a service starts throttling; AWS_RETRY_MODE wins when set.
    this.handler ??= awsRequestHandler()
    const config: Record<string, unknown> = {...awsClientConfig({region, profile: this.options.profile, maxAttempts: this.options.maxAttempts, requestHandler: this.handler})}
    // Queues are read in the region whose client reads them; the URL's own host would bypass AWS_ENDPOINT_URL.
    if (service === 'sqs') config.useQueueUrlAsEndpoint = false
    // One credential provider for all clients, so SSO and assumed-role sessions are resolved once.
    if (this.options.credentials) config.credentials = this.options.credentials
    else if (this.credentials) config.credentials = this.credentials
    const constructor = CONSTRUCTORS[service] as Constructor<K> | undefined
    if (!constructor) throw new Error(`the ${service} client is not loaded; call load('${service}') first`)
    const client = new constructor(config) as unknown as StackLike
    if (!this.credentials) this.credentials = client.config.credentials
    this.instrument(client, service, region)
    this.clients.set(key, client)
    return client as unknown as ClientConstructors[K]
  }

  /** Closes every connection, so the process can exit promptly. */
  destroy(): void {
    for (const client of this.clients.values()) client.destroy()
    this.clients.clear()
    this.handler?.destroy()
    this.handler = undefined
  }

  private instrument(client: StackLike, service: ServiceName, region: string): void {
    const semaphore = this.semaphore(service, region)
    const guard = (next: InitializeHandler<object, object>, context: HandlerExecutionContext) => async (args: InitializeHandlerArguments<object>) => {
      const operation = operationOf(context)
      // The policy test checks the code; this refuses at run time too, whatever the code asks for.
      if (!isReadOnlyOperation(operation)) throw new ReadOnlyViolation(`${IAM_PREFIX[service]}:${operation}`)
      return semaphore.run(() => next(args))
    }
    client.middlewareStack.add(guard, {step: 'initialize', name: 'slsEdaReadOnlyGuard', priority: 'high'})
    // In the finalize step after the retry middleware, so every attempt is paced and counted.
    const pace = (next: FinalizeHandler<object, object>, context: HandlerExecutionContext) => async (args: FinalizeHandlerArguments<object>) => {
      const operation = operationOf(context)
      const bucket = this.bucket(service, region, operation)
      if (bucket) await bucket.take()
      this.stats.count(service, operation)
      try {
        return await next(args)
      } catch (error) {
        if (isThrottled(error)) this.stats.throttled++
        throw error
      }
    }
    client.middlewareStack.add(pace, {step: 'finalizeRequest', name: 'slsEdaPacing', priority: 'low'})
    recordCallSites(client, IAM_PREFIX[service])
  }

  private semaphore(service: ServiceName, region: string): Semaphore {
    const key = `${service}|${region}`
    let semaphore = this.semaphores.get(key)
    if (!semaphore) {
      semaphore = new Semaphore(this.options.concurrency?.[service] ?? DEFAULT_CONCURRENCY[service])
      this.semaphores.set(key, semaphore)
    }
    return semaphore
  }

  private bucket(service: ServiceName, region: string, operation: string): TokenBucket | undefined {
    if (service !== 'lambda') return undefined
    const rates = {...LAMBDA_RATES, ...this.options.lambdaRates}
    const kind = operation === 'GetPolicy' || operation === 'GetFunction' ? operation : 'control'
    const key = `${region}|${kind}`
    let bucket = this.buckets.get(key)
    if (!bucket) {
      const rate = rates[kind]
      // A small burst: Lambda's own bucket is shared with whatever else runs in the account.
      bucket = new TokenBucket(rate, Math.max(1, Math.floor(rate / 3)))
      this.buckets.set(key, bucket)
    }
    return bucket
  }
}

function operationOf(context: HandlerExecutionContext): string {
  return (context.commandName ?? 'Unknown').replace(/Command$/, '')
}
