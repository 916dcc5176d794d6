// Graph queries the Lambda rules share: which function a node stands for, what invokes it and how, what its role may call.
import {lookupBranches, type Presence} from '../../model/conditional.js'
import {actionMatches} from '../../model/iam-actions.js'
import type {ResourceGraph} from '../../model/graph.js'
import {asArray, get, literal, literalNumber} from '../../model/intrinsics.js'
import {
  asyncPrincipal,
  deliveredTo,
  functionAndQualifiers,
  functionBehind,
  grantsOf,
  invokesAsynchronously,
  publishesToDefaultBus,
  resolveFunction,
  resolveResource,
  roleOf,
  routeIntegration,
} from '../../model/relations.js'
import type {GraphNode} from '../../model/types.js'
import {displayName} from '../helpers.js'

export {deliveredTo, functionAndQualifiers, functionBehind, grantsOf, publishesToDefaultBus, resolveFunction, resolveResource, roleOf, routeIntegration}

export type MappingSourceKind = 'sqs' | 'kinesis' | 'dynamodb' | 'kafka' | 'mq' | 'docdb'

export interface MappingSource {
  kind: MappingSourceKind
  /** The queue, stream or table node, when the source is in the graph. */
  node?: GraphNode
}

const SOURCE_KIND_BY_TYPE: Record<string, MappingSourceKind> = {
  'AWS::SQS::Queue': 'sqs',
  'AWS::Kinesis::Stream': 'kinesis',
  'AWS::Kinesis::StreamConsumer': 'kinesis',
  'AWS::DynamoDB::Table': 'dynamodb',
  'AWS::DynamoDB::GlobalTable': 'dynamodb',
  'AWS::MSK::Cluster': 'kafka',
  'AWS::MSK::ServerlessCluster': 'kafka',
  'AWS::AmazonMQ::Broker': 'mq',
  'AWS::DocDB::DBCluster': 'docdb',
}

const SOURCE_KIND_BY_ARN: Array<[RegExp, MappingSourceKind]> = [
  [/^arn:[^:]*:sqs:/, 'sqs'],
  [/^arn:[^:]*:kinesis:/, 'kinesis'],
  [/^arn:[^:]*:dynamodb:/, 'dynamodb'],
  [/^arn:[^:]*:kafka:/, 'kafka'],
  [/^arn:[^:]*:mq:/, 'mq'],
  [/^arn:[^:]*:rds:/, 'docdb'],
]

/** What an event source mapping reads from; undefined when it cannot be told (an unresolved parameter or import). */
export function mappingSource(graph: ResourceGraph, mapping: GraphNode): MappingSource | undefined {
  if (mapping.props.SelfManagedEventSource !== undefined) return {kind: 'kafka'}
  const arn = mapping.props.EventSourceArn
  const node = resolveResource(graph, arn)
  if (node) {
    const kind = SOURCE_KIND_BY_TYPE[node.type]
    return kind ? {kind, node} : undefined
  }
  const text = typeof arn === 'string' ? arn : typeof get(arn, 'Fn::Sub') === 'string' ? (get(arn, 'Fn::Sub') as string) : get(arn, 'Fn::Sub', 0)
  if (typeof text !== 'string') return undefined
  const normalised = text.replace(/\$\{AWS::Partition\}/g, 'aws')
  for (const [pattern, kind] of SOURCE_KIND_BY_ARN) if (pattern.test(normalised)) return {kind}
  return undefined
}

export const SOURCE_LABEL: Record<MappingSourceKind, string> = {
  sqs: 'SQS queue',
  kinesis: 'Kinesis stream',
  dynamodb: 'DynamoDB stream',
  kafka: 'Kafka topic',
  mq: 'Amazon MQ broker',
  docdb: 'DocumentDB change stream',
}

/** Stream-like sources: records are read in order per shard or partition, so a failing record blocks the ones behind it. */
export const STREAM_KINDS: ReadonlySet<MappingSourceKind> = new Set(['kinesis', 'dynamodb', 'kafka'])

/** Default BatchSize of a mapping by source, as Lambda applies it. */
export const DEFAULT_BATCH_SIZE: Record<MappingSourceKind, number> = {sqs: 10, kinesis: 100, dynamodb: 100, kafka: 100, mq: 100, docdb: 100}

/** The event source mappings that make a function run, with what they read. */
export function mappingsOf(graph: ResourceGraph, fn: GraphNode): Array<{mapping: GraphNode; source: MappingSource | undefined}> {
  return graph
    .ofKind('eventSourceMapping')
    .filter((mapping) => resolveFunction(graph, mapping.props.FunctionName) === fn)
    .map((mapping) => ({mapping, source: mappingSource(graph, mapping)}))
}

/** How something invokes a function. */
export interface Invocation {
  /** Short kind: sns, s3, eventbridge, schedule, scheduler, iot, logs, ses, api, sqs, kinesis, … */
  kind: string
  /** The node that makes the function run (subscription, rule, permission, mapping, bucket, …). */
  via: GraphNode
  /** True when the service invokes the function asynchronously (InvocationType Event). */
  async: boolean
  /** Readable source for messages, e.g. "SNS topic Orders". */
  label: string
}

function principalOf(permission: GraphNode): string | undefined {
  const principal = literal(permission.props.Principal)
  return typeof principal === 'string' ? principal.toLowerCase() : undefined
}

/** A readable name of an event source node, e.g. "EventBridge schedule Nightly". */
function sourceLabel(node: GraphNode, fallback: string): string {
  const name = displayName(node)
  if (node.kind === 'rule') return `${node.props.ScheduleExpression === undefined ? 'EventBridge rule' : 'EventBridge schedule'} ${name}`
  if (node.kind === 'topic') return `SNS topic ${name}`
  if (node.kind === 'bucket') return `S3 bucket ${name}`
  return `${fallback} ${name}`
}

function describe(graph: ResourceGraph, prefix: string, value: unknown): string {
  const node = resolveResource(graph, value)
  return node ? sourceLabel(node, prefix) : prefix
}

/** Everything in the graph that invokes the function (directly or through an alias or version), and whether asynchronously. */
export function invocationsOf(graph: ResourceGraph, fn: GraphNode): Invocation[] {
  const result: Invocation[] = []
  const targets = functionAndQualifiers(graph, fn)
  const triggerNodes = new Map<string, GraphNode>()
  // The model says which sources invoke asynchronously; the kinds and labels below are for messages.
  const asyncSources = new Set<string>()
  for (const target of targets) {
    for (const edge of graph.in(target.id, 'triggers')) {
      const node = graph.get(edge.from)
      if (node) triggerNodes.set(node.id, node)
    }
    for (const edge of graph.in(target.id, 'invokes-async')) asyncSources.add(edge.from)
  }
  for (const node of triggerNodes.values()) {
    switch (node.kind) {
      case 'eventSourceMapping': {
        const source = mappingSource(graph, node)
        result.push({
          kind: source?.kind ?? 'mapping',
          via: node,
          async: false,
          label: source ? `${SOURCE_LABEL[source.kind]}${source.node ? ` ${displayName(source.node)}` : ''}` : `event source mapping ${displayName(node)}`,
        })
        break
      }
      case 'permission': {
        const principal = principalOf(node)
        if (principal === undefined) break
        const known = asyncPrincipal(principal)
        if (known) result.push({kind: known.kind, via: node, async: asyncSources.has(node.id), label: describe(graph, known.label, node.props.SourceArn)})
        else result.push({kind: principal.startsWith('apigateway.') ? 'api' : 'other', via: node, async: false, label: principal})
        break
      }
      case 'subscription':
        if (literal(node.props.Protocol) === 'lambda') result.push({kind: 'sns', via: node, async: asyncSources.has(node.id), label: describe(graph, 'SNS topic', node.props.TopicArn)})
        break
      case 'topic':
        result.push({kind: 'sns', via: node, async: asyncSources.has(node.id), label: `SNS topic ${displayName(node)}`})
        break
      case 'rule':
        result.push({kind: node.props.ScheduleExpression === undefined ? 'eventbridge' : 'schedule', via: node, async: asyncSources.has(node.id), label: sourceLabel(node, 'EventBridge rule')})
        break
      case 'schedule':
        result.push({kind: 'scheduler', via: node, async: asyncSources.has(node.id), label: `EventBridge Scheduler schedule ${displayName(node)}`})
        break
      case 'pipe': {
        result.push({kind: 'pipe', via: node, async: asyncSources.has(node.id), label: `EventBridge pipe ${displayName(node)}`})
        break
      }
      default:
        break
    }
  }
  // Sources that name the function in their own properties, without a typed edge.
  for (const bucket of graph.ofType('AWS::S3::Bucket')) {
    for (const config of asArray(get(bucket.props, 'NotificationConfiguration', 'LambdaConfigurations'))) {
      if (resolveFunction(graph, get(config, 'Function')) === fn) result.push({kind: 's3', via: bucket, async: invokesAsynchronously(bucket), label: `S3 bucket ${displayName(bucket)}`})
    }
  }
  for (const rule of graph.ofType('AWS::IoT::TopicRule')) {
    for (const action of asArray(get(rule.props, 'TopicRulePayload', 'Actions'))) {
      if (resolveFunction(graph, get(action, 'Lambda', 'FunctionArn')) === fn) result.push({kind: 'iot', via: rule, async: invokesAsynchronously(rule), label: `IoT rule ${displayName(rule)}`})
    }
  }
  for (const filter of graph.ofType('AWS::Logs::SubscriptionFilter')) {
    if (resolveFunction(graph, filter.props.DestinationArn) === fn) result.push({kind: 'logs', via: filter, async: invokesAsynchronously(filter), label: `CloudWatch Logs subscription ${displayName(filter)}`})
  }
  return result
}

/** Distinct labels, in order, for a message. */
export function labels(invocations: Invocation[]): string {
  const all = [...new Set(invocations.map((invocation) => invocation.label))]
  // A permission without SourceArn says only "S3 bucket"; drop it when a named source of the same kind is known.
  return all.filter((label) => !all.some((other) => other.startsWith(`${label} `))).join(', ')
}

/** The event invoke configurations of a function (any qualifier), and whether some configuration could not be attributed to a function. */
export function invokeConfigsOf(graph: ResourceGraph, fn: GraphNode): {configs: GraphNode[]; unattributed: GraphNode[]} {
  const configs: GraphNode[] = []
  const unattributed: GraphNode[] = []
  for (const config of graph.ofKind('eventInvokeConfig')) {
    const target = resolveFunction(graph, config.props.FunctionName)
    if (target === fn) configs.push(config)
    else if (!target && literal(config.props.FunctionName) === undefined) unattributed.push(config)
  }
  return {configs, unattributed}
}

/**
 * Whether failed asynchronous events of the function go somewhere (a DeadLetterConfig or an on-failure
 * destination): always, only on some branch of an `Fn::If`, or never.
 */
export function asyncFailureTarget(graph: ResourceGraph, fn: GraphNode): Presence {
  const {configs, unattributed} = invokeConfigsOf(graph, fn)
  // A configuration we cannot tie to a function may be this function's: be lenient.
  const presences = [
    lookupBranches(fn.props, 'DeadLetterConfig', 'TargetArn').presence,
    ...[...configs, ...unattributed].map((config) => lookupBranches(config.props, 'DestinationConfig', 'OnFailure', 'Destination').presence),
  ]
  return presences.includes('set') ? 'set' : presences.includes('conditional') ? 'conditional' : 'absent'
}

/** True when failed asynchronous events of the function go somewhere, on at least one branch. */
export function hasAsyncFailureTarget(graph: ResourceGraph, fn: GraphNode): boolean {
  return asyncFailureTarget(graph, fn) !== 'absent'
}

export {actionMatches}

/** Nodes the function's role may publish to: the model's `publishes-to` edges (statements and SAM policy templates alike). */
export function publishTargets(graph: ResourceGraph, fn: GraphNode): GraphNode[] {
  const role = roleOf(graph, fn)
  if (!role) return []
  return [...new Set(graph.out(role.id, 'publishes-to').map((edge) => graph.get(edge.to)))].filter((node): node is GraphNode => node !== undefined)
}

/** Functions the function's role may invoke: the model's `invokes` edges (statements and SAM's LambdaInvokePolicy alike). */
export function invokeTargets(graph: ResourceGraph, fn: GraphNode): GraphNode[] {
  const role = roleOf(graph, fn)
  if (!role) return []
  return [...new Set(graph.out(role.id, 'invokes').map((edge) => graph.get(edge.to)))].filter((node): node is GraphNode => node !== undefined)
}

/** The function timeout in seconds, CloudFormation's default (3) when unset, undefined when it cannot be read. */
export function functionTimeout(fn: GraphNode): number | undefined {
  if (fn.props.Timeout === undefined) return 3
  return literalNumber(fn.props.Timeout)
}
