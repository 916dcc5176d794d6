// logs rules.
import type {Rule} from '../types.js'

export const LOGS_RULES: Rule[] = []
