// What collectors produce: live nodes in CloudFormation's shape, the names they answer to, and what could not be checked.
import {kindOfType} from '../model/graph.js'
import type {GraphNode} from '../model/types.js'
import type {ServiceName} from './clients.js'

/** A part of the account that could not be read, and the action that was refused. */
export interface NotChecked {
  region: string
  service: ServiceName
  /** IAM action that was denied, e.g. sqs:GetQueueAttributes. */
  action: string
  message: string
  /** How many resources were left unread, when only some were. */
  resources?: number
}

export interface LiveNodeInput {
  /** Node id when it must differ from the ARN (an event invoke config or permission shares its function's ARN). */
  id?: string
  arn: string
  type: string
  props: Record<string, unknown>
  region: string
  accountId: string
  /** Identifiers only this resource has: URLs, physical ids, qualified ARNs. */
  aliases?: string[]
  /** Bare names (function name, queue name…), used for resolving only when no other resource shares them. */
  names?: string[]
  /** What CloudFormation calls the resource (ListStackResources' PhysicalResourceId), when not the ARN. */
  physicalIds?: string[]
  /** The node this one belongs to (a function for its event source mappings), whose owning stack it inherits. */
  parent?: string
  managed?: boolean
}

/** Live-only bookkeeping kept next to each node. */
export interface LiveExtras {
  names: string[]
  physicalIds: string[]
  parent?: string
  rootStack?: string
  /** Some per-resource reads were refused, so rules would judge it on partial facts. */
  incomplete?: boolean
}

const noLocation = (): undefined => undefined

export function liveNode(input: LiveNodeInput): GraphNode {
  return {
    id: input.id ?? input.arn,
    type: input.type,
    kind: kindOfType(input.type),
    props: dropUndefined(input.props),
    source: 'live',
    origin: {arn: input.arn, region: input.region, accountId: input.accountId},
    // A node whose id is not its ARN must not answer to the ARN, or it would shadow the resource it belongs to.
    aliases: input.id ? [input.id, ...(input.aliases ?? [])] : [input.arn, ...(input.aliases ?? [])],
    managed: input.managed,
    locate: noLocation,
  }
}

/** Nodes and coverage of one audit, filled by every collector. */
export class Collection {
  private readonly byId = new Map<string, GraphNode>()
  readonly extras = new Map<string, LiveExtras>()
  readonly notChecked: NotChecked[] = []

  add(input: LiveNodeInput): GraphNode {
    const node = liveNode(input)
    this.put(node, {names: input.names ?? [], physicalIds: input.physicalIds ?? [], parent: input.parent})
    return node
  }

  put(node: GraphNode, extras: LiveExtras): void {
    this.byId.set(node.id, node)
    this.extras.set(node.id, extras)
  }

  get(id: string): GraphNode | undefined {
    return this.byId.get(id)
  }

  get nodes(): GraphNode[] {
    return [...this.byId.values()]
  }

  ofType(type: string, region?: string): GraphNode[] {
    return this.nodes.filter((node) => node.type === type && (region === undefined || node.origin.region === region))
  }

  /** Marks a resource as read only in part. */
  markIncomplete(id: string): void {
    const extras = this.extras.get(id)
    if (extras) extras.incomplete = true
  }

  deny(entry: NotChecked): void {
    const same = this.notChecked.find((e) => e.region === entry.region && e.action === entry.action)
    if (same) {
      if (entry.resources !== undefined) same.resources = (same.resources ?? 0) + entry.resources
      return
    }
    this.notChecked.push({...entry})
  }
}

/** Removes keys whose value is undefined, so absent settings look absent, as in a template. */
export function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  const result: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) if (item !== undefined) result[key] = item
  return result as T
}

/** Parses JSON text the API returns inside a field; keeps the text when it is not JSON. */
export function parseJsonText(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** IAM returns policy documents URL-encoded (RFC 3986); other services return plain JSON. */
export function parsePolicyDocument(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined
  const trimmed = text.trim()
  if (trimmed.startsWith('{')) return parseJsonText(trimmed)
  try {
    return parseJsonText(decodeURIComponent(trimmed.replace(/\+/g, '%20')))
  } catch {
    return text
  }
}

/** "true"/"false" attribute strings as booleans. */
export function boolAttr(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined
  return value.toLowerCase() === 'true'
}

export function numberAttr(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined
  const number = Number(value)
  return Number.isFinite(number) ? number : undefined
}
