// Target facts the EventBridge rules share: each rule target with its path and a readable id.
import {asArray, get, isRecord, literal} from '../../model/intrinsics.js'
import type {GraphNode, PropPath} from '../../model/types.js'

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
      const id = literal(target.Id)
      return [{rule, target, path: ['Targets', index], name: typeof id === 'string' ? id : `#${index + 1}`}]
    })
  })
}

/** True when a DeadLetterConfig names a queue (SAM's `Type: SQS` also counts: SAM creates the queue). */
export function hasDeadLetterConfig(config: unknown): boolean {
  return get(config, 'Arn') !== undefined || get(config, 'Type') !== undefined
}
