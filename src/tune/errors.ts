// What an error of the Lambda API (or a refusal of the engine) means to a person running `tune`: one clear line, exit code 2.
import {explainAwsError} from '../lib/aws.js'
import {UsageError} from '../lib/exit-codes.js'
import {TuneRefusedError} from './engine.js'

/** Turns AWS and refusal errors into a UsageError with one line a person can act on. */
export function tuneUsageError(error: unknown): UsageError {
  if (error instanceof TuneRefusedError) return new UsageError(error.message)
  // Timeouts, unreachable endpoints and credential failures: which call, which endpoint, and the real cause.
  const explained = explainAwsError(error)
  if (explained) return new UsageError(explained)
  const name = (error as {name?: string}).name ?? ''
  const message = (error as Error).message ?? String(error)
  if (name === 'ResourceNotFoundException') return new UsageError(`function not found: ${message}`)
  if (/Region is missing/i.test(message)) return new UsageError('no AWS region: pass --region or set AWS_REGION (or a region in your profile)')
  if (name === 'CredentialsProviderError' || /credential/i.test(message)) return new UsageError(`no usable AWS credentials: ${message}`)
  if (name === 'AccessDeniedException' || name === 'AccessDenied') return new UsageError(`access denied: ${message}`)
  return new UsageError(`${name ? `${name}: ` : ''}${message}`)
}
