// Relations between resources the graph answers for every rule: what a value names, which function a qualifier stands for, and what a role may call.
import type {ResourceGraph} from './graph.js'
import {actionMatches} from './iam-actions.js'
import {asArray, get, isIntrinsic, isRecord, literal, PSEUDO_PARAMETERS, subReferences} from './intrinsics.js'
import type {GraphNode, PropPath} from './types.js'

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

/**
 * The integration an HTTP or WebSocket API route sends requests to. A template names it with
 * `integrations/${Integration}`; a live route carries `integrations/<IntegrationId>`, which is the tail
 * of the collected integration's ARN under the same API.
 */
export function routeIntegration(graph: ResourceGraph, route: GraphNode): GraphNode | undefined {
  const direct = resolveResource(graph, route.props.Target)
  if (direct) return direct
  const target = literal(route.props.Target)
  const id = typeof target === 'string' ? /^integrations\/([^/]+)$/.exec(target)?.[1] : undefined
  if (!id) return undefined
  const apiId = literal(route.props.ApiId)
  return graph.ofType('AWS::ApiGatewayV2::Integration').find((integration) => integration.origin.arn?.endsWith(`/integrations/${id}`) && literal(integration.props.ApiId) === apiId)
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

/** Actions by which a role's holder invokes a function synchronously. */
export const INVOKE_ACTIONS = ['lambda:InvokeFunction'] as const

/**
 * Actions by which a role's holder hands work to a queue, topic, bus or state machine. SQS and SNS
 * authorise their batch calls (SendMessageBatch, PublishBatch) with sqs:SendMessage and sns:Publish: those
 * are not IAM actions of their own. StartSyncExecution is one (Express workflows; SAM's
 * StepFunctionsExecutionPolicy grants it beside StartExecution).
 */
export const PUBLISH_ACTIONS = ['sqs:SendMessage', 'sns:Publish', 'events:PutEvents', 'states:StartExecution', 'states:StartSyncExecution'] as const

const PUBLISH_TARGET_KINDS: ReadonlySet<string> = new Set(['queue', 'topic', 'bus', 'stateMachine'])

/**
 * Service principals that invoke a function asynchronously (Lambda queues the event, so failures need
 * a destination), with the kind and label of the source. CloudFormation is not one: it invokes a custom
 * resource's function with the caller's credentials, and reports a failure in the stack's events.
 */
export const ASYNC_PRINCIPALS: Readonly<Record<string, {kind: string; label: string}>> = {
  'sns.amazonaws.com': {kind: 'sns', label: 'SNS topic'},
  's3.amazonaws.com': {kind: 's3', label: 'S3 bucket'},
  'events.amazonaws.com': {kind: 'eventbridge', label: 'EventBridge rule'},
  'scheduler.amazonaws.com': {kind: 'scheduler', label: 'EventBridge Scheduler schedule'},
  'iot.amazonaws.com': {kind: 'iot', label: 'IoT rule'},
  'logs.amazonaws.com': {kind: 'logs', label: 'CloudWatch Logs subscription'},
  'ses.amazonaws.com': {kind: 'ses', label: 'SES receipt rule'},
  'codecommit.amazonaws.com': {kind: 'codecommit', label: 'CodeCommit trigger'},
  'config.amazonaws.com': {kind: 'config', label: 'AWS Config rule'},
}

/** The asynchronous source a permission's principal names, if it is one. */
export function asyncPrincipal(principal: unknown): {kind: string; label: string} | undefined {
  const text = literal(principal)
  return typeof text === 'string' ? ASYNC_PRINCIPALS[text.toLowerCase()] : undefined
}

/** Types that name a function in their own properties and always invoke it asynchronously. */
const ASYNC_SOURCE_TYPES: ReadonlySet<string> = new Set(['AWS::S3::Bucket', 'AWS::IoT::TopicRule', 'AWS::Logs::SubscriptionFilter'])

/** True when a node that triggers a function makes Lambda run it asynchronously (InvocationType Event). */
export function invokesAsynchronously(node: GraphNode): boolean {
  switch (node.kind) {
    case 'permission':
      return asyncPrincipal(node.props.Principal) !== undefined
    case 'subscription':
      return literal(node.props.Protocol) === 'lambda'
    case 'topic':
    case 'rule':
    case 'schedule':
      return true
    case 'pipe':
      return literal(get(node.props, 'TargetParameters', 'LambdaFunctionParameters', 'InvocationType')) === 'FIRE_AND_FORGET'
    default:
      return ASYNC_SOURCE_TYPES.has(node.type)
  }
}

/** `invokes` and `publishes-to` edges from roles, read from their inline and attached policy statements (SAM policy templates included). */
export function linkRoleGrants(graph: ResourceGraph): void {
  const actions = [...INVOKE_ACTIONS, ...PUBLISH_ACTIONS]
  for (const role of graph.ofKind('role')) {
    for (const grant of grantsOf(graph, role, actions)) {
      if (grant.actions.some((action) => (INVOKE_ACTIONS as readonly string[]).includes(action))) {
        const fn = functionBehind(graph, grant.target)
        if (fn) graph.addEdge({from: role.id, to: fn.id, kind: 'invokes'})
      }
      if (PUBLISH_TARGET_KINDS.has(grant.target.kind) && grant.actions.some((action) => (PUBLISH_ACTIONS as readonly string[]).includes(action))) {
        graph.addEdge({from: role.id, to: grant.target.id, kind: 'publishes-to'})
      }
    }
  }
}

/** `invokes-async` edges beside the `triggers` edges of sources that make Lambda run a function (or its alias or version) asynchronously. */
export function linkAsyncInvocations(graph: ResourceGraph): void {
  for (const target of graph.ofKind('function', 'alias', 'version')) {
    for (const edge of graph.in(target.id, 'triggers')) {
      const source = graph.get(edge.from)
      if (source && invokesAsynchronously(source)) graph.addEdge({from: source.id, to: target.id, kind: 'invokes-async'})
    }
  }
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
      const first: unknown = Array.isArray(text) ? text[0] : text
      if (typeof first === 'string' && /:event-bus\/default$/.test(first)) return true
    }
  }
  return false
}

export interface PolicyStatementRef {
  /** The node that holds the statement (a role with inline policies, or a policy resource). */
  holder: GraphNode
  statement: Record<string, unknown>
  /** Path of the statement inside the holder's props. */
  path: PropPath
}

/** Every statement of a policy document, with its path. */
export function documentStatements(holder: GraphNode, document: unknown, basePath: PropPath): PolicyStatementRef[] {
  const doc = typeof document === 'string' ? safeJson(document) : document
  const statements = get(doc, 'Statement')
  if (Array.isArray(statements)) {
    return statements.flatMap((statement, index) => (isRecord(statement) ? [{holder, statement, path: [...basePath, 'Statement', index]}] : []))
  }
  return isRecord(statements) ? [{holder, statement: statements, path: [...basePath, 'Statement']}] : []
}

/** The statements that apply to a role: its inline policies and the IAM::Policy / ManagedPolicy resources attached to it. */
export function roleStatements(graph: ResourceGraph, role: GraphNode): PolicyStatementRef[] {
  const result: PolicyStatementRef[] = []
  asArray(role.props.Policies).forEach((policy, index) => {
    result.push(...documentStatements(role, get(policy, 'PolicyDocument'), ['Policies', index, 'PolicyDocument']))
  })
  for (const edge of graph.in(role.id, 'attached-to')) {
    const policy = graph.get(edge.from)
    if (policy) result.push(...documentStatements(policy, policy.props.PolicyDocument, ['PolicyDocument']))
  }
  for (const arn of asArray(role.props.ManagedPolicyArns)) {
    const policy = graph.resolve(arn)
    if (policy && policy.kind === 'managedPolicy' && !graph.in(role.id, 'attached-to').some((edge) => edge.from === policy.id)) {
      result.push(...documentStatements(policy, policy.props.PolicyDocument, ['PolicyDocument']))
    }
  }
  return result
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
