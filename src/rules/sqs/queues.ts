// Queue facts the SQS rules share: redrive policy, FIFO-ness, retention with its default, and whether an alarm watches a queue's depth.
import {jsonPolicyObject, redriveTarget} from '../../model/edges.js'
import type {ResourceGraph} from '../../model/graph.js'
import {asArray, collectReferences, get, isRecord, literal, literalBoolean, literalNumber} from '../../model/intrinsics.js'
import type {AlarmSpec, Fixer} from '../../fix/fixer.js'
import type {TextEdit} from '../../fix/types.js'
import type {GraphNode} from '../../model/types.js'
import {displayName} from '../helpers.js'
import {grantsOf, mappingSource, resolveResource} from '../lambda/queries.js'

/** SQS keeps messages 4 days unless MessageRetentionPeriod says otherwise. */
export const DEFAULT_RETENTION_SECONDS = 345_600

/** The longest SQS keeps a message: 14 days. */
export const MAX_RETENTION_SECONDS = 1_209_600

/** The RedrivePolicy as an object: CloudFormation writes an object or JSON text (also inside `Fn::Sub`), the live API returns JSON text. */
export function redrivePolicyOf(node: GraphNode): Record<string, unknown> | undefined {
  return jsonPolicyObject(node.props.RedrivePolicy)
}

/**
 * What in the graph receives the queue's messages: event source mappings and pipes reading it, and
 * roles allowed `sqs:ReceiveMessage` on it (workers that poll it in code). Empty when nothing visible does.
 */
export function queueConsumers(graph: ResourceGraph, queue: GraphNode): GraphNode[] {
  const consumers = graph.ofKind('eventSourceMapping').filter((mapping) => mappingSource(graph, mapping)?.node === queue)
  consumers.push(...graph.nodes.filter((node) => node.type === 'AWS::Pipes::Pipe' && resolveResource(graph, node.props.Source) === queue))
  for (const role of graph.ofKind('role')) if (grantsOf(graph, role, ['sqs:ReceiveMessage']).some((grant) => grant.target === queue)) consumers.push(role)
  return consumers
}

export {redriveTarget}

/** True/false for a FIFO or standard queue; undefined when it cannot be told (FifoQueue from an intrinsic). */
export function isFifoQueue(queue: GraphNode): boolean | undefined {
  const fifo = queue.props.FifoQueue
  if (fifo !== undefined) return literalBoolean(fifo)
  const name = literal(queue.props.QueueName) ?? queue.origin.arn
  if (typeof name === 'string') return name.endsWith('.fifo')
  if (queue.props.QueueName !== undefined) return undefined
  return false
}

/** True/false for a FIFO or standard topic; undefined when it cannot be told. */
export function isFifoTopic(topic: GraphNode): boolean | undefined {
  const fifo = topic.props.FifoTopic
  if (fifo !== undefined) return literalBoolean(fifo)
  const name = literal(topic.props.TopicName) ?? topic.origin.arn
  if (typeof name === 'string') return name.endsWith('.fifo')
  return topic.props.TopicName === undefined ? false : undefined
}

/** Retention in seconds, the default when unset; undefined when given by an intrinsic. */
export function retentionSeconds(queue: GraphNode): number | undefined {
  const value = queue.props.MessageRetentionPeriod
  return value === undefined ? DEFAULT_RETENTION_SECONDS : literalNumber(value)
}

/** A readable duration for messages: "4 days", "1 hour", "90 s". */
export function humanDuration(seconds: number): string {
  const units: Array<[number, string]> = [
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ]
  for (const [size, unit] of units) {
    if (seconds >= size && seconds % size === 0) return `${seconds / size} ${unit}${seconds / size === 1 ? '' : 's'}`
  }
  return `${seconds} s`
}

/** How the user would name the node: the logical id they wrote (the SAM resource for generated ones), or the ARN's name live. */
export function userName(node: GraphNode): string {
  if (node.source === 'live') return displayName(node)
  return node.origin.logicalId ?? node.id
}

/** Whether an alarm's QueueName dimension names this queue: yes, no, cannot tell, or names it by its URL (`!Ref`), which never matches. */
export type WatchState = 'yes' | 'no' | 'unknown' | 'url'

const RANK: Record<WatchState, number> = {no: 0, url: 1, unknown: 2, yes: 3}

export function bestState(states: WatchState[]): WatchState {
  return states.reduce<WatchState>((best, state) => (RANK[state] > RANK[best] ? state : best), 'no')
}

/** Compares an alarm's QueueName dimension value with a queue. */
export function queueNameState(graph: ResourceGraph, value: unknown, queue: GraphNode): WatchState {
  if (value === undefined || value === null) return 'no'
  const ownName = queue.props.QueueName
  if (ownName !== undefined && JSON.stringify(ownName) === JSON.stringify(value)) return 'yes'
  if (typeof value === 'string') {
    if (queue.source === 'live') return graph.resolve(value)?.id === queue.id || displayName(queue) === value ? 'yes' : 'no'
    if (ownName === undefined) return 'no'
    const own = literal(ownName)
    return own === undefined ? 'unknown' : own === value ? 'yes' : 'no'
  }
  if (!isRecord(value)) return 'no'
  const refs = collectReferences(value).filter((ref) => graph.get(ref.target))
  const toQueue = refs.filter((ref) => ref.target === queue.id)
  if (toQueue.length > 0) {
    // `!Ref Queue` and `${Queue}` are the queue URL; CloudWatch's QueueName dimension is the name.
    const byName = toQueue.some((ref) => ref.attribute === 'QueueName')
    if (byName) return 'yes'
    return toQueue.every((ref) => ref.attribute === undefined) && refs.length === toQueue.length ? 'url' : 'unknown'
  }
  // Points at other resources only: another queue. Parameters, imports, mappings: cannot tell.
  return refs.length > 0 ? 'no' : 'unknown'
}

interface MetricSpec {
  metricName: unknown
  namespace: unknown
  dimensions: unknown
}

// Every dead-letter queue is compared with every alarm (thousands of each live): read each alarm's metrics once.
const SPECS = new WeakMap<GraphNode, MetricSpec[]>()

function metricSpecs(alarm: GraphNode): MetricSpec[] {
  const cached = SPECS.get(alarm)
  if (cached) return cached
  const specs: MetricSpec[] = []
  SPECS.set(alarm, specs)
  if (alarm.props.MetricName !== undefined) specs.push({metricName: alarm.props.MetricName, namespace: alarm.props.Namespace, dimensions: alarm.props.Dimensions})
  for (const query of asArray(alarm.props.Metrics)) {
    const metric = get(query, 'MetricStat', 'Metric')
    if (metric !== undefined) specs.push({metricName: get(metric, 'MetricName'), namespace: get(metric, 'Namespace'), dimensions: get(metric, 'Dimensions')})
  }
  return specs
}

/**
 * Whether an alarm can watch `metric` of some SQS queue at all. `alarmWatchState` says 'no' for every queue
 * when this is false, so rules can drop such alarms once instead of comparing each with every queue.
 */
export function mayWatchQueueMetric(alarm: GraphNode, metric: string): boolean {
  const bySpec = metricSpecs(alarm).some((spec) => {
    const name = literal(spec.metricName)
    const namespace = literal(spec.namespace)
    return (name === undefined || name === metric) && (namespace === undefined || namespace === 'AWS/SQS') && asArray(spec.dimensions).some((d) => literal(get(d, 'Name')) === 'QueueName')
  })
  return (
    bySpec ||
    asArray(alarm.props.Metrics).some((query) => {
      const expression = get(query, 'Expression')
      return typeof expression === 'string' && expression.includes(metric)
    })
  )
}

/** How well an alarm watches `metric` of the queue, through its single metric, metric math queries or a metrics-insights expression. */
export function alarmWatchState(graph: ResourceGraph, alarm: GraphNode, queue: GraphNode, metric: string): WatchState {
  const states: WatchState[] = []
  for (const spec of metricSpecs(alarm)) {
    const name = literal(spec.metricName)
    if (name !== undefined && name !== metric) continue
    const namespace = literal(spec.namespace)
    if (namespace !== undefined && namespace !== 'AWS/SQS') continue
    const dimension = asArray(spec.dimensions).find((d) => literal(get(d, 'Name')) === 'QueueName')
    const state = dimension === undefined ? 'no' : queueNameState(graph, get(dimension, 'Value'), queue)
    // A metric name from an intrinsic may or may not be the one we look for.
    states.push(name === undefined && state === 'yes' ? 'unknown' : state)
  }
  for (const query of asArray(alarm.props.Metrics)) {
    const expression = get(query, 'Expression')
    if (typeof expression === 'string' && expression.includes(metric)) {
      const own = literal(queue.props.QueueName) ?? (queue.source === 'live' ? displayName(queue) : undefined)
      states.push(typeof own === 'string' && expression.includes(own) ? 'yes' : 'unknown')
    }
  }
  return bestState(states)
}

/** The alarm a dead-letter queue needs (SQS002): any message in it means something failed for good. */
export function dlqDepthAlarm(queue: string): AlarmSpec {
  return {
    description: `Messages reached dead-letter queue ${queue}`,
    namespace: 'AWS/SQS',
    metric: 'ApproximateNumberOfMessagesVisible',
    dimension: 'QueueName',
    value: (id) => ({'Fn::GetAtt': [id, 'QueueName']}),
    statistic: 'Maximum',
    threshold: 0,
    comparison: 'GreaterThanThreshold',
  }
}

/**
 * A dead-letter queue for an AWS service to send failures to, as fixes write it: the queue (kept 14 days,
 * encrypted), a policy letting only `sourceArn` of `service` send to it over TLS, and its depth alarm.
 * `edits` adds the alarm topic parameter when the template has no alarm topic (then `unsafe` says so).
 */
export function deadLetterQueueResources(
  fixer: Fixer,
  dlq: string,
  sender: {service: string; sourceArn: unknown; fifo: boolean},
): {resources: Record<string, Record<string, unknown>>; edits: TextEdit[] | undefined; unsafe?: string} {
  const queueArn = fixer.getAtt(dlq, 'Arn')
  const target = fixer.alarmTarget()
  const policy = fixer.newResourceId(`${dlq}Policy`)
  const alarm = fixer.newResourceId(`${dlq}DepthAlarm`)
  return {
    resources: {
      [dlq]: {Type: 'AWS::SQS::Queue', Properties: {...(sender.fifo ? {FifoQueue: true} : {}), MessageRetentionPeriod: MAX_RETENTION_SECONDS, SqsManagedSseEnabled: true}},
      [policy]: {
        Type: 'AWS::SQS::QueuePolicy',
        Properties: {
          Queues: [fixer.ref(dlq)],
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {Effect: 'Allow', Principal: {Service: sender.service}, Action: 'sqs:SendMessage', Resource: queueArn, Condition: {ArnEquals: {'aws:SourceArn': sender.sourceArn}}},
              {Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: queueArn, Condition: {Bool: {'aws:SecureTransport': false}}},
            ],
          },
        },
      },
      [alarm]: fixer.alarm(dlqDepthAlarm(dlq), dlq, target.action),
    },
    edits: target.edits,
    unsafe: target.unsafe,
  }
}
