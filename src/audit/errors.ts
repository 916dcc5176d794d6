// Tells apart the AWS errors an audit must survive: missing permissions, missing resources, throttling.
import {explainAwsError} from '../lib/aws.js'

/** Error codes services use for "you are not allowed to call this" (each service spells it its own way). */
const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'AuthorizationError',
  'UnauthorizedOperation',
  'UnauthorizedException',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'NotAuthorized',
  'AuthFailure',
  'OptInRequired',
])

const NOT_FOUND = new Set([
  'ResourceNotFoundException',
  'NotFoundException',
  'NoSuchEntity',
  'NoSuchEntityException',
  'NotFound',
  'QueueDoesNotExist',
  'AWS.SimpleQueueService.NonExistentQueue',
  'NonExistentQueue',
  'StateMachineDoesNotExist',
])

const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'RequestThrottled', 'RequestThrottledException', 'ThrottledException', 'SlowDown'])

interface AwsErrorShape {
  name?: string
  Code?: string
  code?: string
  $metadata?: {httpStatusCode?: number}
}

function codeOf(error: unknown): string {
  const shape = (error ?? {}) as AwsErrorShape
  return shape.name ?? shape.Code ?? shape.code ?? ''
}

function statusOf(error: unknown): number | undefined {
  return ((error ?? {}) as AwsErrorShape).$metadata?.httpStatusCode
}

export function isAccessDenied(error: unknown): boolean {
  return ACCESS_DENIED.has(codeOf(error)) || statusOf(error) === 403
}

export function isNotFound(error: unknown): boolean {
  return NOT_FOUND.has(codeOf(error)) || statusOf(error) === 404
}

export function isThrottled(error: unknown): boolean {
  return THROTTLED.has(codeOf(error)) || statusOf(error) === 429
}

/** One line describing an error, without request ids or stack traces. */
export function describeError(error: unknown): string {
  // Timeouts, unreachable endpoints and credential failures say which call and endpoint, and why.
  const explained = explainAwsError(error)
  if (explained) return explained
  if (error instanceof Error) return `${codeOf(error) || error.name}: ${error.message}`.split('\n')[0]!
  return String(error)
}

/** Raised when an audit is asked to call an API that could change something. */
export class ReadOnlyViolation extends Error {
  constructor(public readonly operation: string) {
    super(`refusing to call ${operation}: audit only calls read-only (List, Get, Describe) APIs`)
    this.name = 'ReadOnlyViolation'
  }
}

/** True for the operation names an audit is allowed to call. */
export function isReadOnlyOperation(operation: string): boolean {
  return /^(List|Get|Describe)[A-Z]/.test(operation)
}
