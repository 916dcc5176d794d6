// Target facts the EventBridge rules share: each rule target with its path and a readable id.
import {lookupBranches} from '../../model/conditional.js'
import {asArray, isRecord, literal} from '../../model/intrinsics.js'
import type {GraphNode, PropPath} from '../../model/types.js'
import {absenceOfAny, type Absence} from '../conditional.js'

/** EventBridge's and Scheduler's retry defaults (185 attempts within 24 hours), written down by fixes so nothing changes. */
export const DEFAULT_RETRY_POLICY = {MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400}

export interface RuleTarget {
  rule: GraphNode
  target: Record<string, unknown>
  path: PropPath
  /** The target's Id when literal, else its position. */
  name: string
}

/** Targets of enabled rules (a DISABLED rule delivers nothing). */
export function ruleTargets(rules: readonly GraphNode[]): RuleTarget[] {
  return rules.flatMap((rule) => {
    if (literal(rule.props.State) === 'DISABLED') return []
    return asArray(rule.props.Targets).flatMap((target, index) => {
      if (!isRecord(target)) return []
      // A target written as a whole inside `Fn::If` is named by the Id its branches give it.
      const id = lookupBranches(target, 'Id')
        .values.map(literal)
        .find((value) => typeof value === 'string')
      return [{rule, target, path: ['Targets', index], name: typeof id === 'string' ? id : `#${index + 1}`}]
    })
  })
}

/**
 * How the DeadLetterConfig under `path` of `value` is missing: undefined when it names a queue on every
 * branch (SAM's `Type: SQS` counts: SAM creates the queue), conditionally when only some `Fn::If` branch does.
 */
export function deadLetterAbsence(value: unknown, ...path: Array<string | number>): Absence | undefined {
  return absenceOfAny(value, [
    [...path, 'DeadLetterConfig', 'Arn'],
    [...path, 'DeadLetterConfig', 'Type'],
  ])
}
