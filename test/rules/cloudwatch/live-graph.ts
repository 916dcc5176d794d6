// Test helper: a live-account graph built from CloudFormation-shaped nodes, as the audit collectors produce it.
import {runRules} from '../../../src/engine/run.js'
import type {Finding} from '../../../src/engine/finding.js'
import {linkGraph} from '../../../src/model/edges.js'
import {kindOfType, ResourceGraph} from '../../../src/model/graph.js'
import {findRule} from '../../../src/rules/index.js'
import {FIXED_NOW} from '../../helpers/lint.js'

export interface LiveResource {
  arn: string
  type: string
  props: Record<string, unknown>
  /** Names the resource answers to live (function name, queue URL, alarm name). */
  aliases?: string[]
}

/** Builds a live graph: ids are ARNs, nodes answer to their names, nothing has a template location. */
export function liveGraph(resources: LiveResource[]): ResourceGraph {
  const graph = new ResourceGraph({source: 'live', parameters: {}, conditions: {}, sam: false})
  for (const resource of resources) {
    graph.add({
      id: resource.arn,
      type: resource.type,
      kind: kindOfType(resource.type),
      props: resource.props,
      source: 'live',
      origin: {arn: resource.arn, region: 'eu-west-1', accountId: '123456789012'},
      aliases: [resource.arn, ...(resource.aliases ?? [])],
      locate: () => undefined,
    })
  }
  linkGraph(graph)
  return graph
}

/** Runs one rule over a live graph. */
export function runRuleLive(id: string, resources: LiveResource[]): Finding[] {
  const rule = findRule(id)
  if (!rule) throw new Error(`no rule ${id}`)
  return runRules(liveGraph(resources), [{rule, severity: rule.meta.severity, options: {...rule.meta.options}}], {now: FIXED_NOW}).filter((finding) => finding.ruleId === id)
}
