// Which alarms watch which resources: metrics read from single-metric and metric math alarms, dimensions resolved through intrinsics and names.
import type {AlarmSpec} from '../../fix/fixer.js'
import type {ResourceGraph} from '../../model/graph.js'
import {asArray, get, isIntrinsic, isRecord, literal} from '../../model/intrinsics.js'
import type {GraphNode} from '../../model/types.js'

/** One metric an alarm reads: the alarm's own metric, or a MetricStat / expression of its metric math. */
interface WatchedMetric {
  namespace: unknown
  metricName: unknown
  dimensions: unknown[]
  /** A metric math expression (Metrics Insights queries name metrics inside it). */
  expression?: string
}

function watchedMetrics(alarm: GraphNode): WatchedMetric[] {
  const metrics: WatchedMetric[] = []
  if (alarm.props.MetricName !== undefined) {
    metrics.push({namespace: alarm.props.Namespace, metricName: alarm.props.MetricName, dimensions: asArray(alarm.props.Dimensions)})
  }
  for (const query of asArray(alarm.props.Metrics)) {
    const metric = get(query, 'MetricStat', 'Metric')
    if (isRecord(metric)) metrics.push({namespace: metric.Namespace, metricName: metric.MetricName, dimensions: asArray(metric.Dimensions)})
    const expression = get(query, 'Expression')
    if (typeof expression === 'string') metrics.push({namespace: undefined, metricName: undefined, dimensions: [], expression})
  }
  return metrics
}

/** The physical names a resource answers to in metric dimensions, literal or as written (for comparing intrinsics). */
const NAME_PROPERTY: Partial<Record<GraphNode['kind'], string>> = {function: 'FunctionName', queue: 'QueueName', stateMachine: 'StateMachineName', topic: 'TopicName', stream: 'Name', table: 'TableName'}

/** How a dimension value relates to a node: it names it, it names something else, or it cannot be told. */
function dimensionTargets(graph: ResourceGraph, value: unknown, node: GraphNode): 'yes' | 'no' | 'unknown' {
  const resolved = graph.resolve(value)
  if (resolved) {
    if (resolved.id === node.id) return 'yes'
    // An alias or version of a function stands for the function (SAM AutoPublishAlias alarms).
    if ((resolved.kind === 'alias' || resolved.kind === 'version') && graph.resolve(resolved.props.FunctionName)?.id === node.id) return 'yes'
    return 'no'
  }
  const nameProperty = NAME_PROPERTY[node.kind]
  const name = nameProperty ? node.props[nameProperty] : undefined
  if (typeof value === 'string') {
    const names = new Set<string>(node.aliases ?? [])
    if (typeof name === 'string') names.add(name)
    // `fn:alias` (the Resource dimension) and state machine ARNs carry the name in a longer string.
    const candidates = [value, value.split(':')[0]!, value.split(':').pop()!]
    if (candidates.some((candidate) => names.has(candidate))) return 'yes'
    return 'no'
  }
  const written = JSON.stringify(value)
  if (name !== undefined && JSON.stringify(name) === written) return 'yes'
  // Written exactly as another resource's name: it is that one.
  if (graph.nodes.some((other) => other.id !== node.id && nameOf(other) !== undefined && JSON.stringify(nameOf(other)) === written)) return 'no'
  // A parameter, an import or an expression of them: it may well be this resource.
  if (isIntrinsic(value)) return 'unknown'
  return 'no'
}

function nameOf(node: GraphNode): unknown {
  const property = NAME_PROPERTY[node.kind]
  return property ? node.props[property] : undefined
}

export interface AlarmQuery {
  /** CloudWatch namespace, e.g. AWS/Lambda. */
  namespace: string
  /** Metric names any of which counts (e.g. Errors). */
  metrics: readonly string[]
}

/** The alarms of a graph with their metrics, by literal metric name; metrics without one are kept apart. */
interface AlarmIndex {
  alarms: readonly GraphNode[]
  byMetricName: Map<string, Array<{order: number; metric: WatchedMetric}>>
  /** Metric math expressions and metrics whose name is an intrinsic: they may be any metric. */
  unnamed: Array<{order: number; metric: WatchedMetric}>
}

// Every resource asks about the same alarms: read them once per graph (live accounts hold thousands).
const ALARM_INDEXES = new WeakMap<ResourceGraph, AlarmIndex>()

function alarmIndex(graph: ResourceGraph): AlarmIndex {
  const alarms = graph.ofKind('alarm')
  const cached = ALARM_INDEXES.get(graph)
  if (cached && cached.alarms.length === alarms.length && cached.alarms.at(-1) === alarms.at(-1)) return cached
  const index: AlarmIndex = {alarms, byMetricName: new Map(), unnamed: []}
  alarms.forEach((alarm, order) => {
    for (const metric of watchedMetrics(alarm)) {
      const metricName = metric.expression === undefined ? literal(metric.metricName) : undefined
      if (metricName === undefined) {
        index.unnamed.push({order, metric})
        continue
      }
      const key = String(metricName)
      let list = index.byMetricName.get(key)
      if (!list) index.byMetricName.set(key, (list = []))
      list.push({order, metric})
    }
  })
  ALARM_INDEXES.set(graph, index)
  return index
}

function metricWatches(graph: ResourceGraph, node: GraphNode, query: AlarmQuery, metric: WatchedMetric): boolean {
  if (metric.expression !== undefined) {
    return /\b(SELECT|SEARCH)\b/i.test(metric.expression) && metric.expression.includes(query.namespace) && query.metrics.some((name) => metric.expression!.includes(name))
  }
  const metricName = literal(metric.metricName)
  if (metricName !== undefined && !query.metrics.includes(String(metricName))) return false
  const namespace = literal(metric.namespace)
  if (namespace !== undefined && namespace !== query.namespace) return false
  // An unresolved metric name or namespace might be this one; a dimension must still point here.
  const verdicts = metric.dimensions.map((dimension) => dimensionTargets(graph, get(dimension, 'Value'), node))
  return verdicts.includes('yes') || (verdicts.includes('unknown') && !verdicts.includes('no'))
}

/**
 * Alarms on one of the metrics of a node: by a dimension naming the node (through Ref, GetAtt, Sub,
 * a literal name or a live name), in metric math over such metrics, or in a Metrics Insights query
 * naming the metric. Dimension values that cannot be resolved count, leniently.
 */
export function alarmsWatching(graph: ResourceGraph, node: GraphNode, query: AlarmQuery): GraphNode[] {
  const index = alarmIndex(graph)
  const matched = new Set<number>()
  const consider = (entries: ReadonlyArray<{order: number; metric: WatchedMetric}>): void => {
    for (const {order, metric} of entries) if (!matched.has(order) && metricWatches(graph, node, query, metric)) matched.add(order)
  }
  for (const name of new Set(query.metrics)) consider(index.byMetricName.get(name) ?? [])
  consider(index.unnamed)
  return index.alarms.filter((_, order) => matched.has(order))
}

export function hasAlarm(graph: ResourceGraph, node: GraphNode, query: AlarmQuery): boolean {
  return alarmsWatching(graph, node, query).length > 0
}

/** Composite alarms whose rule includes this alarm: by intrinsic (`ALARM(${Child})`), by name, or live by ARN or name. */
export function compositeParents(graph: ResourceGraph, alarm: GraphNode): GraphNode[] {
  const byEdge = graph
    .in(alarm.id, 'alarms-on')
    .map((edge) => graph.get(edge.from))
    .filter((node): node is GraphNode => node?.kind === 'compositeAlarm')
  const name = literal(alarm.props.AlarmName)
  const byName =
    typeof name === 'string'
      ? graph.ofKind('compositeAlarm').filter((composite) => {
          const rule = composite.props.AlarmRule
          const text = typeof rule === 'string' ? rule : JSON.stringify(rule ?? '')
          return text.includes(`"${name}"`) || text.includes(`(${name})`) || text.includes(`\\"${name}\\"`)
        })
      : []
  return [...new Set([...byEdge, ...byName])]
}

/** True when the alarm itself notifies: actions enabled and at least one alarm action (an intrinsic counts). */
export function hasOwnAction(alarm: GraphNode): boolean {
  const enabled = alarm.props.ActionsEnabled
  if (enabled === false || enabled === 'false') return false
  const actions = alarm.props.AlarmActions
  if (actions === undefined) return false
  if (isIntrinsic(actions)) return true
  return asArray(actions).length > 0
}

/** True when the alarm or a composite alarm including it (at any depth) notifies someone. */
export function notifiesSomeone(graph: ResourceGraph, alarm: GraphNode, seen: Set<string> = new Set()): boolean {
  if (seen.has(alarm.id)) return false
  seen.add(alarm.id)
  if (hasOwnAction(alarm)) return true
  return compositeParents(graph, alarm).some((parent) => notifiesSomeone(graph, parent, seen))
}

/** An alarm on one AWS/Lambda metric of a function, as the function alarm rules' fixes write it (`FunctionName: !Ref Fn`). */
export function functionAlarm(metric: string, description: string, statistic: AlarmSpec['statistic'], threshold: number, comparison: AlarmSpec['comparison'], evaluationPeriods = 1): AlarmSpec {
  return {description, namespace: 'AWS/Lambda', metric, dimension: 'FunctionName', value: (id) => ({Ref: id}), statistic, period: 60, evaluationPeriods, threshold, comparison}
}
