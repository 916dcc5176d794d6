// AWS SDK client configuration shared by commands: the standard credential chain, a profile, a region, adaptive
// retries bounded in total time, connection and request timeouts, and one-line explanations of what went wrong.
import {AdaptiveRetryStrategy, StandardRetryStrategy} from '@smithy/core/retry'
import {NodeHttpHandler} from '@smithy/node-http-handler'
import type {FinalizeHandler, FinalizeHandlerArguments, HandlerExecutionContext, RetryErrorInfo, RetryStrategyV2, RetryToken} from '@smithy/types'

/** How long a connection may take to open, a request to be answered, and a call to keep retrying. */
export const AWS_TIMEOUTS = {connectMs: 3000, requestMs: 8000, retryBudgetMs: 10_000} as const

type Timeouts = {-readonly [K in keyof typeof AWS_TIMEOUTS]: number}

/**
 * The timeouts in force: AWS_TIMEOUTS, then SLS_EDA_AWS_CONNECT_TIMEOUT and SLS_EDA_AWS_REQUEST_TIMEOUT (seconds;
 * for a slow proxy or an overloaded emulator; the retry budget grows with the request timeout), then `overrides`.
 */
export function awsTimeouts(overrides: Partial<Timeouts> = {}, env: NodeJS.ProcessEnv = process.env): Timeouts {
  const seconds = (name: string): number | undefined => {
    const value = Number(env[name])
    return env[name] && Number.isFinite(value) && value > 0 ? value * 1000 : undefined
  }
  const connectMs = seconds('SLS_EDA_AWS_CONNECT_TIMEOUT') ?? AWS_TIMEOUTS.connectMs
  const requestMs = seconds('SLS_EDA_AWS_REQUEST_TIMEOUT') ?? AWS_TIMEOUTS.requestMs
  return {connectMs, requestMs, retryBudgetMs: Math.max(AWS_TIMEOUTS.retryBudgetMs, requestMs + 2000), ...overrides}
}

export interface AwsOptions {
  profile?: string
  region?: string
  /** Attempts per call when AWS_MAX_ATTEMPTS is not set (default 10). */
  maxAttempts?: number
  /** Overrides of the timeouts (see awsTimeouts). */
  timeouts?: Partial<Timeouts>
  /** A handler (from `awsRequestHandler`) shared by several clients, so they share one pool of kept-alive connections. */
  requestHandler?: NodeHttpHandler
}

export interface AwsClientConfig {
  region?: string
  profile?: string
  retryMode: string
  maxAttempts: number
  retryStrategy: RetryStrategyV2
  requestHandler: NodeHttpHandler
}

/**
 * Client configuration honouring the SDK's standard chain (environment, SSO, shared files, instance roles),
 * `--profile` and `--region`; `AWS_ENDPOINT_URL` and per-service endpoint variables are read by the SDK itself.
 * Adaptive retry mode slows down on throttling instead of failing; every attempt has a connection and a
 * request timeout, and retries stop once a call has spent its retry budget, so an endpoint that accepts
 * connections and never answers fails in seconds instead of hanging.
 */
export function awsClientConfig(options: AwsOptions): AwsClientConfig {
  const timeouts = awsTimeouts(options.timeouts)
  // AWS_RETRY_MODE and AWS_MAX_ATTEMPTS still win, as everywhere in the SDK.
  const retryMode = process.env.AWS_RETRY_MODE ?? 'adaptive'
  const maxAttempts = process.env.AWS_MAX_ATTEMPTS ? Number(process.env.AWS_MAX_ATTEMPTS) : (options.maxAttempts ?? 10)
  const inner = retryMode === 'adaptive' ? new AdaptiveRetryStrategy(maxAttempts) : new StandardRetryStrategy(maxAttempts)
  const config: AwsClientConfig = {
    region: options.region,
    retryMode,
    maxAttempts,
    retryStrategy: new BoundedRetryStrategy(inner, timeouts.retryBudgetMs),
    requestHandler: options.requestHandler ?? awsRequestHandler(options.timeouts),
  }
  // Only a profile that was asked for: an explicit undefined would still be a key the SDK sees.
  if (options.profile) config.profile = options.profile
  return config
}

/** The HTTP handler with our connection and request timeouts; its agent keeps connections alive, per host. */
export function awsRequestHandler(overrides?: Partial<Timeouts>): NodeHttpHandler {
  const timeouts = awsTimeouts(overrides)
  // Limits are per host: an emulator serving every service on one port must not queue calls behind 50 sockets.
  const agent = {keepAlive: true, maxSockets: 256}
  return new NodeHttpHandler({connectionTimeout: timeouts.connectMs, requestTimeout: timeouts.requestMs, throwOnRequestTimeout: true, httpAgent: agent, httpsAgent: agent})
}

/** Network errors that retrying a moment later will not cure: nothing listens, or the name does not resolve. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])

/**
 * The SDK's retry strategy with a bound on the time one call may spend: no retry starts once the call has
 * run for `budgetMs`, and an unreachable endpoint gets a single retry, not ten with growing back-off.
 */
export class BoundedRetryStrategy implements RetryStrategyV2 {
  private readonly started = new WeakMap<RetryToken, number>()

  constructor(
    private readonly inner: RetryStrategyV2,
    private readonly budgetMs: number,
  ) {}

  get mode(): string | undefined {
    return (this.inner as {mode?: string}).mode
  }

  async acquireInitialRetryToken(scope: string): Promise<RetryToken> {
    const token = await this.inner.acquireInitialRetryToken(scope)
    this.started.set(token, performance.now())
    return token
  }

  async refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const started = this.started.get(token) ?? performance.now()
    const code = (info.error as {code?: string} | undefined)?.code ?? ''
    if (UNREACHABLE.has(code) && token.getRetryCount() >= 1) throw info.error ?? new Error(code)
    const next = await this.inner.refreshRetryTokenForRetry(token, info)
    if (performance.now() - started + next.getRetryDelay() > this.budgetMs) throw info.error ?? new Error('retry budget spent')
    this.started.set(next, started)
    return next
  }

  recordSuccess(token: RetryToken): void {
    this.inner.recordSuccess(token)
  }
}

/** What a failed attempt was: the call and the endpoint it went to. */
export interface CallSite {
  call: string
  endpoint: string
}

const CALL_SITE = Symbol.for('sls-eda.callSite')

interface StackLike {
  middlewareStack: {add(middleware: unknown, options: Record<string, unknown>): void}
}

/**
 * Records on every error which call failed and at which endpoint (after the retry middleware, so per
 * attempt), for `explainAwsError`. `prefix` is the IAM action prefix of the client's service.
 */
export function recordCallSites(client: StackLike, prefix: string): void {
  const middleware = (next: FinalizeHandler<object, object>, context: HandlerExecutionContext) => async (args: FinalizeHandlerArguments<object>) => {
    try {
      return await next(args)
    } catch (error) {
      const request = args.request as {protocol?: string; hostname?: string; port?: number; path?: string}
      const endpoint = request.hostname ? `${request.protocol ?? 'https:'}//${request.hostname}${request.port ? `:${request.port}` : ''}` : 'the AWS endpoint'
      const call = `${prefix}:${(context.commandName ?? 'Unknown').replace(/Command$/, '')}`
      if (error !== null && typeof error === 'object') Object.defineProperty(error, CALL_SITE, {value: {call, endpoint} satisfies CallSite, configurable: true})
      throw error
    }
  }
  client.middlewareStack.add(middleware, {step: 'finalizeRequest', name: 'slsEdaCallSite', priority: 'low'})
}

export function callSiteOf(error: unknown): CallSite | undefined {
  return error !== null && typeof error === 'object' ? (error as Record<symbol, CallSite | undefined>)[CALL_SITE] : undefined
}

interface ErrorShape {
  name?: string
  code?: string
  Code?: string
  message?: string
  $metadata?: {attempts?: number}
}

/** The kind of failure, when it is about reaching AWS or about credentials rather than about one resource. */
export type AwsFailureKind = 'timeout' | 'unreachable' | 'profile-not-found' | 'no-credentials' | 'expired-credentials' | 'rejected-credentials'

export function awsFailureKind(error: unknown): AwsFailureKind | undefined {
  const shape = (error ?? {}) as ErrorShape
  const name = shape.name ?? shape.Code ?? ''
  const message = shape.message ?? ''
  if (name === 'TimeoutError' || shape.code === 'ETIMEDOUT') return 'timeout'
  if (UNREACHABLE.has(shape.code ?? '') || /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)\b/.test(message)) return 'unreachable'
  if (/Could not resolve credentials using profile|[Pp]rofile .* (could not be found|not found)/.test(message)) return 'profile-not-found'
  if (name === 'ExpiredToken' || name === 'ExpiredTokenException' || name === 'RequestExpired' || /(token|credential|session)[^.]*expired/i.test(message)) return 'expired-credentials'
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) return 'no-credentials'
  if (['InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch', 'InvalidAccessKeyId', 'AuthFailure'].includes(name)) return 'rejected-credentials'
  return undefined
}

/**
 * One line saying what stopped a call: which call, which endpoint, and the real cause (no answer in time,
 * nothing listening, an unknown profile, missing, expired or rejected credentials). Undefined when the
 * error is none of these (an ordinary service error, for the caller to describe).
 */
export function explainAwsError(error: unknown, options: {profile?: string; timeouts?: Partial<Timeouts>} = {}): string | undefined {
  const kind = awsFailureKind(error)
  if (!kind) return undefined
  const timeouts = awsTimeouts(options.timeouts)
  const site = callSiteOf(error)
  const shape = error as ErrorShape
  const attempts = shape.$metadata?.attempts
  const tries = attempts && attempts > 1 ? ` (${attempts} attempts)` : ''
  const call = site?.call ?? 'the AWS call'
  const endpoint = site?.endpoint ?? 'the AWS endpoint'
  const profile = options.profile ? ` ${options.profile}` : ''
  switch (kind) {
    case 'timeout': {
      const connecting = /establish a connection/.test(shape.message ?? '')
      return connecting
        ? `${call}: could not connect to ${endpoint} within ${seconds(timeouts.connectMs)}${tries}; check the network, proxy or AWS_ENDPOINT_URL`
        : `${call}: ${endpoint} accepted the connection but did not answer within ${seconds(timeouts.requestMs)}${tries}; a firewall, proxy or stuck emulator may be in the way`
    }
    case 'unreachable':
      return `${call}: endpoint ${endpoint} is unreachable (${/ENOTFOUND|EAI_AGAIN/.test(`${shape.code} ${shape.message}`) ? 'host name not found' : 'connection refused'})${tries}; check the network, proxy or AWS_ENDPOINT_URL`
    case 'profile-not-found':
      return `profile${profile} not found in the AWS config or credentials files (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE); \`aws configure list-profiles\` lists the profiles`
    case 'no-credentials':
      return `no AWS credentials found${profile ? ` for profile${profile}` : ''}: pass --profile, set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run \`aws sso login\``
    case 'expired-credentials':
      return `the AWS credentials${profile ? ` of profile${profile}` : ''} have expired (${call}): refresh them, e.g. \`aws sso login${options.profile ? ` --profile ${options.profile}` : ''}\``
    case 'rejected-credentials':
      return `AWS rejected the credentials${profile ? ` of profile${profile}` : ''} (${call}: ${shape.name}); check the access key and secret`
  }
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`
}

/**
 * The message for a named profile (`--profile` or AWS_PROFILE) that neither shared file defines, checked
 * before any call so the user hears "profile not found" rather than a generic credentials failure.
 */
export async function profileNotFound(profile: string | undefined): Promise<string | undefined> {
  const name = profile || process.env.AWS_PROFILE
  if (!name) return undefined
  const {loadSharedConfigFiles} = await import('@smithy/core/config')
  const files = await loadSharedConfigFiles({ignoreCache: true})
  if (files.configFile[name] || files.credentialsFile[name]) return undefined
  return explainAwsError(Object.assign(new Error(`Could not resolve credentials using profile: [${name}]`), {name: 'CredentialsProviderError'}), {profile: name})
}
