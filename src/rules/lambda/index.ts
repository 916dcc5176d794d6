// Lambda rules.
import lambdaAsyncWithoutFailureDestination from './lambda-async-without-failure-destination.js'
import lambdaBatchWithoutPartialFailures from './lambda-batch-without-partial-failures.js'
import lambdaTracingDisabled from './lambda-tracing-disabled.js'
import type {Rule} from '../types.js'

export const LAMBDA_RULES: Rule[] = [lambdaTracingDisabled, lambdaAsyncWithoutFailureDestination, lambdaBatchWithoutPartialFailures]
