// apigateway rules.
import type {Rule} from '../types.js'

export const APIGATEWAY_RULES: Rule[] = []
