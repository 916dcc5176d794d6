// Lambda rules.
import lambdaTracingDisabled from './lambda-tracing-disabled.js'
import type {Rule} from '../types.js'

export const LAMBDA_RULES: Rule[] = [lambdaTracingDisabled]
