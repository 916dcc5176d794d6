// The collected account as data: saved with --save-inventory, audited offline with --from-inventory, and turned into the resource graph rules read.
import {readFileSync} from 'node:fs'

import {linkGraph} from '../model/edges.js'
import {kindOfType, ResourceGraph} from '../model/graph.js'
import {asArray, get, isRecord} from '../model/intrinsics.js'
import type {GraphNode, NodeOrigin, PropPath} from '../model/types.js'
import type {Collection, NotChecked} from './collection.js'
import {redactEnvironment} from './secrets.js'

export const INVENTORY_FORMAT = 'sls-eda-inventory'

export interface InventoryNode {
  id: string
  type: string
  props: Record<string, unknown>
  origin: NodeOrigin
  aliases: string[]
  names: string[]
  parent?: string
  /** Top-level stack, for resources of nested stacks. */
  rootStack?: string
  managed?: boolean
  metadata?: Record<string, unknown>
  /** Some reads of this resource were refused; it is not judged. */
  incomplete?: boolean
}

export interface Inventory {
  format: typeof INVENTORY_FORMAT
  version: 1
  collectedAt: string
  accountId: string
  partition: string
  regions: string[]
  notChecked: NotChecked[]
  nodes: InventoryNode[]
}

export function inventoryOf(collection: Collection, meta: {accountId: string; partition: string; regions: string[]; collectedAt: Date}): Inventory {
  return {
    format: INVENTORY_FORMAT,
    version: 1,
    collectedAt: meta.collectedAt.toISOString(),
    accountId: meta.accountId,
    partition: meta.partition,
    regions: meta.regions,
    notChecked: collection.notChecked,
    nodes: collection.nodes.map((node) => {
      const extras = collection.extras.get(node.id)
      return {
        id: node.id,
        type: node.type,
        props: node.props,
        origin: node.origin,
        aliases: node.aliases ?? [],
        names: extras?.names ?? [],
        parent: extras?.parent,
        rootStack: extras?.rootStack,
        managed: node.managed,
        metadata: node.metadata,
        incomplete: extras?.incomplete,
      }
    }),
  }
}

/** The inventory as it is written to a file: secret-looking environment values are replaced, never stored. */
export function serializeInventory(inventory: Inventory): string {
  return JSON.stringify({...inventory, nodes: inventory.nodes.map((node) => (node.type === 'AWS::Lambda::Function' ? {...node, props: redactEnvironment(node.props)} : node))}) + '\n'
}

export class InventoryError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InventoryError'
  }
}

export function readInventory(file: string): Inventory {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new InventoryError(`cannot read inventory ${file}: ${(error as Error).message.split('\n')[0]}`)
  }
  if (!isRecord(raw) || raw.format !== INVENTORY_FORMAT || raw.version !== 1 || !Array.isArray(raw.nodes)) {
    throw new InventoryError(`${file} is not an sls-eda inventory (write one with \`sls-eda audit --save-inventory FILE\`)`)
  }
  for (const node of raw.nodes) {
    if (!isRecord(node) || typeof node.id !== 'string' || typeof node.type !== 'string' || !isRecord(node.props) || !isRecord(node.origin)) {
      throw new InventoryError(`${file}: every node needs id, type, props and origin`)
    }
  }
  return raw as unknown as Inventory
}

const noLocation = (): undefined => undefined

/**
 * The resource graph of a live account. Bare names (function, queue, alarm names…) resolve only when
 * no other resource shares them; metric dimensions are linked by their dimension name within their
 * region, so a queue and a function called "orders" are never confused.
 */
export function buildLiveGraph(inventory: Inventory): ResourceGraph {
  const graph = new ResourceGraph({source: 'live', parameters: {}, conditions: {}, sam: false})
  const nameCount = new Map<string, number>()
  for (const node of inventory.nodes) for (const name of new Set(node.names)) nameCount.set(name, (nameCount.get(name) ?? 0) + 1)
  const aliasTaken = new Set(inventory.nodes.flatMap((node) => node.aliases))
  for (const node of inventory.nodes) {
    const unique = node.names.filter((name) => nameCount.get(name) === 1 && !aliasTaken.has(name))
    const live: GraphNode = {
      id: node.id,
      type: node.type,
      kind: kindOfType(node.type),
      props: node.props,
      source: 'live',
      origin: node.origin,
      aliases: [...node.aliases, ...unique],
      managed: node.managed,
      metadata: node.metadata,
      locate: noLocation,
    }
    graph.add(live)
  }
  linkGraph(graph)
  linkAlarmDimensions(graph, inventory)
  return graph
}

/** Which resource type a metric dimension names. */
const DIMENSION_TYPES: Readonly<Record<string, string>> = {
  FunctionName: 'AWS::Lambda::Function',
  QueueName: 'AWS::SQS::Queue',
  TopicName: 'AWS::SNS::Topic',
  StateMachineArn: 'AWS::StepFunctions::StateMachine',
  ApiName: 'AWS::ApiGateway::RestApi',
  ApiId: 'AWS::ApiGatewayV2::Api',
  RuleName: 'AWS::Events::Rule',
  EventBusName: 'AWS::Events::EventBus',
}

function linkAlarmDimensions(graph: ResourceGraph, inventory: Inventory): void {
  const byName = new Map<string, string>()
  const ambiguous = new Set<string>()
  for (const node of inventory.nodes) {
    for (const name of [...node.names, ...node.aliases]) {
      const key = `${node.origin.region}|${node.type}|${name}`
      if (byName.has(key) && byName.get(key) !== node.id) ambiguous.add(key)
      byName.set(key, node.id)
    }
  }
  const find = (region: string | undefined, type: string, value: unknown): string | undefined => {
    if (typeof value !== 'string') return undefined
    const key = `${region}|${type}|${value}`
    return ambiguous.has(key) ? undefined : byName.get(key)
  }
  const link = (alarm: GraphNode, dimensions: unknown, base: PropPath): void => {
    asArray(dimensions).forEach((dimension, index) => {
      const type = DIMENSION_TYPES[String(get(dimension, 'Name'))]
      const target = type ? find(alarm.origin.region, type, get(dimension, 'Value')) : undefined
      if (target) graph.addEdge({from: alarm.id, to: target, kind: 'alarms-on', path: [...base, index, 'Value']})
    })
  }
  for (const alarm of graph.ofType('AWS::CloudWatch::Alarm')) {
    link(alarm, alarm.props.Dimensions, ['Dimensions'])
    asArray(alarm.props.Metrics).forEach((query, queryIndex) => link(alarm, get(query, 'MetricStat', 'Metric', 'Dimensions'), ['Metrics', queryIndex, 'MetricStat', 'Metric', 'Dimensions']))
  }
  for (const composite of graph.ofType('AWS::CloudWatch::CompositeAlarm')) {
    const rule = composite.props.AlarmRule
    if (typeof rule !== 'string') continue
    for (const match of rule.matchAll(/\b(?:ALARM|OK|INSUFFICIENT_DATA)\(\s*"?([^")]+?)"?\s*\)/g)) {
      const name = match[1]!
      const target = name.startsWith('arn:') ? graph.resolve(name)?.id : (find(composite.origin.region, 'AWS::CloudWatch::Alarm', name) ?? find(composite.origin.region, 'AWS::CloudWatch::CompositeAlarm', name))
      if (target) graph.addEdge({from: composite.id, to: target, kind: 'alarms-on', path: ['AlarmRule']})
    }
  }
}
