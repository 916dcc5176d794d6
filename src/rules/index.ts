// The rule catalogue: every rule, sorted by id. Imported only by commands that run or list rules.
import {closest} from '../schema/suggest.js'
import {APIGATEWAY_RULES} from './apigateway/index.js'
import {CLOUDWATCH_RULES} from './cloudwatch/index.js'
import {DYNAMODB_RULES} from './dynamodb/index.js'
import {ENGINE_RULES} from './engine-rules.js'
import {EVENTBRIDGE_RULES} from './eventbridge/index.js'
import {IAM_RULES} from './iam/index.js'
import {LAMBDA_RULES} from './lambda/index.js'
import {LOGS_RULES} from './logs/index.js'
import {SNS_RULES} from './sns/index.js'
import {SQS_RULES} from './sqs/index.js'
import {STEPFUNCTIONS_RULES} from './stepfunctions/index.js'
import {TEMPLATE_RULES} from './template/index.js'
import type {Rule} from './types.js'

export const CATALOGUE: readonly Rule[] = [
  ...Object.values(ENGINE_RULES),
  ...APIGATEWAY_RULES,
  ...CLOUDWATCH_RULES,
  ...DYNAMODB_RULES,
  ...EVENTBRIDGE_RULES,
  ...IAM_RULES,
  ...LAMBDA_RULES,
  ...LOGS_RULES,
  ...SNS_RULES,
  ...SQS_RULES,
  ...STEPFUNCTIONS_RULES,
  ...TEMPLATE_RULES,
].sort((a, b) => a.meta.id.localeCompare(b.meta.id))

/** A rule by id or name. */
/** The rule a misspelt id or name probably meant (`SQS01` → SQS001, `sqs-queue-without-dql` → sqs-queue-without-dlq). */
export function suggestRule(key: string): Rule | undefined {
  const keys = CATALOGUE.filter((rule) => rule.meta.status !== 'removed').flatMap((rule) => [rule.meta.id, rule.meta.name])
  const match = closest(key, keys)
  return match === undefined ? undefined : findRule(match)
}

/** `unknown rule "SQS01" (did you mean SQS001, sqs-queue-without-dlq?)`: the sentence every command says about a rule key it cannot find. */
export function unknownRuleText(key: string): string {
  const suggestion = suggestRule(key)
  return `unknown rule "${key}"${suggestion ? ` (did you mean ${suggestion.meta.id}, ${suggestion.meta.name}?)` : ''}`
}

export function findRule(key: string): Rule | undefined {
  const lower = key.toLowerCase()
  return CATALOGUE.find((rule) => rule.meta.id.toLowerCase() === lower || rule.meta.name === lower)
}
