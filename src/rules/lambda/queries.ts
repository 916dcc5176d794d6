// Graph queries the Lambda rules share: which function a node stands for, what invokes it and how, what its role may call.
import {lookupBranches, type Presence} from '../../model/conditional.js'
import {roleStatements} from '../../model/edges.js'
import {actionMatches} from '../../model/iam-actions.js'
import type {ResourceGraph} from '../../model/graph.js'
import {asArray, get, isIntrinsic, isRecord, literal, literalNumber, PSEUDO_PARAMETERS, subReferences} from '../../model/intrinsics.js'
import type {GraphNode} from '../../model/types.js'
import {displayName} from '../helpers.js'

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

/** Service principals whose invocations are asynchronous, with a label. */
const ASYNC_PRINCIPALS: Record<string, [string, string]> = {
  'sns.amazonaws.com': ['sns', 'SNS topic'],
  's3.amazonaws.com': ['s3', 'S3 bucket'],
  'events.amazonaws.com': ['eventbridge', 'EventBridge rule'],
  'iot.amazonaws.com': ['iot', 'IoT rule'],
  'logs.amazonaws.com': ['logs', 'CloudWatch Logs subscription'],
  'ses.amazonaws.com': ['ses', 'SES receipt rule'],
  'codecommit.amazonaws.com': ['codecommit', 'CodeCommit trigger'],
  'config.amazonaws.com': ['config', 'AWS Config rule'],
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
  for (const target of targets) {
    for (const edge of graph.in(target.id, 'triggers')) {
      const node = graph.get(edge.from)
      if (node) triggerNodes.set(node.id, node)
    }
  }
  for (const node of triggerNodes.values()) {
    switch (node.kind) {
      case 'eventSourceMapping': {
        const source = mappingSource(graph, node)
        result.push({kind: source?.kind ?? 'mapping', via: node, async: false, label: source ? `${SOURCE_LABEL[source.kind]}${source.node ? ` ${displayName(source.node)}` : ''}` : `event source mapping ${displayName(node)}`})
        break
      }
      case 'permission': {
        const principal = principalOf(node)
        if (principal === undefined) break
        const known = ASYNC_PRINCIPALS[principal]
        if (known) result.push({kind: known[0], via: node, async: true, label: describe(graph, known[1], node.props.SourceArn)})
        else result.push({kind: principal.startsWith('apigateway.') ? 'api' : 'other', via: node, async: false, label: principal})
        break
      }
      case 'subscription':
        if (literal(node.props.Protocol) === 'lambda') result.push({kind: 'sns', via: node, async: true, label: describe(graph, 'SNS topic', node.props.TopicArn)})
        break
      case 'topic':
        result.push({kind: 'sns', via: node, async: true, label: `SNS topic ${displayName(node)}`})
        break
      case 'rule':
        result.push({kind: node.props.ScheduleExpression === undefined ? 'eventbridge' : 'schedule', via: node, async: true, label: sourceLabel(node, 'EventBridge rule')})
        break
      case 'schedule':
        result.push({kind: 'scheduler', via: node, async: true, label: `EventBridge Scheduler schedule ${displayName(node)}`})
        break
      case 'pipe': {
        const invocationType = literal(get(node.props, 'TargetParameters', 'LambdaFunctionParameters', 'InvocationType'))
        result.push({kind: 'pipe', via: node, async: invocationType === 'FIRE_AND_FORGET', label: `EventBridge pipe ${displayName(node)}`})
        break
      }
      default:
        break
    }
  }
  // Sources that name the function in their own properties, without a typed edge.
  for (const bucket of graph.ofType('AWS::S3::Bucket')) {
    for (const config of asArray(get(bucket.props, 'NotificationConfiguration', 'LambdaConfigurations'))) {
      if (resolveFunction(graph, get(config, 'Function')) === fn) result.push({kind: 's3', via: bucket, async: true, label: `S3 bucket ${displayName(bucket)}`})
    }
  }
  for (const rule of graph.ofType('AWS::IoT::TopicRule')) {
    for (const action of asArray(get(rule.props, 'TopicRulePayload', 'Actions'))) {
      if (resolveFunction(graph, get(action, 'Lambda', 'FunctionArn')) === fn) result.push({kind: 'iot', via: rule, async: true, label: `IoT rule ${displayName(rule)}`})
    }
  }
  for (const filter of graph.ofType('AWS::Logs::SubscriptionFilter')) {
    if (resolveFunction(graph, filter.props.DestinationArn) === fn) result.push({kind: 'logs', via: filter, async: true, label: `CloudWatch Logs subscription ${displayName(filter)}`})
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

/** The execution role of a function, when it is a role in the graph. */
export function roleOf(graph: ResourceGraph, fn: GraphNode): GraphNode | undefined {
  for (const edge of graph.out(fn.id, 'assumes-role')) {
    const role = graph.get(edge.to)
    if (role?.kind === 'role') return role
  }
  return undefined
}

export {actionMatches}

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

/** Nodes the function's role may publish to: `publishes-to` edges and statements (including SAM policy templates). */
export function publishTargets(graph: ResourceGraph, fn: GraphNode): GraphNode[] {
  const role = roleOf(graph, fn)
  if (!role) return []
  const targets = new Map<string, GraphNode>()
  for (const edge of graph.out(role.id, 'publishes-to')) {
    const node = graph.get(edge.to)
    if (node) targets.set(node.id, node)
  }
  for (const grant of grantsOf(graph, role, PUBLISH_ACTIONS)) {
    if (['queue', 'topic', 'bus', 'stateMachine'].includes(grant.target.kind)) targets.set(grant.target.id, grant.target)
  }
  return [...targets.values()]
}

/** Functions the function's role may invoke: `invokes` edges and statements (including SAM's LambdaInvokePolicy). */
export function invokeTargets(graph: ResourceGraph, fn: GraphNode): GraphNode[] {
  const role = roleOf(graph, fn)
  if (!role) return []
  const targets = new Map<string, GraphNode>()
  for (const edge of graph.out(role.id, 'invokes')) {
    const node = functionBehind(graph, graph.get(edge.to))
    if (node) targets.set(node.id, node)
  }
  for (const grant of grantsOf(graph, role, ['lambda:InvokeFunction'])) {
    const node = functionBehind(graph, grant.target)
    if (node) targets.set(node.id, node)
  }
  return [...targets.values()]
}

/** The literal or referenced name a bus answers to, for matching rules' EventBusName. */
function busMatches(graph: ResourceGraph, rule: GraphNode, bus: GraphNode | 'default'): boolean {
  const name = rule.props.EventBusName
  if (bus === 'default') return name === undefined || name === 'default' || (typeof name === 'string' && /:event-bus\/default$/.test(name))
  if (name === undefined) return false
  if (resolveResource(graph, name) === bus) return true
  const busName = literal(bus.props.Name)
  return typeof name === 'string' && busName !== undefined && (name === busName || name.endsWith(`:event-bus/${busName}`))
}

/**
 * Where a message put on a queue, topic or bus is delivered next: the functions, queues, topics and
 * state machines that consume it (mappings and pipes for queues and streams, subscriptions for topics, rule targets for buses).
 */
export function deliveredTo(graph: ResourceGraph, node: GraphNode | 'default'): GraphNode[] {
  const next: GraphNode[] = []
  const add = (value: unknown): void => {
    const target = resolveResource(graph, value)
    const fn = functionBehind(graph, target)
    if (fn) next.push(fn)
    else if (target) next.push(target)
  }
  if (node === 'default' || node.kind === 'bus') {
    for (const rule of graph.ofKind('rule')) {
      // Scheduled rules fire on the clock, not on events put on the bus.
      if (rule.props.EventPattern === undefined || !busMatches(graph, rule, node)) continue
      for (const target of asArray(rule.props.Targets)) add(get(target, 'Arn'))
    }
    return next
  }
  if (node.kind === 'queue' || node.kind === 'stream' || node.kind === 'table') {
    for (const mapping of graph.ofKind('eventSourceMapping')) {
      if (resolveResource(graph, mapping.props.EventSourceArn) === node) add(mapping.props.FunctionName)
    }
    for (const pipe of graph.ofKind('pipe')) {
      if (resolveResource(graph, pipe.props.Source) === node) add(pipe.props.Target)
    }
    return next
  }
  if (node.kind === 'topic') {
    for (const subscription of asArray(node.props.Subscription)) add(get(subscription, 'Endpoint'))
    for (const subscription of graph.ofKind('subscription')) {
      if (resolveResource(graph, subscription.props.TopicArn) === node) add(subscription.props.Endpoint)
    }
  }
  return next
}

/** True when the role statements allow `events:PutEvents` on the default bus (named by ARN text). */
export function publishesToDefaultBus(graph: ResourceGraph, fn: GraphNode): boolean {
  const role = roleOf(graph, fn)
  if (!role) return false
  for (const {statement} of roleStatements(graph, role)) {
    if (statement.Effect !== 'Allow') continue
    const patterns = asArray(statement.Action).filter((a): a is string => typeof a === 'string')
    if (!patterns.some((pattern) => actionMatches(pattern, 'events:PutEvents'))) continue
    for (const resource of asArray(statement.Resource)) {
      const text = typeof resource === 'string' ? resource : get(resource, 'Fn::Sub')
      const first = Array.isArray(text) ? text[0] : text
      if (typeof first === 'string' && /:event-bus\/default$/.test(first)) return true
    }
  }
  return false
}

/** The function timeout in seconds, CloudFormation's default (3) when unset, undefined when it cannot be read. */
export function functionTimeout(fn: GraphNode): number | undefined {
  if (fn.props.Timeout === undefined) return 3
  return literalNumber(fn.props.Timeout)
}
