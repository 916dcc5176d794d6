// stepfunctions rules.
import type {Rule} from '../types.js'
import callbackWithoutHeartbeat from './stepfunctions-callback-without-heartbeat.js'
import definitionInvalidTransition from './stepfunctions-definition-invalid-transition.js'
import lambdaTaskWithoutRetry from './stepfunctions-lambda-task-without-retry.js'
import loggingNotAll from './stepfunctions-logging-not-all.js'
import sagaTaskWithoutCatch from './stepfunctions-saga-task-without-catch.js'
import taskWithoutTimeout from './stepfunctions-task-without-timeout.js'
import tracingDisabled from './stepfunctions-tracing-disabled.js'

export const STEPFUNCTIONS_RULES: Rule[] = [tracingDisabled, loggingNotAll, lambdaTaskWithoutRetry, sagaTaskWithoutCatch, taskWithoutTimeout, callbackWithoutHeartbeat, definitionInvalidTransition]
