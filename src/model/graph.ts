// The resource graph that lint (templates) and audit (live accounts) both fill, and every rule reads.
import {collectReferences, isIntrinsic, isRecord, PSEUDO_PARAMETERS, subArguments, subReferences} from './intrinsics.js'
import type {UnexpandedLoop} from './language-extensions.js'
import type {EdgeKind, GraphEdge, GraphNode, NodeKind, PropPath, Source, SourceLocation} from './types.js'

/** Node kind of each CloudFormation type the rules know about; anything else is 'other'. */
export const KIND_BY_TYPE: Readonly<Record<string, NodeKind>> = {
  'AWS::Lambda::Function': 'function',
  'AWS::Lambda::Url': 'functionUrl',
  'AWS::Lambda::Version': 'version',
  'AWS::Lambda::Alias': 'alias',
  'AWS::Lambda::EventSourceMapping': 'eventSourceMapping',
  'AWS::Lambda::EventInvokeConfig': 'eventInvokeConfig',
  'AWS::Lambda::Permission': 'permission',
  'AWS::SQS::Queue': 'queue',
  'AWS::SQS::QueuePolicy': 'queuePolicy',
  'AWS::SNS::Topic': 'topic',
  'AWS::SNS::TopicPolicy': 'topicPolicy',
  'AWS::SNS::Subscription': 'subscription',
  'AWS::Events::EventBus': 'bus',
  'AWS::Events::EventBusPolicy': 'busPolicy',
  'AWS::Events::Rule': 'rule',
  'AWS::Events::Archive': 'archive',
  'AWS::Pipes::Pipe': 'pipe',
  'AWS::Scheduler::Schedule': 'schedule',
  'AWS::StepFunctions::StateMachine': 'stateMachine',
  'AWS::ApiGateway::RestApi': 'restApi',
  'AWS::ApiGateway::Stage': 'stage',
  'AWS::ApiGateway::Method': 'method',
  'AWS::ApiGatewayV2::Api': 'httpApi',
  'AWS::ApiGatewayV2::Stage': 'stage',
  'AWS::ApiGatewayV2::Route': 'route',
  'AWS::AppSync::GraphQLApi': 'graphqlApi',
  'AWS::DynamoDB::Table': 'table',
  'AWS::DynamoDB::GlobalTable': 'table',
  'AWS::Kinesis::Stream': 'stream',
  'AWS::S3::Bucket': 'bucket',
  'AWS::IAM::Role': 'role',
  'AWS::IAM::Policy': 'policy',
  'AWS::IAM::ManagedPolicy': 'managedPolicy',
  'AWS::CloudWatch::Alarm': 'alarm',
  'AWS::CloudWatch::CompositeAlarm': 'compositeAlarm',
  'AWS::Logs::LogGroup': 'logGroup',
  'AWS::ApplicationAutoScaling::ScalableTarget': 'scalableTarget',
}

export function kindOfType(type: string): NodeKind {
  return KIND_BY_TYPE[type] ?? 'other'
}

/** Template-level facts rules may need besides resources. */
export interface GraphContext {
  source: Source
  file?: string
  parameters: Record<string, unknown>
  conditions: Record<string, unknown>
  /** The template's raw value, for rules that look at sections other than Resources. */
  template?: Record<string, unknown>
  /** True when the template declares the SAM transform. */
  sam: boolean
  /** Locates an absolute path of the template as written (before SAM expansion). */
  locate?: (path: PropPath) => SourceLocation | undefined
  /** Size of the template file in bytes, when read from one. */
  bytes?: number
  /** Fn::ForEach loops that could not be expanded: what they declare is not in the graph. */
  unexpanded?: readonly UnexpandedLoop[]
}

/** Where a node of an application graph was written. */
export interface NodeScope {
  context: GraphContext
  localId: string
}

export class ResourceGraph {
  private readonly byId = new Map<string, GraphNode>()
  private readonly byAlias = new Map<string, GraphNode>()
  private readonly outgoing = new Map<string, GraphEdge[]>()
  private readonly incoming = new Map<string, GraphEdge[]>()
  private readonly edgeKeys = new Set<string>()

  /** Nodes of an application graph that came from one of several templates: that template's context and the id written there. */
  private readonly scopes = new Map<string, NodeScope>()

  constructor(public readonly context: GraphContext) {}

  add(node: GraphNode, scope?: NodeScope): GraphNode {
    this.nodeCache = undefined
    this.kindCache.clear()
    this.typeCache.clear()
    this.byId.set(node.id, node)
    for (const alias of node.aliases ?? []) this.byAlias.set(alias, node)
    if (scope) this.scopes.set(node.id, scope)
    return node
  }

  /** The context of the template a node was written in: the graph's own, except in an application graph of several templates. */
  contextOf(node: GraphNode): GraphContext {
    return this.scopes.get(node.id)?.context ?? this.context
  }

  /** The id a node has in its own template (an application graph prefixes ids with their stack). */
  localId(node: GraphNode): string {
    return this.scopes.get(node.id)?.localId ?? node.id
  }

  // Rules query nodes by kind and type once per resource; on live accounts with thousands of nodes,
  // filtering (or even copying) every node on each call dominated the run. The lists are shared: read-only.
  private nodeCache: readonly GraphNode[] | undefined
  private readonly kindCache = new Map<NodeKind, readonly GraphNode[]>()
  private readonly typeCache = new Map<string, readonly GraphNode[]>()

  get nodes(): readonly GraphNode[] {
    this.nodeCache ??= [...this.byId.values()]
    return this.nodeCache
  }

  get(id: string): GraphNode | undefined {
    return this.byId.get(id)
  }

  ofKind(...kinds: NodeKind[]): readonly GraphNode[] {
    if (kinds.length === 1) {
      const kind = kinds[0]!
      let list = this.kindCache.get(kind)
      if (!list) this.kindCache.set(kind, (list = this.nodes.filter((node) => node.kind === kind)))
      return list
    }
    return this.nodes.filter((node) => kinds.includes(node.kind))
  }

  ofType(...types: string[]): readonly GraphNode[] {
    if (types.length === 1) {
      const type = types[0]!
      let list = this.typeCache.get(type)
      if (!list) this.typeCache.set(type, (list = this.nodes.filter((node) => node.type === type)))
      return list
    }
    return this.nodes.filter((node) => types.includes(node.type))
  }

  addEdge(edge: GraphEdge): void {
    if (edge.from === edge.to && edge.kind === 'references') return
    const key = `${edge.from}\u0000${edge.to}\u0000${edge.kind}\u0000${(edge.path ?? []).join('.')}`
    if (this.edgeKeys.has(key)) return
    this.edgeKeys.add(key)
    push(this.outgoing, edge.from, edge)
    push(this.incoming, edge.to, edge)
  }

  out(id: string, kind?: EdgeKind): GraphEdge[] {
    const edges = this.outgoing.get(id) ?? []
    return kind ? edges.filter((edge) => edge.kind === kind) : edges
  }

  in(id: string, kind?: EdgeKind): GraphEdge[] {
    const edges = this.incoming.get(id) ?? []
    return kind ? edges.filter((edge) => edge.kind === kind) : edges
  }

  get edges(): GraphEdge[] {
    return [...this.outgoing.values()].flat()
  }

  /**
   * The node a value points at: `Ref`/`GetAtt` of a logical id, a `Sub` or `Join` naming exactly one
   * resource, or (live) an ARN, name or URL a node answers to. Undefined when it cannot be told.
   */
  resolve(value: unknown): GraphNode | undefined {
    if (typeof value === 'string') {
      // In a template a literal string is a physical name or ARN, never a logical id: `FunctionName: Worker`
      // names whatever function is called Worker in the account, not the resource with logical id Worker.
      const byId = this.context.source === 'live' ? this.byId.get(value) : undefined
      return this.byAlias.get(value) ?? byId ?? this.byArnSuffix(value)
    }
    if (!isRecord(value) || !isIntrinsic(value)) return undefined
    if ('Fn::Join' in value) {
      const argument = value['Fn::Join']
      const parts = Array.isArray(argument) && Array.isArray(argument[1]) ? argument[1] : []
      const targets = new Set(
        collectReferences(parts)
          .map((ref) => ref.target)
          .filter((id) => this.byId.has(id)),
      )
      return targets.size === 1 ? this.byId.get([...targets][0]!) : undefined
    }
    if ('Fn::Sub' in value) {
      const argument = value['Fn::Sub']
      const [text, variables] = subArguments(argument)
      if (typeof text !== 'string') return undefined
      const locals = isRecord(variables) ? variables : {}
      const targets = new Set<string>()
      for (const ref of subReferences(text)) {
        // A variable of the Sub's own map stands for its value: `${queueName}` with `queueName: !GetAtt Q.QueueName` names Q.
        if (Object.hasOwn(locals, ref.target) && ref.attribute === undefined) {
          const local = locals[ref.target]
          const node = typeof local === 'string' ? undefined : this.resolve(local)
          if (node) targets.add(node.id)
          continue
        }
        if (!PSEUDO_PARAMETERS.has(ref.target) && this.byId.has(ref.target)) targets.add(ref.target)
      }
      return targets.size === 1 ? this.byId.get([...targets][0]!) : undefined
    }
    const refs = collectReferences(value)
    if (refs.length !== 1) return undefined
    return this.byId.get(refs[0]!.target)
  }

  /** Live: a function ARN with a version or alias qualifier still names the function. */
  private byArnSuffix(value: string): GraphNode | undefined {
    if (!value.startsWith('arn:')) return undefined
    const parts = value.split(':')
    if (parts.length === 8 && parts[2] === 'lambda') return this.byAlias.get(parts.slice(0, 7).join(':'))
    return undefined
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
