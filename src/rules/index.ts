// The rule catalogue: every rule, sorted by id. Imported only by commands that run or list rules.
import {ENGINE_RULES} from './engine-rules.js'
import {LAMBDA_RULES} from './lambda/index.js'
import {SQS_RULES} from './sqs/index.js'
import type {Rule} from './types.js'

export const CATALOGUE: readonly Rule[] = [...Object.values(ENGINE_RULES), ...LAMBDA_RULES, ...SQS_RULES].sort((a, b) => a.meta.id.localeCompare(b.meta.id))

/** A rule by id or name. */
export function findRule(key: string): Rule | undefined {
  const lower = key.toLowerCase()
  return CATALOGUE.find((rule) => rule.meta.id.toLowerCase() === lower || rule.meta.name === lower)
}
