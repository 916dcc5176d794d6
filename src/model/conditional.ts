// Reads a property through `Fn::If`: the values it takes on every branch, and whether it is set always, on some branches only, or never.
import {isRecord} from './intrinsics.js'

/** `set`: every branch gives a value; `conditional`: some branch leaves it out (`AWS::NoValue` or nothing); `absent`: none does. */
export type Presence = 'set' | 'conditional' | 'absent'

export interface BranchLookup {
  /** The values the property takes on the branches that set it, with every `Fn::If` on the way resolved. */
  values: unknown[]
  presence: Presence
  /** The conditions of the `Fn::If`s that decide it, for messages. */
  conditions: string[]
}

/** True for `{Ref: AWS::NoValue}`, which removes the property it stands for. */
export function isNoValue(value: unknown): boolean {
  return isRecord(value) && value.Ref === 'AWS::NoValue' && Object.keys(value).length === 1
}

/** The `[condition, whenTrue, whenFalse]` of an `Fn::If`, or undefined. */
function ifBranches(value: unknown): [string, unknown, unknown] | undefined {
  if (!isRecord(value) || Object.keys(value).length !== 1) return undefined
  const argument = value['Fn::If']
  if (!Array.isArray(argument) || argument.length !== 3 || typeof argument[0] !== 'string') return undefined
  return [argument[0], argument[1], argument[2]]
}

/**
 * Reads `path` inside `value` the way CloudFormation would on each branch of every `Fn::If` met on
 * the way (at the property itself or on any object above it). A branch that is `AWS::NoValue`, or
 * whose object lacks the next key, leaves the property out. Without any `Fn::If` this is `get`.
 */
export function lookupBranches(value: unknown, ...path: Array<string | number>): BranchLookup {
  const values: unknown[] = []
  const conditions = new Set<string>()
  let missing = 0
  const walk = (current: unknown, depth: number): void => {
    const branches = ifBranches(current)
    if (branches) {
      conditions.add(branches[0])
      walk(branches[1], depth)
      walk(branches[2], depth)
      return
    }
    if (current === undefined || current === null || isNoValue(current)) {
      missing++
      return
    }
    if (depth === path.length) {
      values.push(current)
      return
    }
    const segment = path[depth]!
    if (Array.isArray(current) && typeof segment === 'number') walk(current[segment], depth + 1)
    else if (isRecord(current) && typeof segment === 'string') walk(current[segment], depth + 1)
    else missing++
  }
  walk(value, 0)
  const presence: Presence = values.length === 0 ? 'absent' : missing === 0 ? 'set' : 'conditional'
  return {values, presence, conditions: [...conditions]}
}
