// cloudwatch rules.
import type {Rule} from '../types.js'

export const CLOUDWATCH_RULES: Rule[] = []
