// Lambda rules.
import lambdaAsyncRetriesNotBounded from './lambda-async-retries-not-bounded.js'
import lambdaAsyncWithoutFailureDestination from './lambda-async-without-failure-destination.js'
import lambdaBatchWithoutPartialFailures from './lambda-batch-without-partial-failures.js'
import lambdaMemorySizeNotSet from './lambda-memory-size-not-set.js'
import lambdaRuntimeDeprecated from './lambda-runtime-deprecated.js'
import lambdaRuntimeDeprecatingSoon from './lambda-runtime-deprecating-soon.js'
import lambdaTimeoutNotSet from './lambda-timeout-not-set.js'
import lambdaTracingDisabled from './lambda-tracing-disabled.js'
import lambdaStreamWithoutFailureDestination from './lambda-stream-without-failure-destination.js'
import lambdaStreamPoisonRecord from './lambda-stream-poison-record.js'
import lambdaSqsVisibilityTimeout from './lambda-sqs-visibility-timeout.js'
import lambdaFifoBatchSize from './lambda-fifo-batch-size.js'
import lambdaLogGroupNotDeclared from './lambda-log-group-not-declared.js'
import lambdaLogsNotStructured from './lambda-logs-not-structured.js'
import lambdaEnvironmentSecret from './lambda-environment-secret.js'
import lambdaEnvironmentWithoutKmsKey from './lambda-environment-without-kms-key.js'
import lambdaRecursiveLoop from './lambda-recursive-loop.js'
import lambdaFunctionChaining from './lambda-function-chaining.js'
import lambdaSharedExecutionRole from './lambda-shared-execution-role.js'
import lambdaRoleCannotWriteLogs from './lambda-role-cannot-write-logs.js'
import lambdaUrlWithoutAuth from './lambda-url-without-auth.js'
import lambdaPermissionPublic from './lambda-permission-public.js'
import lambdaPermissionWithoutSource from './lambda-permission-without-source.js'
import lambdaPermissionMultiplePrincipals from './lambda-permission-multiple-principals.js'
import lambdaReservedConcurrencyNotSet from './lambda-reserved-concurrency-not-set.js'
import lambdaX86Architecture from './lambda-x86-architecture.js'
import lambdaMonolith from './lambda-monolith.js'
import type {Rule} from '../types.js'

export const LAMBDA_RULES: Rule[] = [
  lambdaTracingDisabled,
  lambdaAsyncWithoutFailureDestination,
  lambdaBatchWithoutPartialFailures,
  lambdaMemorySizeNotSet,
  lambdaTimeoutNotSet,
  lambdaRuntimeDeprecated,
  lambdaRuntimeDeprecatingSoon,
  lambdaAsyncRetriesNotBounded,
  lambdaStreamWithoutFailureDestination,
  lambdaStreamPoisonRecord,
  lambdaSqsVisibilityTimeout,
  lambdaFifoBatchSize,
  lambdaLogGroupNotDeclared,
  lambdaLogsNotStructured,
  lambdaEnvironmentSecret,
  lambdaEnvironmentWithoutKmsKey,
  lambdaRecursiveLoop,
  lambdaFunctionChaining,
  lambdaSharedExecutionRole,
  lambdaRoleCannotWriteLogs,
  lambdaUrlWithoutAuth,
  lambdaPermissionPublic,
  lambdaPermissionWithoutSource,
  lambdaPermissionMultiplePrincipals,
  lambdaReservedConcurrencyNotSet,
  lambdaX86Architecture,
  lambdaMonolith,
]
