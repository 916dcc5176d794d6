// Shared types of the resource graph: nodes, edges, locations and the values they carry.

/** A 1-based position range in a source file. */
export interface SourceRange {
  line: number
  column: number
  endLine: number
  endColumn: number
}

/** Where a finding points in a file. */
export interface SourceLocation extends SourceRange {
  file: string
}

/** A path into a resource, from the resource's own mapping: ['Properties', 'TracingConfig', 'Mode']. */
export type PropPath = ReadonlyArray<string | number>

/** What kind of thing a node is, independent of whether it came from SAM, raw CloudFormation or a live account. */
export type NodeKind =
  | 'function'
  | 'functionUrl'
  | 'version'
  | 'alias'
  | 'eventSourceMapping'
  | 'eventInvokeConfig'
  | 'permission'
  | 'queue'
  | 'queuePolicy'
  | 'topic'
  | 'topicPolicy'
  | 'subscription'
  | 'bus'
  | 'busPolicy'
  | 'rule'
  | 'archive'
  | 'pipe'
  | 'schedule'
  | 'stateMachine'
  | 'restApi'
  | 'httpApi'
  | 'stage'
  | 'method'
  | 'route'
  | 'graphqlApi'
  | 'table'
  | 'stream'
  | 'bucket'
  | 'role'
  | 'policy'
  | 'managedPolicy'
  | 'alarm'
  | 'compositeAlarm'
  | 'logGroup'
  | 'scalableTarget'
  | 'other'

/** Typed relations between nodes. */
export type EdgeKind =
  /** Any intrinsic reference from one resource to another (Ref, GetAtt, Sub, ARN match). */
  | 'references'
  /** An event source mapping, subscription, rule target, permission or schedule makes the target run. */
  | 'triggers'
  /** Failures of the source go to the target (redrive policy, DLQ, on-failure destination). */
  | 'dead-letters-to'
  /** An alarm watches a metric of the target. */
  | 'alarms-on'
  /** A function or state machine runs as the target role. */
  | 'assumes-role'
  /** A policy is attached to a role. */
  | 'attached-to'
  /** A role is allowed to invoke the target function synchronously. */
  | 'invokes'
  /** A role may send, publish or put events to the target. */
  | 'publishes-to'
  /** The source makes Lambda run the target function (or alias or version) asynchronously: failures need a destination. */
  | 'invokes-async'

export interface GraphEdge {
  from: string
  to: string
  kind: EdgeKind
  /** The property path in the `from` node that makes the relation, when known. */
  path?: PropPath
}

export type Source = 'template' | 'live'

/** Where a node came from, so a finding can name what the user wrote or deployed. */
export interface NodeOrigin {
  /** Template file, for template nodes. */
  file?: string
  /** The logical id the user wrote (the SAM resource for generated nodes). */
  logicalId?: string
  /** The type the user wrote, e.g. AWS::Serverless::Function. */
  declaredType?: string
  /** CDK construct path from `aws:cdk:path` metadata. */
  cdkPath?: string
  /** Stack name (CDK assembly, or owning CloudFormation stack live). */
  stack?: string
  /** Live resources. */
  arn?: string
  region?: string
  accountId?: string
}

/**
 * Locates a path of a node in its source file. Paths are relative to the resource's `Properties`
 * (scope 'properties', the default) or to the resource itself (scope 'resource', for
 * `DeletionPolicy`, `Metadata` and the like). An empty path is the resource's logical id.
 */
export type Locator = (path: PropPath, scope?: 'properties' | 'resource') => SourceLocation | undefined

export interface GraphNode {
  /** Logical id in a template (generated ids for SAM-implied resources), ARN live. */
  id: string
  /** CloudFormation resource type after SAM expansion, e.g. AWS::Lambda::Function. */
  type: string
  kind: NodeKind
  /** Properties in CloudFormation's shape; intrinsics are kept as `{Ref: …}`-style objects. */
  props: Record<string, unknown>
  source: Source
  origin: NodeOrigin
  /** Resource `Metadata` (suppressions live here). */
  metadata?: Record<string, unknown>
  deletionPolicy?: unknown
  updateReplacePolicy?: unknown
  /** UpdatePolicy of a resource SAM generates (resources as written keep theirs in the template). */
  updatePolicy?: unknown
  condition?: string
  dependsOn?: string[]
  /** True for resources that SAM or a managed service creates on the user's behalf with fixed content. */
  managed?: boolean
  /** Other names this node answers to (physical names, ARNs, URLs) for resolving references live. */
  aliases?: string[]
  /** Maps a path in `props` to where the user wrote it; falls back to the resource itself. */
  locate: Locator
}
