// Reads a state machine's Amazon States Language definition (object, JSON text, or Sub/Join-built JSON) and walks its states.
import type {ResourceGraph} from '../../model/graph.js'
import {asArray, get, isIntrinsic, isRecord, literal, subArguments} from '../../model/intrinsics.js'
import type {GraphNode, PropPath} from '../../model/types.js'

/** What `${…}` placeholders and intrinsic parts of a definition text become: a string no state name or ARN contains. */
export const UNRESOLVED_PREFIX = '__sls_eda_unresolved_'

export interface Definition {
  /** The parsed definition. */
  value: Record<string, unknown>
  /** Where the definition sits in the node's props. */
  path: PropPath
  /** True when paths inside `value` can be located in the template (an object definition); JSON text is located as a whole. */
  locatable: boolean
  /** What each unresolved token of a Sub/Join-built text stood for, as an intrinsic the graph can resolve. */
  placeholders: Map<string, unknown>
}

/**
 * The definition of a state machine node, or undefined when it cannot be read statically
 * (`DefinitionS3Location`, SAM `DefinitionUri`, an unparseable text or an intrinsic that builds no JSON).
 */
export function definitionOf(node: GraphNode): Definition | undefined {
  const {Definition: object, DefinitionString: text} = node.props
  if (isRecord(object) && !isIntrinsic(object)) return {value: object, path: ['Definition'], locatable: true, placeholders: new Map()}
  // Live collectors and some tools give the definition as text under either key.
  for (const [key, value] of [
    ['DefinitionString', text],
    ['Definition', object],
  ] as const) {
    const placeholders = new Map<string, unknown>()
    const parsed = parseDefinitionText(value, placeholders)
    if (parsed) return {value: parsed, path: [key], locatable: false, placeholders}
  }
  return undefined
}

/** JSON text, `Fn::Sub` of JSON text or `Fn::Join` of JSON pieces; placeholders become unresolved tokens. */
export function parseDefinitionText(value: unknown, placeholders: Map<string, unknown> = new Map()): Record<string, unknown> | undefined {
  let text: string | undefined
  // What a `${name}` of the text stands for: a Sub variable, a resource (`${Fn.Arn}`), or a Join piece.
  let meaning: (name: string) => unknown = (name) => subMeaning(name, {})
  if (typeof value === 'string') text = value
  else if (isRecord(value) && 'Fn::Sub' in value) {
    const [template, subVariables] = subArguments(value['Fn::Sub'])
    const variables = isRecord(subVariables) ? subVariables : {}
    if (typeof template === 'string') text = template
    meaning = (name) => subMeaning(name, variables)
  } else if (isRecord(value) && 'Fn::Join' in value) {
    const argument = value['Fn::Join']
    if (Array.isArray(argument) && typeof argument[0] === 'string' && Array.isArray(argument[1])) {
      const parts = argument[1]
      // Intrinsic pieces become `${…}` placeholders, so they are tokenised like Sub variables.
      text = parts.map((part, index) => (typeof part === 'string' ? part : `\${join${index}}`)).join(argument[0])
      meaning = (name) => (name.startsWith('join') ? parts[Number(name.slice(4))] : undefined)
    }
  }
  if (text === undefined) return undefined
  try {
    const parsed: unknown = JSON.parse(replacePlaceholders(text, (token, name) => placeholders.set(token, meaning(name))))
    return isRecord(parsed) ? parsed : undefined
  } catch {
    return undefined
  }
}

/**
 * Replaces `${Name}` by a token: inside a JSON string it stays part of the string, outside one it
 * becomes a quoted token, so `"TimeoutSeconds": ${Timeout}` still parses (as an unresolved value).
 * `${!Literal}` is Sub's escape for a literal `${Literal}`.
 */
function replacePlaceholders(text: string, onToken: (token: string, name: string) => void): string {
  let out = ''
  let inString = false
  let counter = 0
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (inString && char === '\\') {
      out += char + (text[i + 1] ?? '')
      i++
      continue
    }
    if (char === '"') inString = !inString
    if (char === '$' && text[i + 1] === '{') {
      const end = text.indexOf('}', i)
      if (end > 0) {
        const expression = text.slice(i + 2, end)
        if (expression.startsWith('!')) {
          out += `\${${expression.slice(1)}}`
        } else {
          const token = `${UNRESOLVED_PREFIX}${counter++}`
          onToken(token, expression.trim())
          out += inString ? token : `"${token}"`
        }
        i = end
        continue
      }
    }
    out += char
  }
  return out
}

function subMeaning(name: string, variables: Record<string, unknown>): unknown {
  if (name in variables) return variables[name]
  if (name.startsWith('AWS::')) return undefined
  const dot = name.indexOf('.')
  return dot > 0 ? {'Fn::GetAtt': [name.slice(0, dot), name.slice(dot + 1)]} : {Ref: name}
}

/** True when a value came from a placeholder or is an intrinsic: never a finding. */
export function isUnresolved(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(UNRESOLVED_PREFIX) || /\$\{[^}]+\}/.test(value)
  return isRecord(value) && isIntrinsic(value)
}

/** One state, with the `States` map it belongs to (its scope) and where it sits. */
export interface StateRef {
  name: string
  state: Record<string, unknown>
  /** Path of the state inside the node's props, e.g. ['Definition', 'States', 'Charge']. */
  path: PropPath
  /** The scope: the top-level definition, a Parallel branch or a Map processor. */
  scope: Scope
}

export interface Scope {
  /** The object holding `StartAt` and `States`. */
  value: Record<string, unknown>
  states: Record<string, Record<string, unknown>>
  path: PropPath
}

/** Every scope of a definition: the top level, each Parallel branch and each Map's ItemProcessor (or legacy Iterator). */
export function scopesOf(definition: Definition): Scope[] {
  const scopes: Scope[] = []
  const visit = (value: unknown, path: PropPath, depth: number): void => {
    if (!isRecord(value) || depth > 50) return
    const states = isRecord(value.States) ? value.States : {}
    const valid: Record<string, Record<string, unknown>> = {}
    for (const [name, state] of Object.entries(states)) if (isRecord(state)) valid[name] = state
    scopes.push({value, states: valid, path})
    for (const [name, state] of Object.entries(valid)) {
      const statePath = [...path, 'States', name]
      if (state.Type === 'Parallel') asArray(state.Branches).forEach((branch, index) => visit(branch, [...statePath, 'Branches', index], depth + 1))
      if (state.Type === 'Map') {
        if (isRecord(state.ItemProcessor)) visit(state.ItemProcessor, [...statePath, 'ItemProcessor'], depth + 1)
        else if (isRecord(state.Iterator)) visit(state.Iterator, [...statePath, 'Iterator'], depth + 1)
      }
    }
  }
  visit(definition.value, definition.path, 0)
  return scopes
}

/** Every state of every scope. */
export function statesOf(definition: Definition): StateRef[] {
  return scopesOf(definition).flatMap((scope) => Object.entries(scope.states).map(([name, state]) => ({name, state, path: [...scope.path, 'States', name], scope})))
}

/** The path a finding should point at: inside an object definition, or the definition text as a whole. */
export function reportPath(definition: Definition, path: PropPath): PropPath {
  return definition.locatable ? path : definition.path
}

/** The states a state goes to on success (Next, Choice rules and Default), without Catch targets. */
export function normalTransitions(state: Record<string, unknown>): unknown[] {
  const targets: unknown[] = []
  if (state.Next !== undefined) targets.push(state.Next)
  if (state.Type === 'Choice') {
    for (const choice of asArray(state.Choices)) targets.push(...choiceTargets(choice))
    if (state.Default !== undefined) targets.push(state.Default)
  }
  return targets
}

function choiceTargets(choice: unknown): unknown[] {
  return isRecord(choice) && choice.Next !== undefined ? [choice.Next] : []
}

/** The states a state's Catch clauses lead to. */
export function catchTargets(state: Record<string, unknown>): unknown[] {
  return asArray(state.Catch).flatMap((clause) => (isRecord(clause) && clause.Next !== undefined ? [clause.Next] : []))
}

/** Names reachable from `start` in a scope through the given transitions. */
export function reachable(scope: Scope, starts: unknown[], transitions: (state: Record<string, unknown>) => unknown[]): Set<string> {
  const seen = new Set<string>()
  const queue = starts.filter((name): name is string => typeof name === 'string')
  while (queue.length > 0) {
    const name = queue.shift()!
    if (seen.has(name) || !(name in scope.states)) continue
    seen.add(name)
    for (const next of transitions(scope.states[name]!)) if (typeof next === 'string') queue.push(next)
  }
  return seen
}

const LAMBDA_INVOKE = /^arn:[^:]*:states:::lambda:invoke(\.waitForTaskToken)?$/
const LAMBDA_FUNCTION_ARN = /^arn:[^:]*:lambda:[^:]*:[^:]*:function:/

/**
 * True when a Task state invokes a Lambda function: the optimised `lambda:invoke` integration, a
 * function ARN as the Resource, or a Resource (or `${Var}` of DefinitionSubstitutions) that resolves
 * to a function of the graph.
 */
export function isLambdaTask(graph: ResourceGraph, machine: GraphNode, definition: Definition, state: Record<string, unknown>): boolean {
  if (state.Type !== 'Task') return false
  const resource = state.Resource
  if (typeof resource === 'string' && definition.placeholders.has(resource)) return graph.resolve(definition.placeholders.get(resource))?.kind === 'function'
  if (typeof resource === 'string') {
    if (LAMBDA_INVOKE.test(resource) || LAMBDA_FUNCTION_ARN.test(resource)) return true
    const variable = /^\$\{([^}]+)\}$/.exec(resource)?.[1]
    if (variable !== undefined) {
      const substitution = get(machine.props, 'DefinitionSubstitutions', variable)
      return graph.resolve(substitution)?.kind === 'function' || (typeof substitution === 'string' && LAMBDA_FUNCTION_ARN.test(substitution))
    }
    return graph.resolve(resource)?.kind === 'function'
  }
  return graph.resolve(resource)?.kind === 'function'
}

/** The integration pattern of a Task: request-response, `.sync` (run a job), `.waitForTaskToken` (callback) or an activity. */
export function taskPattern(state: Record<string, unknown>): 'callback' | 'sync' | 'activity' | 'request' | 'unknown' {
  const resource = literal(state.Resource)
  if (typeof resource !== 'string') return 'unknown'
  if (resource.endsWith('.waitForTaskToken')) return 'callback'
  if (/\.sync(:\d+)?$/.test(resource)) return 'sync'
  if (/^arn:[^:]*:states:[^:]*:[^:]*:activity:/.test(resource)) return 'activity'
  return 'request'
}
