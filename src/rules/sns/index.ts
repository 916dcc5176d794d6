// sns rules.
import type {Rule} from '../types.js'

export const SNS_RULES: Rule[] = []
