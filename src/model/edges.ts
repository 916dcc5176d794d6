// Derives the typed edges of the graph from CloudFormation-shaped properties, for template and live nodes alike.
import type {ResourceGraph} from './graph.js'
import {lookupBranches} from './conditional.js'
import {asArray, collectReferences, get, isRecord, subArguments} from './intrinsics.js'
import {functionBehind, linkAsyncInvocations, linkRoleGrants} from './relations.js'
import type {EdgeKind, GraphNode, NodeKind, PropPath} from './types.js'

type Link = (value: unknown, kind: EdgeKind, path: PropPath, reverse?: boolean) => void
type Linker = (node: GraphNode, link: Link, graph: ResourceGraph) => void

/** Links every value a property takes on the branches of its `Fn::If`s: a dead-letter queue set on one branch is still that queue's. */
function linkBranches(link: Link, values: unknown[], kind: EdgeKind, path: PropPath): void {
  for (const value of values) for (const leaf of lookupBranches(value).values) link(leaf, kind, path)
}

/** Per-type extraction of typed edges. `reverse` makes the edge point from the resolved node to this one. */
const LINKERS: Record<string, Linker> = {
  'AWS::Lambda::Function': (node, link) => {
    link(node.props.Role, 'assumes-role', ['Role'])
    linkBranches(link, lookupBranches(node.props, 'DeadLetterConfig', 'TargetArn').values, 'dead-letters-to', ['DeadLetterConfig', 'TargetArn'])
  },
  'AWS::Lambda::EventSourceMapping': (node, link) => {
    link(node.props.FunctionName, 'triggers', ['FunctionName'])
    linkBranches(link, lookupBranches(node.props, 'DestinationConfig', 'OnFailure', 'Destination').values, 'dead-letters-to', ['DestinationConfig', 'OnFailure', 'Destination'])
  },
  'AWS::Lambda::EventInvokeConfig': (node, link) => {
    linkBranches(link, lookupBranches(node.props, 'DestinationConfig', 'OnFailure', 'Destination').values, 'dead-letters-to', ['DestinationConfig', 'OnFailure', 'Destination'])
  },
  'AWS::Lambda::Permission': (node, link) => {
    link(node.props.FunctionName, 'triggers', ['FunctionName'])
  },
  'AWS::SQS::Queue': (node, link) => {
    linkBranches(link, lookupBranches(node.props, 'RedrivePolicy').values.map(redriveTarget), 'dead-letters-to', ['RedrivePolicy'])
  },
  'AWS::SNS::Subscription': (node, link) => {
    link(node.props.Endpoint, 'triggers', ['Endpoint'])
    linkBranches(link, lookupBranches(node.props, 'RedrivePolicy').values.map(redriveTarget), 'dead-letters-to', ['RedrivePolicy'])
  },
  'AWS::SNS::Topic': (node, link) => {
    asArray(node.props.Subscription).forEach((subscription, index) => {
      link(get(subscription, 'Endpoint'), 'triggers', ['Subscription', index, 'Endpoint'])
    })
  },
  'AWS::Events::Rule': (node, link) => {
    asArray(node.props.Targets).forEach((target, index) => {
      link(get(target, 'Arn'), 'triggers', ['Targets', index, 'Arn'])
      linkBranches(link, lookupBranches(target, 'DeadLetterConfig', 'Arn').values, 'dead-letters-to', ['Targets', index, 'DeadLetterConfig', 'Arn'])
    })
  },
  'AWS::Scheduler::Schedule': (node, link) => {
    link(get(node.props, 'Target', 'Arn'), 'triggers', ['Target', 'Arn'])
    linkBranches(link, lookupBranches(node.props, 'Target', 'DeadLetterConfig', 'Arn').values, 'dead-letters-to', ['Target', 'DeadLetterConfig', 'Arn'])
  },
  'AWS::Pipes::Pipe': (node, link) => {
    link(node.props.Target, 'triggers', ['Target'])
    link(node.props.RoleArn, 'assumes-role', ['RoleArn'])
    for (const kind of ['SqsQueueParameters', 'KinesisStreamParameters', 'DynamoDBStreamParameters']) {
      linkBranches(link, lookupBranches(node.props, 'SourceParameters', kind, 'DeadLetterConfig', 'Arn').values, 'dead-letters-to', ['SourceParameters', kind, 'DeadLetterConfig', 'Arn'])
    }
  },
  'AWS::StepFunctions::StateMachine': (node, link) => {
    link(node.props.RoleArn, 'assumes-role', ['RoleArn'])
  },
  'AWS::IAM::Policy': (node, link) => {
    asArray(node.props.Roles).forEach((role, index) => link(role, 'attached-to', ['Roles', index]))
  },
  'AWS::IAM::ManagedPolicy': (node, link) => {
    asArray(node.props.Roles).forEach((role, index) => link(role, 'attached-to', ['Roles', index]))
  },
  'AWS::CloudWatch::Alarm': (node, link, graph) => {
    asArray(node.props.Dimensions).forEach((dimension, index) => link(dimensionTarget(graph, dimension), 'alarms-on', ['Dimensions', index, 'Value']))
    asArray(node.props.Metrics).forEach((query, queryIndex) => {
      asArray(get(query, 'MetricStat', 'Metric', 'Dimensions')).forEach((dimension, index) =>
        link(dimensionTarget(graph, dimension), 'alarms-on', ['Metrics', queryIndex, 'MetricStat', 'Metric', 'Dimensions', index, 'Value']),
      )
    })
  },
  'AWS::CloudWatch::CompositeAlarm': (node, link, graph) => {
    // AlarmRule is text such as ALARM("name") OR ALARM(${Other}); both names and intrinsics are linked.
    for (const ref of collectReferences(node.props.AlarmRule, ['AlarmRule'])) link({Ref: ref.target}, 'alarms-on', ref.path)
    for (const text of ruleTexts(node.props.AlarmRule)) {
      for (const match of text.matchAll(/\b(?:ALARM|OK|INSUFFICIENT_DATA)\(\s*(?:"([^"]+)"|'([^']+)'|([^)\s]+))\s*\)/g)) {
        const name = match[1] ?? match[2] ?? match[3]!
        if (name.includes('${')) continue
        const named = alarmNamed(graph, name)
        link(named ? {Ref: named.id} : name, 'alarms-on', ['AlarmRule'])
      }
    }
  },
  'AWS::S3::Bucket': (node, link) => {
    asArray(get(node.props, 'NotificationConfiguration', 'LambdaConfigurations')).forEach((configuration, index) =>
      link(get(configuration, 'Function'), 'triggers', ['NotificationConfiguration', 'LambdaConfigurations', index, 'Function']),
    )
    asArray(get(node.props, 'NotificationConfiguration', 'QueueConfigurations')).forEach((configuration, index) =>
      link(get(configuration, 'Queue'), 'publishes-to', ['NotificationConfiguration', 'QueueConfigurations', index, 'Queue']),
    )
    asArray(get(node.props, 'NotificationConfiguration', 'TopicConfigurations')).forEach((configuration, index) =>
      link(get(configuration, 'Topic'), 'publishes-to', ['NotificationConfiguration', 'TopicConfigurations', index, 'Topic']),
    )
  },
  'AWS::Logs::SubscriptionFilter': (node, link) => {
    link(node.props.DestinationArn, 'triggers', ['DestinationArn'])
  },
  'AWS::IoT::TopicRule': (node, link) => {
    asArray(get(node.props, 'TopicRulePayload', 'Actions')).forEach((action, index) => link(get(action, 'Lambda', 'FunctionArn'), 'triggers', ['TopicRulePayload', 'Actions', index, 'Lambda', 'FunctionArn']))
  },
  'AWS::Cognito::UserPool': (node, link) => {
    const config = get(node.props, 'LambdaConfig')
    if (isRecord(config)) for (const [trigger, value] of Object.entries(config)) if (typeof value !== 'object' || isIntrinsicValue(value)) link(value, 'triggers', ['LambdaConfig', trigger])
  },
}

/** Metric dimensions that name a resource, with the kind of resource and the property that holds its name in a template. */
const NAME_DIMENSIONS: Readonly<Record<string, {kinds: readonly NodeKind[]; property: string}>> = {
  QueueName: {kinds: ['queue'], property: 'QueueName'},
  FunctionName: {kinds: ['function'], property: 'FunctionName'},
  TopicName: {kinds: ['topic'], property: 'TopicName'},
  TableName: {kinds: ['table'], property: 'TableName'},
  StreamName: {kinds: ['stream'], property: 'Name'},
  RuleName: {kinds: ['rule'], property: 'Name'},
  EventBusName: {kinds: ['bus'], property: 'Name'},
  ApiName: {kinds: ['restApi'], property: 'Name'},
  StateMachineArn: {kinds: ['stateMachine'], property: 'StateMachineName'},
}

/**
 * What a dimension's value points at. A literal name (\`QueueName: orders\`) is matched against the
 * names resources of the dimension's kind are given, so an alarm on a queue by name is linked even
 * when a function has the same name; anything else resolves as usual.
 */
function dimensionTarget(graph: ResourceGraph, dimension: unknown): unknown {
  const value = get(dimension, 'Value')
  const name = get(dimension, 'Name')
  const known = typeof name === 'string' ? NAME_DIMENSIONS[name] : undefined
  if (typeof value !== 'string' || !known) return value
  const matches = graph.ofKind(...known.kinds).filter((candidate) => candidate.props[known.property] === value || candidate.origin.arn === value || (candidate.aliases ?? []).includes(value))
  return matches.length === 1 ? {Ref: matches[0]!.id} : value
}

function isIntrinsicValue(value: unknown): boolean {
  return isRecord(value) && Object.keys(value).length === 1 && (Object.keys(value)[0] === 'Ref' || Object.keys(value)[0]!.startsWith('Fn::'))
}

/** The literal text parts of an AlarmRule: the string itself, or the text of its Fn::Sub / Fn::Join. */
function ruleTexts(rule: unknown): string[] {
  if (typeof rule === 'string') return [rule]
  const sub = get(rule, 'Fn::Sub')
  if (typeof sub === 'string') return [sub]
  if (Array.isArray(sub) && typeof sub[0] === 'string') return [sub[0]]
  const join = get(rule, 'Fn::Join', 1)
  if (Array.isArray(join)) return join.filter((part): part is string => typeof part === 'string')
  return []
}

/** An alarm of the graph called `name`: by AlarmName, logical id, or the last part of its ARN. */
function alarmNamed(graph: ResourceGraph, name: string): GraphNode | undefined {
  const wanted = name.startsWith('arn:') ? (name.split(':alarm:')[1] ?? name) : name
  return graph.ofKind('alarm', 'compositeAlarm').find((alarm) => alarm.props.AlarmName === wanted || alarm.id === wanted || alarm.origin.arn === name)
}

/** The DLQ ARN of a RedrivePolicy, which CloudFormation accepts as an object or JSON text (also built with `Fn::Sub`) and the live API returns as JSON text. */
export function redriveTarget(policy: unknown): unknown {
  return get(jsonPolicyObject(policy), 'deadLetterTargetArn')
}

/**
 * A JSON policy as an object: written as an object, as JSON text, or as JSON text inside `Fn::Sub`
 * (`!Sub '{"deadLetterTargetArn": "${Dlq.Arn}", "maxReceiveCount": 5}'`). In the last case each string
 * value that holds a `${…}` comes back as an `Fn::Sub` of its own, so references still resolve.
 */
export function jsonPolicyObject(policy: unknown): Record<string, unknown> | undefined {
  if (typeof policy === 'string') {
    try {
      const parsed: unknown = JSON.parse(policy)
      return isRecord(parsed) ? parsed : undefined
    } catch {
      return undefined
    }
  }
  if (!isRecord(policy)) return undefined
  if (!('Fn::Sub' in policy)) return Object.keys(policy).some((key) => key === 'Ref' || key.startsWith('Fn::')) ? undefined : policy
  const argument = policy['Fn::Sub']
  const [text, variables] = subArguments(argument)
  if (typeof text !== 'string') return undefined
  const placeholders: string[] = []
  const masked = text.replace(/\$\{(?!!)[^}]+\}/g, (match) => `\uE000${placeholders.push(match) - 1}\uE000`)
  let parsed: unknown
  try {
    parsed = JSON.parse(masked)
  } catch {
    return undefined
  }
  if (!isRecord(parsed)) return undefined
  const restore = (value: unknown): unknown => {
    if (typeof value !== 'string' || !value.includes('\uE000')) return value
    const sub = value.replace(/\uE000(\d+)\uE000/g, (_, index: string) => placeholders[Number(index)]!)
    return {'Fn::Sub': variables === undefined ? sub : [sub, variables]}
  }
  return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, restore(value)]))
}

/** Resource types whose ARN ends with a name the template may set, and the property that sets it. */
const NAMED_BY_ARN: Readonly<Record<string, {type: string; property: string}>> = {
  sqs: {type: 'AWS::SQS::Queue', property: 'QueueName'},
  sns: {type: 'AWS::SNS::Topic', property: 'TopicName'},
}

/**
 * The queue or topic an ARN built by hand names (`!Sub arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${AWS::StackName}-dlq`),
 * found by the name the resource is given: the same literal, the same `Fn::Sub` text, or `${Param}` for `!Ref Param`.
 * Undefined unless exactly one resource matches.
 */
export function resourceByArnName(graph: ResourceGraph, value: unknown): GraphNode | undefined {
  const argument = typeof value === 'string' ? value : get(value, 'Fn::Sub')
  if (typeof argument !== 'string') return undefined
  // `${AWS::Region}` holds colons of its own: split the ARN with its variables masked.
  const variables: string[] = []
  const parts = argument.replace(/\$\{[^}]*\}/g, (match) => `\uE000${variables.push(match) - 1}\uE000`).split(':')
  if (parts.length !== 6 || parts[0] !== 'arn') return undefined
  const named = NAMED_BY_ARN[parts[2]!]
  const name = parts[5]!.replace(/\uE000(\d+)\uE000/g, (_, index: string) => variables[Number(index)]!)
  if (!named || name === '') return undefined
  const matches = graph.nodes.filter((node) => {
    if (node.type !== named.type || node.source !== 'template') return false
    const own = node.props[named.property]
    if (typeof own === 'string') return own === name
    const sub = get(own, 'Fn::Sub')
    if (typeof sub === 'string') return sub === name
    const ref = get(own, 'Ref')
    return typeof ref === 'string' && name === `\${${ref}}`
  })
  return matches.length === 1 ? matches[0] : undefined
}

/** Adds `references` edges for every intrinsic and the typed edges above. Call once all nodes are in. */
export function linkGraph(graph: ResourceGraph): void {
  for (const node of graph.nodes) {
    for (const ref of collectReferences(node.props)) {
      if (graph.get(ref.target)) graph.addEdge({from: node.id, to: ref.target, kind: 'references', path: ref.path})
    }
    const linker = LINKERS[node.type]
    if (!linker) continue
    linker(
      node,
      (value, kind, path, reverse) => {
        if (value === undefined || value === null) return
        const resolved = graph.resolve(value) ?? (graph.context.source === 'template' ? resourceByArnName(graph, value) : undefined)
        if (!resolved) return
        // A function's alias or version stands for the function: an event source mapping on `!Ref MyFunctionAliaslive` (what SAM writes with AutoPublishAlias) triggers the function.
        const target = functionBehind(graph, resolved) ?? resolved
        if (target.id === node.id) return
        graph.addEdge(reverse ? {from: target.id, to: node.id, kind, path} : {from: node.id, to: target.id, kind, path})
      },
      graph,
    )
  }
  linkRoleGrants(graph)
  linkAsyncInvocations(graph)
}

export {documentStatements, type PolicyStatementRef, roleStatements} from './relations.js'
