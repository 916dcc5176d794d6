// Rule-side view of properties set inside Fn::If: a property some branch leaves out is "configured, conditionally", which is worth an info at most.
import {lookupBranches} from '../model/conditional.js'
import type {PropPath} from '../model/types.js'
import type {Report, Severity} from './types.js'

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
  return absenceOfAny(value, [path])
}

/**
 * `absenceOf` for a setting that any one of several properties provides (a DeadLetterConfig's `Arn`,
 * or SAM's `Type: SQS`): set when one of them is set on every branch, conditionally when one of them is
 * set on some branch.
 */
export function absenceOfAny(value: unknown, paths: ReadonlyArray<ReadonlyArray<string | number>>): Absence | undefined {
  const lookups = paths.map((path) => lookupBranches(value, ...path))
  if (lookups.some((lookup) => lookup.presence === 'set')) return undefined
  const conditional = lookups.filter((lookup) => lookup.presence === 'conditional')
  if (conditional.length > 0) return {conditional: true, conditions: [...new Set(conditional.flatMap((lookup) => lookup.conditions))].join(', '), maxSeverity: 'info'}
  return {conditional: false, conditions: ''}
}

/**
 * The report of a setting that should be set: `messageId` at `path` when nothing sets it; when some `Fn::If`
 * branch does, `conditionalMessageId` at `conditionalPath` (default `path`), naming the conditions, at info at most.
 */
export function absenceReport(absence: Absence, report: Report & {conditionalMessageId: string; conditionalPath?: PropPath}): Report {
  const {conditionalMessageId, conditionalPath, ...plain} = report
  if (!absence.conditional) return plain
  // A setting a condition chooses is the author's decision: no fix writes over it.
  const {autofix: _autofix, ...chosen} = plain
  return {...chosen, path: conditionalPath ?? plain.path, messageId: conditionalMessageId, data: {...plain.data, conditions: absence.conditions}, maxSeverity: absence.maxSeverity}
}
