// stepfunctions rules.
import type {Rule} from '../types.js'

export const STEPFUNCTIONS_RULES: Rule[] = []
