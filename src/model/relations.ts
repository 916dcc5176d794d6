// Relations between resources the graph answers for every rule: what a value names, which function a qualifier stands for, and what a role may call.
import type {ResourceGraph} from './graph.js'
import {roleStatements} from './edges.js'
import {actionMatches} from './iam-actions.js'
import {asArray, isIntrinsic, isRecord, literal, PSEUDO_PARAMETERS, subReferences} from './intrinsics.js'
import type {GraphNode} from './types.js'

/**
 * The node a value points at, like `graph.resolve`, and also a `Fn::Sub` whose variable map names the
 * resource (the shape SAM policy templates produce: `{'Fn::Sub': ['arn:…:${QueueName}', {QueueName: !GetAtt Q.QueueName}]}`).
 */
export function resolveResource(graph: ResourceGraph, value: unknown): GraphNode | undefined {
  const direct = graph.resolve(value)
  if (direct) return direct
  if (!isRecord(value) || !isIntrinsic(value) || !('Fn::Sub' in value)) return undefined
  const argument = value['Fn::Sub']
  if (!Array.isArray(argument) || typeof argument[0] !== 'string' || !isRecord(argument[1])) return undefined
  const variables = argument[1]
  const targets = new Set<string>()
  for (const ref of subReferences(argument[0])) {
    if (PSEUDO_PARAMETERS.has(ref.target)) continue
    if (ref.target in variables) {
      const node = graph.resolve(variables[ref.target])
      if (node) targets.add(node.id)
    } else if (graph.get(ref.target)) {
      targets.add(ref.target)
    }
  }
  return targets.size === 1 ? graph.get([...targets][0]!) : undefined
}

/** The function a function, alias or version node stands for. */
export function functionBehind(graph: ResourceGraph, node: GraphNode | undefined): GraphNode | undefined {
  if (!node) return undefined
  if (node.kind === 'function') return node
  if (node.kind === 'alias' || node.kind === 'version') {
    const target = graph.resolve(node.props.FunctionName)
    return target?.kind === 'function' ? target : undefined
  }
  return undefined
}

/** The function a `FunctionName`-like value names: a reference, an ARN (qualified or not), or a literal function name. */
export function resolveFunction(graph: ResourceGraph, value: unknown): GraphNode | undefined {
  const node = functionBehind(graph, resolveResource(graph, value))
  if (node) return node
  const text = literal(value)
  if (typeof text !== 'string') return undefined
  const name = text.includes(':function:') ? text.split(':function:')[1]!.split(':')[0] : text
  return graph.ofKind('function').find((fn) => literal(fn.props.FunctionName) === name)
}

/** A function and the aliases and versions that point at it: every node whose triggers make this function run. */
export function functionAndQualifiers(graph: ResourceGraph, fn: GraphNode): GraphNode[] {
  return [fn, ...graph.ofKind('alias', 'version').filter((node) => functionBehind(graph, node) === fn)]
}

/** The execution role of a function, when it is a role in the graph. */
export function roleOf(graph: ResourceGraph, fn: GraphNode): GraphNode | undefined {
  for (const edge of graph.out(fn.id, 'assumes-role')) {
    const role = graph.get(edge.to)
    if (role?.kind === 'role') return role
  }
  return undefined
}

export interface Grant {
  /** The resource node the statement names. */
  target: GraphNode
  /** Which of the wanted actions the statement allows. */
  actions: string[]
}

/** Resources in the graph on which the role is allowed any of `actions` (resolving SAM policy templates too). `Resource: "*"` is ignored. */
export function grantsOf(graph: ResourceGraph, role: GraphNode, actions: readonly string[]): Grant[] {
  const byTarget = new Map<string, Grant>()
  for (const {statement} of roleStatements(graph, role)) {
    if (statement.Effect !== 'Allow') continue
    const patterns = asArray(statement.Action).filter((a): a is string => typeof a === 'string')
    const allowed = actions.filter((action) => patterns.some((pattern) => actionMatches(pattern, action)))
    if (allowed.length === 0) continue
    for (const resource of asArray(statement.Resource)) {
      const target = resolveResource(graph, resource)
      if (!target) continue
      const grant = byTarget.get(target.id) ?? {target, actions: []}
      for (const action of allowed) if (!grant.actions.includes(action)) grant.actions.push(action)
      byTarget.set(target.id, grant)
    }
  }
  return [...byTarget.values()]
}

/** Actions by which a function hands work to a queue, topic, bus or state machine. */
export const PUBLISH_ACTIONS = ['sqs:SendMessage', 'sns:Publish', 'events:PutEvents', 'states:StartExecution'] as const

