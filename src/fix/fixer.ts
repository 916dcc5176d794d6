// What a rule's autofix works with: the file as written, where a graph node came from (SAM resources, Globals), and helpers that return text edits.
import type {ResourceGraph} from '../model/graph.js'
import {isRecord} from '../model/intrinsics.js'
import type {GraphNode} from '../model/types.js'
import {FixSource} from './source.js'
import type {FixProposal, TextEdit} from './types.js'

/** The resource a node comes from, as the user wrote it. */
export interface WrittenResource {
  id: string
  type: string
  properties: Record<string, unknown>
  /** Declared as a SAM resource (AWS::Serverless::*): the node may be one SAM generates from it. */
  sam: boolean
}

/** Where a SAM resource keeps the property a CloudFormation path stands for. */
export interface SamTarget {
  /** Path in the SAM resource's Properties. */
  path: Array<string | number>
  value: unknown
  /** The Globals section that may set it for every resource of the type (Function, Api, HttpApi, …). */
  globals?: string
  /** The SAM resource type the path belongs to, without `AWS::Serverless::` (default: the Globals section). */
  resource?: string
}

/** An alarm on one metric of one resource. */
export interface AlarmSpec {
  description: string
  namespace: string
  metric: string
  /** The dimension's name, and its value from the logical id the resource was written as (`FunctionName: !Ref Worker`). */
  dimension: string
  value: (id: string) => unknown
  statistic: 'Sum' | 'Maximum' | 'Average'
  period?: number
  evaluationPeriods?: number
  threshold: number
  comparison: 'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold'
}

export class Fixer {
  readonly source: FixSource
  /** Resource ids handed out during this pass, so two fixes never add resources with one name. */
  private readonly claimed = new Set<string>()

  constructor(
    text: string,
    format: 'yaml' | 'json',
    readonly graph: ResourceGraph,
  ) {
    this.source = new FixSource(text, format)
  }

  private get template(): Record<string, unknown> {
    return this.graph.context.template ?? {}
  }

  /** The resource as written that `node` was declared as or generated from. */
  written(node: GraphNode): WrittenResource | undefined {
    if (node.source !== 'template') return undefined
    const id = node.origin.logicalId ?? node.id
    const resources = this.template.Resources
    const decl = isRecord(resources) ? resources[id] : undefined
    if (!isRecord(decl) || typeof decl.Type !== 'string') return undefined
    // A resource the user wrote under another name (Fn::ForEach, a module) is not in the text as it stands.
    if (!this.source.hasResource(id)) return undefined
    return {id, type: decl.Type, properties: isRecord(decl.Properties) ? decl.Properties : {}, sam: decl.Type.startsWith('AWS::Serverless::')}
  }

  /**
   * Sets a property of the resource `node` stands for: `path` in a CloudFormation resource's Properties,
   * or, when the user wrote a SAM resource, `sam.path` in its Properties — or in `Globals` when the
   * value there is what the resource inherits. Undefined when it cannot be written (no SAM mapping,
   * an intrinsic in the way, a resource not in the text).
   */
  setProperty(node: GraphNode, path: Array<string | number>, value: unknown, sam?: SamTarget): TextEdit[] | undefined {
    const written = this.written(node)
    if (!written) return undefined
    if (written.sam || written.type !== node.type) {
      if (!sam || !written.sam) return undefined
      // An implicit API is declared by a function's events: its properties are not the function's.
      if (written.type !== `AWS::Serverless::${sam.resource ?? sam.globals}`) return undefined
      const [head] = sam.path
      const globals = sam.globals ? this.template.Globals : undefined
      const section = isRecord(globals) && sam.globals ? globals[sam.globals] : undefined
      if (head !== undefined && !(head in written.properties) && isRecord(section) && head in section) return this.source.set(['Globals', sam.globals!, ...sam.path], sam.value)
      return this.source.set(['Resources', written.id, 'Properties', ...sam.path], sam.value)
    }
    return this.source.set(['Resources', written.id, 'Properties', ...path], value)
  }

  /**
   * The SAM event (its name under the function's `Events`) a generated node comes from: SAM names what an
   * event generates after the function and the event (`WorkerQueue` for event `Queue` of `Worker`).
   */
  samEventOf(node: GraphNode): string | undefined {
    const written = this.written(node)
    if (!written?.sam || node.id === written.id) return undefined
    const events = written.properties.Events
    if (!isRecord(events)) return undefined
    const names = Object.keys(events).filter((name) => node.id.startsWith(`${written.id}${name}`))
    // The longest match: events `Queue` and `QueueB` both prefix `WorkerQueueB`.
    return names.sort((a, b) => b.length - a.length)[0]
  }

  /**
   * Sets a property of the SAM event a generated node comes from (`Events.<name>.Properties.<path>`), when the
   * event is of one of `types` (an SNS event's SQS subscription has no batch settings of its own, for one).
   */
  setEventProperty(node: GraphNode, path: string[], value: unknown, types?: readonly string[]): TextEdit[] | undefined {
    const event = this.samEventOf(node)
    const written = this.written(node)
    if (!event || !written) return undefined
    const type = (written.properties.Events as Record<string, {Type?: unknown}>)[event]?.Type
    if (types && !(typeof type === 'string' && types.includes(type))) return undefined
    return this.source.set(['Resources', written.id, 'Properties', 'Events', event, 'Properties', ...path], value)
  }

  /** Sets resource attributes (DeletionPolicy, UpdateReplacePolicy) on the resource as written. */
  setAttributes(node: GraphNode, attributes: Record<string, unknown>): TextEdit[] | undefined {
    const written = this.written(node)
    if (!written) return undefined
    // SAM copies these attributes onto the resource a SimpleTable becomes; other SAM resources generate several, which the user may not want retained.
    if (written.sam && written.type !== 'AWS::Serverless::SimpleTable') return undefined
    return this.source.set(['Resources', written.id], attributes)
  }

  /** A free logical id `base`, `base2`, … for a new resource. */
  newResourceId(base: string): string {
    let id = this.source.freeResourceId(base)
    for (let n = 2; this.claimed.has(id); n++) id = this.source.freeResourceId(`${base}${n}`)
    this.claimed.add(id)
    return id
  }

  /** Writes a new resource right after the resource `anchor` was written as. */
  addResourceAfter(anchor: GraphNode | string, id: string, resource: Record<string, unknown>): TextEdit[] | undefined {
    return this.addResourcesAfter(anchor, {[id]: resource})
  }

  /** Writes new resources, in order, right after the resource `anchor` was written as. */
  addResourcesAfter(anchor: GraphNode | string, resources: Record<string, Record<string, unknown>>): TextEdit[] | undefined {
    const anchorId = typeof anchor === 'string' ? anchor : this.written(anchor)?.id
    return anchorId ? this.source.insertResourcesAfter(anchorId, resources) : undefined
  }

  /**
   * What a new alarm notifies: the template's alarm topic (parameter or resource), or else a new parameter
   * `AlarmTopicArn` the deployment must fill in — which makes the fix unsafe, and says so.
   */
  alarmTarget(): {action: unknown; edits: TextEdit[] | undefined; unsafe?: string} {
    const existing = this.alarmAction()
    if (existing) return {action: existing, edits: []}
    const parameter = 'AlarmTopicArn'
    return {
      action: {Ref: parameter},
      edits: this.source.set(['Parameters', parameter], {Type: 'String', Description: 'ARN of the SNS topic that alarms notify'}),
      unsafe: `the template has no alarm topic, so the fix adds a parameter ${parameter} without a default: fill in the ARN of the SNS topic to notify when deploying`,
    }
  }

  /** An alarm resource in the shape the alarm rules look for, notifying the alarm target. */
  alarm(spec: AlarmSpec, id: string, action: unknown): Record<string, unknown> {
    return {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmDescription: spec.description,
        Namespace: spec.namespace,
        MetricName: spec.metric,
        Dimensions: [{Name: spec.dimension, Value: spec.value(id)}],
        Statistic: spec.statistic,
        Period: spec.period ?? 60,
        EvaluationPeriods: spec.evaluationPeriods ?? 1,
        Threshold: spec.threshold,
        ComparisonOperator: spec.comparison,
        TreatMissingData: 'notBreaching',
        AlarmActions: [action],
      },
    }
  }

  /**
   * A fix that adds an alarm on `node`'s metric right after the resource it was written as, named after the
   * node. A node SAM generates is referred to by its generated logical id, which CloudFormation resolves.
   */
  addAlarm(node: GraphNode, suffix: string, spec: AlarmSpec): FixProposal | undefined {
    const written = this.written(node)
    if (!written) return undefined
    const id = this.newResourceId(`${node.id}${suffix}`)
    const target = this.alarmTarget()
    return this.propose(`Add alarm ${id} on ${spec.namespace} ${spec.metric}`, [this.addResourceAfter(written.id, id, this.alarm(spec, node.id, target.action)), target.edits], target.unsafe)
  }

  /** `{Ref: x}`: written as `!Ref x` or `Ref: x` by the toolkit, in the file's style. */
  ref(id: string): Record<string, unknown> {
    return {Ref: id}
  }

  getAtt(id: string, attribute: string): Record<string, unknown> {
    return {'Fn::GetAtt': [id, attribute]}
  }

  /**
   * Where alarms should notify: a parameter or an SNS topic of the template named for alarms
   * (AlarmTopic, AlarmTopicArn, OpsAlerts…), as a value for AlarmActions; undefined when there is none.
   */
  alarmAction(): unknown {
    const parameters = this.template.Parameters
    const named = /alarm|alert|notif|oncall|ops/i
    if (isRecord(parameters)) {
      for (const [name, decl] of Object.entries(parameters)) {
        if (named.test(name) && /topic|arn|sns/i.test(name) && isRecord(decl)) return {Ref: name}
      }
    }
    for (const topic of this.graph.ofType('AWS::SNS::Topic')) {
      if (topic.id === topic.origin.logicalId && named.test(topic.id) && this.source.hasResource(topic.id)) return {Ref: topic.id}
    }
    return undefined
  }

  /**
   * One proposal from several groups of edits, applied together; undefined when any group could
   * not be made. Insertions at the same offset are joined in the order given.
   */
  propose(description: string, groups: Array<TextEdit[] | undefined>, unsafe?: string): FixProposal | undefined {
    if (groups.some((group) => group === undefined)) return undefined
    const edits: TextEdit[] = []
    for (const edit of groups.flat() as TextEdit[]) {
      const same = edits.find((other) => other.start === edit.start && other.end === edit.start && edit.end === edit.start)
      if (same) same.text += edit.text
      else edits.push({...edit})
    }
    if (edits.length === 0) return undefined
    return {edits, description, unsafe}
  }
}
