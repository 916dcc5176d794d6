// Derives the typed edges of the graph from CloudFormation-shaped properties, for template and live nodes alike.
import type {ResourceGraph} from './graph.js'
import {asArray, collectReferences, get, isRecord} from './intrinsics.js'
import {functionBehind, linkAsyncInvocations, linkRoleGrants} from './relations.js'
import type {EdgeKind, GraphNode, NodeKind, PropPath} from './types.js'

type Linker = (node: GraphNode, link: (value: unknown, kind: EdgeKind, path: PropPath, reverse?: boolean) => void, graph: ResourceGraph) => void

/** Per-type extraction of typed edges. `reverse` makes the edge point from the resolved node to this one. */
const LINKERS: Record<string, Linker> = {
  'AWS::Lambda::Function': (node, link) => {
    link(node.props.Role, 'assumes-role', ['Role'])
    link(get(node.props, 'DeadLetterConfig', 'TargetArn'), 'dead-letters-to', ['DeadLetterConfig', 'TargetArn'])
  },
  'AWS::Lambda::EventSourceMapping': (node, link) => {
    link(node.props.FunctionName, 'triggers', ['FunctionName'])
    link(get(node.props, 'DestinationConfig', 'OnFailure', 'Destination'), 'dead-letters-to', ['DestinationConfig', 'OnFailure', 'Destination'])
  },
  'AWS::Lambda::EventInvokeConfig': (node, link) => {
    link(get(node.props, 'DestinationConfig', 'OnFailure', 'Destination'), 'dead-letters-to', ['DestinationConfig', 'OnFailure', 'Destination'])
  },
  'AWS::Lambda::Permission': (node, link) => {
    link(node.props.FunctionName, 'triggers', ['FunctionName'])
  },
  'AWS::SQS::Queue': (node, link) => {
    link(redriveTarget(node.props.RedrivePolicy), 'dead-letters-to', ['RedrivePolicy'])
  },
  'AWS::SNS::Subscription': (node, link) => {
    link(node.props.Endpoint, 'triggers', ['Endpoint'])
    link(redriveTarget(node.props.RedrivePolicy), 'dead-letters-to', ['RedrivePolicy'])
  },
  'AWS::SNS::Topic': (node, link) => {
    asArray(node.props.Subscription).forEach((subscription, index) => {
      link(get(subscription, 'Endpoint'), 'triggers', ['Subscription', index, 'Endpoint'])
    })
  },
  'AWS::Events::Rule': (node, link) => {
    asArray(node.props.Targets).forEach((target, index) => {
      link(get(target, 'Arn'), 'triggers', ['Targets', index, 'Arn'])
      link(get(target, 'DeadLetterConfig', 'Arn'), 'dead-letters-to', ['Targets', index, 'DeadLetterConfig', 'Arn'])
    })
  },
  'AWS::Scheduler::Schedule': (node, link) => {
    link(get(node.props, 'Target', 'Arn'), 'triggers', ['Target', 'Arn'])
    link(get(node.props, 'Target', 'DeadLetterConfig', 'Arn'), 'dead-letters-to', ['Target', 'DeadLetterConfig', 'Arn'])
  },
  'AWS::Pipes::Pipe': (node, link) => {
    link(node.props.Target, 'triggers', ['Target'])
    link(node.props.RoleArn, 'assumes-role', ['RoleArn'])
    for (const kind of ['SqsQueueParameters', 'KinesisStreamParameters', 'DynamoDBStreamParameters']) {
      link(get(node.props, 'SourceParameters', kind, 'DeadLetterConfig', 'Arn'), 'dead-letters-to', ['SourceParameters', kind, 'DeadLetterConfig', 'Arn'])
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
    asArray(get(node.props, 'TopicRulePayload', 'Actions')).forEach((action, index) =>
      link(get(action, 'Lambda', 'FunctionArn'), 'triggers', ['TopicRulePayload', 'Actions', index, 'Lambda', 'FunctionArn']),
    )
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
  const wanted = name.startsWith('arn:') ? name.split(':alarm:')[1] ?? name : name
  return graph.ofKind('alarm', 'compositeAlarm').find((alarm) => alarm.props.AlarmName === wanted || alarm.id === wanted || alarm.origin.arn === name)
}

/** The DLQ ARN of a RedrivePolicy, which CloudFormation accepts as an object and the live API returns as JSON text. */
export function redriveTarget(policy: unknown): unknown {
  if (typeof policy === 'string') {
    try {
      return get(JSON.parse(policy), 'deadLetterTargetArn')
    } catch {
      return undefined
    }
  }
  return get(policy, 'deadLetterTargetArn')
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
        const resolved = graph.resolve(value)
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
