// dynamodb rules.
import type {Rule} from '../types.js'

export const DYNAMODB_RULES: Rule[] = []
