// Rule-side view of properties set inside Fn::If: a property some branch leaves out is "configured, conditionally", which is worth an info at most.
import {lookupBranches} from '../model/conditional.js'
import type {Severity} from './types.js'

export interface Absence {
  /** True when some branch of an `Fn::If` sets the property and another leaves it out. */
  conditional: boolean
  /** The conditions that decide it, for messages (`IsProd`). */
  conditions: string
  /** What to pass as `Report.maxSeverity`: `info` for a conditional absence, nothing for a plain one. */
  maxSeverity?: Severity
}

/**
 * How a property that should be set is missing: undefined when every branch sets it; conditionally
 * (an info at most) when a branch of an `Fn::If` on the way leaves it out; plainly when none sets it.
 */
export function absenceOf(value: unknown, ...path: Array<string | number>): Absence | undefined {
  const lookup = lookupBranches(value, ...path)
  if (lookup.presence === 'set') return undefined
  if (lookup.presence === 'conditional') return {conditional: true, conditions: lookup.conditions.join(', '), maxSeverity: 'info'}
  return {conditional: false, conditions: ''}
}
