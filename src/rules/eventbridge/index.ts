// eventbridge rules.
import type {Rule} from '../types.js'

export const EVENTBRIDGE_RULES: Rule[] = []
