// Turns a template fixture into the inventory an audit of the deployed stack would collect: physical names and ARNs for logical ids, intrinsics resolved, only the resource types the collectors read.
import {Collection} from '../../src/audit/collection.js'
import {type Inventory, inventoryOf} from '../../src/audit/inventory.js'
import {get, isRecord} from '../../src/model/intrinsics.js'
import type {GraphNode} from '../../src/model/types.js'
import {graphOf} from '../helpers/lint.js'

export const REGION = 'eu-west-1'
export const ACCOUNT = '123456789012'
const STACK = 'fixture'

/** Resource types the audit collectors produce: anything else is not in a live graph. */
export const COLLECTED_TYPES: ReadonlySet<string> = new Set([
  'AWS::ApiGateway::Method',
  'AWS::ApiGateway::RestApi',
  'AWS::ApiGateway::Stage',
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Stage',
  'AWS::CloudWatch::Alarm',
  'AWS::CloudWatch::CompositeAlarm',
  'AWS::Events::Archive',
  'AWS::Events::EventBus',
  'AWS::Events::Rule',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::Role',
  'AWS::Lambda::EventInvokeConfig',
  'AWS::Lambda::EventSourceMapping',
  'AWS::Lambda::Function',
  'AWS::Lambda::Permission',
  'AWS::Lambda::Url',
  'AWS::SNS::Subscription',
  'AWS::SNS::Topic',
  'AWS::SNS::TopicPolicy',
  'AWS::SQS::Queue',
  'AWS::SQS::QueuePolicy',
  'AWS::StepFunctions::StateMachine',
])

/** The property that holds a resource's physical name, when the template may set it. */
const NAME_PROPERTY: Readonly<Record<string, string>> = {
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::Events::EventBus': 'Name',
  'AWS::Events::Rule': 'Name',
  'AWS::CloudWatch::Alarm': 'AlarmName',
  'AWS::CloudWatch::CompositeAlarm': 'AlarmName',
  'AWS::ApiGateway::RestApi': 'Name',
  'AWS::ApiGatewayV2::Api': 'Name',
}

interface Deployed {
  name: string
  arn: string
  /** What `Ref` returns. */
  ref: string
  /** Other identifiers the resource answers to live (a queue's URL). */
  aliases: string[]
  attributes: Record<string, string>
}

function deployedOf(node: GraphNode, stack = STACK): Deployed {
  const declared = node.props[NAME_PROPERTY[node.type] ?? '']
  const name = typeof declared === 'string' ? declared : `${stack}-${node.id}`
  const at = `${REGION}:${ACCOUNT}`
  switch (node.type) {
    case 'AWS::SQS::Queue': {
      const url = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`
      return {name, arn: `arn:aws:sqs:${at}:${name}`, ref: url, aliases: [url], attributes: {QueueName: name, QueueUrl: url}}
    }
    case 'AWS::SNS::Topic':
      return {name, arn: `arn:aws:sns:${at}:${name}`, ref: `arn:aws:sns:${at}:${name}`, aliases: [], attributes: {TopicName: name, TopicArn: `arn:aws:sns:${at}:${name}`}}
    case 'AWS::Lambda::Function':
      return {name, arn: `arn:aws:lambda:${at}:function:${name}`, ref: name, aliases: [], attributes: {}}
    case 'AWS::IAM::Role':
      return {name, arn: `arn:aws:iam::${ACCOUNT}:role/${name}`, ref: name, aliases: [], attributes: {RoleId: `AROA${node.id.toUpperCase()}`}}
    case 'AWS::IAM::ManagedPolicy':
      return {name, arn: `arn:aws:iam::${ACCOUNT}:policy/${name}`, ref: `arn:aws:iam::${ACCOUNT}:policy/${name}`, aliases: [], attributes: {PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/${name}`}}
    case 'AWS::StepFunctions::StateMachine':
      return {name, arn: `arn:aws:states:${at}:stateMachine:${name}`, ref: `arn:aws:states:${at}:stateMachine:${name}`, aliases: [], attributes: {Name: name}}
    case 'AWS::Events::EventBus':
      return {name, arn: `arn:aws:events:${at}:event-bus/${name}`, ref: name, aliases: [], attributes: {Name: name}}
    case 'AWS::Events::Rule':
      return {name, arn: `arn:aws:events:${at}:rule/${name}`, ref: name, aliases: [], attributes: {}}
    case 'AWS::CloudWatch::Alarm':
    case 'AWS::CloudWatch::CompositeAlarm':
      return {name, arn: `arn:aws:cloudwatch:${at}:alarm:${name}`, ref: name, aliases: [], attributes: {}}
    case 'AWS::ApiGateway::RestApi':
      return {name, arn: `arn:aws:apigateway:${REGION}::/restapis/${node.id.toLowerCase()}`, ref: node.id.toLowerCase(), aliases: [], attributes: {RootResourceId: 'root'}}
    case 'AWS::ApiGatewayV2::Api':
      return {name, arn: `arn:aws:apigateway:${REGION}::/apis/${node.id.toLowerCase()}`, ref: node.id.toLowerCase(), aliases: [], attributes: {ApiId: node.id.toLowerCase()}}
    case 'AWS::ApiGatewayV2::Integration':
    case 'AWS::ApiGatewayV2::Route': {
      // The collector names them under their API, as `integrations/<id>` in a route's Target does.
      const api = isRecord(node.props.ApiId) && typeof node.props.ApiId.Ref === 'string' ? node.props.ApiId.Ref.toLowerCase() : String(node.props.ApiId)
      const arn = `arn:aws:apigateway:${REGION}::/apis/${api}/${node.type.endsWith('Integration') ? 'integrations' : 'routes'}/${name}`
      return {name, arn, ref: name, aliases: [], attributes: {}}
    }
    default: {
      const service = node.type.split('::')[1]!.toLowerCase()
      const arn = `arn:aws:${service}:${at}:${node.type.split('::')[2]!.toLowerCase()}/${name}`
      return {name, arn, ref: name, aliases: [], attributes: {}}
    }
  }
}

const PSEUDO: Readonly<Record<string, string>> = {
  'AWS::Region': REGION,
  'AWS::AccountId': ACCOUNT,
  'AWS::Partition': 'aws',
  'AWS::StackName': STACK,
  'AWS::URLSuffix': 'amazonaws.com',
}

/** Values exported by the stacks deployed so far, by export name. */
type Exports = Map<string, unknown>

/** A value with the intrinsics CloudFormation would resolve replaced by what it resolves to; what cannot be told stays as written. */
function resolveDeployed(value: unknown, table: ReadonlyMap<string, Deployed>, parameters: Record<string, unknown>, exports: Exports = new Map(), stack = STACK): unknown {
  const reference = (target: string, attribute?: string): string | undefined => {
    if (attribute === undefined) {
      if (target === 'AWS::StackName') return stack
      if (target in PSEUDO) return PSEUDO[target]
      const deployed = table.get(target)
      if (deployed) return deployed.ref
      const fallback = parameters[target]
      return typeof fallback === 'string' || typeof fallback === 'number' ? String(fallback) : undefined
    }
    const deployed = table.get(target)
    if (!deployed) return undefined
    if (attribute === 'Arn') return deployed.arn
    if (attribute === 'StreamArn') return `${deployed.arn}/stream/2026-11-23T00:00:00.000`
    return deployed.attributes[attribute] ?? (attribute.endsWith('Arn') ? deployed.arn : deployed.name)
  }
  const resolveItem = (item: unknown): unknown => resolveDeployed(item, table, parameters, exports, stack)
  if (Array.isArray(value)) return value.map(resolveItem)
  if (!isRecord(value)) return value
  const keys = Object.keys(value)
  if (keys.length === 1) {
    const [key] = keys
    const argument = value[key!]
    if (key === 'Fn::ImportValue') {
      const name = resolveItem(argument)
      return typeof name === 'string' && exports.has(name) ? exports.get(name) : value
    }
    if (key === 'Ref' && typeof argument === 'string') return reference(argument) ?? value
    if (key === 'Fn::GetAtt') {
      const [target, attribute] = typeof argument === 'string' ? argument.split(/\.(.*)/) : Array.isArray(argument) ? argument : []
      return (typeof target === 'string' && typeof attribute === 'string' ? reference(target, attribute) : undefined) ?? value
    }
    if (key === 'Fn::Sub') {
      const [text, variables] = Array.isArray(argument) ? argument : [argument, {}]
      if (typeof text !== 'string') return value
      const locals = isRecord(variables) ? (resolveItem(variables) as Record<string, unknown>) : {}
      let unresolved = false
      const result = text.replace(/\$\{([^}!]+)\}/g, (_, name: string) => {
        const local = locals[name]
        const replacement = typeof local === 'string' ? local : name.includes('.') ? reference(name.split('.')[0]!, name.split('.').slice(1).join('.')) : reference(name)
        if (replacement === undefined) unresolved = true
        return replacement ?? ''
      })
      return unresolved ? value : result
    }
    if (key === 'Fn::Join' && Array.isArray(argument) && typeof argument[0] === 'string' && Array.isArray(argument[1])) {
      const parts = argument[1].map(resolveItem)
      return parts.every((part) => typeof part === 'string' || typeof part === 'number') ? parts.join(argument[0]) : value
    }
  }
  const result: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    const resolved = resolveItem(item)
    if (!(isRecord(resolved) && resolved.Ref === 'AWS::NoValue')) result[key] = resolved
  }
  return result
}

/** The inventory of the stack a template fixture describes, once deployed (SAM expanded, as CloudFormation would). */
export function inventoryFromTemplate(text: string, file = 'template.yaml'): Inventory {
  return inventoryFromStacks([{stack: STACK, text, file}])
}

/** The inventory of several stacks deployed in order into one account and region: a stack's imports resolve to what earlier stacks export. */
export function inventoryFromStacks(stacks: ReadonlyArray<{stack: string; text: string; file: string}>): Inventory {
  const collection = new Collection()
  const exports: Exports = new Map()
  for (const {stack, text, file} of stacks) deployStack(collection, graphOf(text, file), stack, exports)
  return inventoryOf(collection, {accountId: ACCOUNT, partition: 'aws', regions: [REGION], collectedAt: new Date('2026-11-23T00:00:00Z')})
}

function deployStack(collection: Collection, graph: ReturnType<typeof graphOf>, stack: string, exports: Exports): void {
  const table = new Map(graph.nodes.map((node) => [node.id, deployedOf(node, stack)]))
  const parameters: Record<string, unknown> = {}
  for (const [name, parameter] of Object.entries(graph.context.parameters ?? {})) if (isRecord(parameter) && parameter.Default !== undefined) parameters[name] = parameter.Default
  for (const node of graph.nodes) {
    if (!COLLECTED_TYPES.has(node.type)) continue
    const deployed = table.get(node.id)!
    const props = resolveDeployed(node.props, table, parameters, exports, stack) as Record<string, unknown>
    const shared = node.type === 'AWS::Lambda::Permission' || node.type === 'AWS::Lambda::EventInvokeConfig' || node.type === 'AWS::Lambda::EventSourceMapping'
    collection.add({
      id: shared ? `${deployed.arn}#${node.id}` : undefined,
      arn: deployed.arn,
      type: node.type,
      props,
      region: node.type.startsWith('AWS::IAM::') ? 'global' : REGION,
      accountId: ACCOUNT,
      aliases: deployed.aliases,
      names: [deployed.name],
      physicalIds: [deployed.name],
    })
    const origin = collection.get(shared ? `${deployed.arn}#${node.id}` : deployed.arn)!.origin
    origin.stack = stack
    origin.logicalId = node.origin.logicalId ?? node.id
  }
  const outputs = graph.context.template?.Outputs
  for (const output of Object.values(isRecord(outputs) ? outputs : {})) {
    const name = resolveDeployed(get(output, 'Export', 'Name'), table, parameters, exports, stack)
    if (typeof name === 'string') exports.set(name, resolveDeployed(get(output, 'Value'), table, parameters, exports, stack))
  }
}
