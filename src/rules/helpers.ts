// Graph queries several rules share: what is a DLQ, what triggers a function, which alarms watch a resource.
import type {ResourceGraph} from '../model/graph.js'
import {asArray, get, literal} from '../model/intrinsics.js'
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

/** Alarms that watch a node directly, through metric math, or through a composite alarm over such alarms. */
export function alarmsOn(graph: ResourceGraph, node: GraphNode): GraphNode[] {
  return graph.in(node.id, 'alarms-on').flatMap((edge) => asArray<GraphNode>(graph.get(edge.from))).filter((n) => n.kind === 'alarm')
}

/** The metric names an alarm watches (single metric or every metric of a metric math expression). */
export function alarmMetricNames(alarm: GraphNode): string[] {
  const names: string[] = []
  const single = literal(alarm.props.MetricName)
  if (typeof single === 'string') names.push(single)
  for (const query of asArray(alarm.props.Metrics)) {
    const name = literal(get(query, 'MetricStat', 'Metric', 'MetricName'))
    if (typeof name === 'string') names.push(name)
  }
  return names
}

/** True when some alarm watches `metric` of the node. */
export function hasAlarmOnMetric(graph: ResourceGraph, node: GraphNode, metric: string): boolean {
  return alarmsOn(graph, node).some((alarm) => alarmMetricNames(alarm).includes(metric))
}

/** A readable name for messages: the logical id the user wrote, or the ARN's last part live. */
export function displayName(node: GraphNode): string {
  if (node.source === 'live') return node.origin.arn?.split(/[:/]/).pop() ?? node.id
  return node.id
}
