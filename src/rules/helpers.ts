// Graph queries several rules share: what is a DLQ, what it is the DLQ of, what triggers a function, how to name a node.
import type {ResourceGraph} from '../model/graph.js'
import {asArray} from '../model/intrinsics.js'
import type {GraphNode} from '../model/types.js'

/** True when something sends its failures to this node (a queue's redrive, a function's DLQ, a destination). */
export function isDeadLetterTarget(graph: ResourceGraph, node: GraphNode): boolean {
  return graph.in(node.id, 'dead-letters-to').length > 0
}

/** The nodes whose failures go to this node. */
export function deadLetterSources(graph: ResourceGraph, node: GraphNode): GraphNode[] {
  return graph.in(node.id, 'dead-letters-to').flatMap((edge) => asArray<GraphNode>(graph.get(edge.from)))
}

/** Nodes that make a function run: event source mappings, subscriptions, rules, schedules, permissions, pipes. */
export function triggersOf(graph: ResourceGraph, fn: GraphNode): GraphNode[] {
  return graph.in(fn.id, 'triggers').flatMap((edge) => asArray<GraphNode>(graph.get(edge.from)))
}

/** A readable name for messages: the logical id the user wrote, or the ARN's last part live. */
export function displayName(node: GraphNode): string {
  if (node.source === 'live') return node.origin.arn?.split(/[:/]/).pop() ?? node.id
  return node.id
}
