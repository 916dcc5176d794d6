// logs rules.
import logsGroupWithoutRetention from './logs-group-without-retention.js'
import type {Rule} from '../types.js'

export const LOGS_RULES: Rule[] = [logsGroupWithoutRetention]
