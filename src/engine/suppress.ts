// Inline suppressions in a resource's Metadata: our own (with a required reason) and those written for other tools.
import {asArray, get, isRecord} from '../model/intrinsics.js'
import type {GraphNode, PropPath} from '../model/types.js'
import type {EquivalentTool, RuleMeta} from '../rules/types.js'

export interface Suppression {
  /** Rule id or name as written. */
  rule: string
  reason?: string
  /** Which tool's syntax it was written in. */
  tool: 'sls-eda' | EquivalentTool
  /** Where it sits, relative to the resource. */
  path: PropPath
  /** Identity of the metadata it came from: SAM-generated nodes share their parent's. */
  owner: object
  index: number
}

/**
 * Suppressions declared on a node, in every syntax we honour:
 * `Metadata.sls-eda.suppress[{rule, reason}]`, cfn-lint `Metadata.cfn-lint.config.ignore_checks`,
 * cdk-nag `Metadata.cdk_nag.rules_to_suppress[{id, reason}]`, checkov `Metadata.checkov.skip[{id, comment}]`,
 * cfn_nag `Metadata.cfn_nag.rules_to_suppress[{id, reason}]`.
 */
export function suppressionsOf(node: GraphNode): Suppression[] {
  const metadata = node.metadata
  if (!isRecord(metadata)) return []
  const result: Suppression[] = []
  const own = get(metadata, 'sls-eda', 'suppress')
  asArray(own).forEach((entry, index) => {
    const rule = typeof entry === 'string' ? entry : get(entry, 'rule')
    const reason = get(entry, 'reason')
    if (typeof rule === 'string') {
      result.push({rule, reason: typeof reason === 'string' && reason.trim() !== '' ? reason : undefined, tool: 'sls-eda', path: ['Metadata', 'sls-eda', 'suppress', index], owner: metadata, index})
    }
  })
  asArray(get(metadata, 'cfn-lint', 'config', 'ignore_checks')).forEach((id, index) => {
    if (typeof id === 'string') result.push({rule: id, reason: 'cfn-lint ignore_checks', tool: 'cfn-lint', path: ['Metadata', 'cfn-lint'], owner: metadata, index})
  })
  const withIds = (section: unknown, tool: EquivalentTool, reasonKey: string): void => {
    asArray(section).forEach((entry, index) => {
      const id = get(entry, 'id')
      const reason = get(entry, reasonKey)
      if (typeof id === 'string') result.push({rule: id, reason: typeof reason === 'string' ? reason : `${tool} suppression`, tool, path: ['Metadata'], owner: metadata, index})
    })
  }
  withIds(get(metadata, 'cdk_nag', 'rules_to_suppress'), 'cdk-nag', 'reason')
  withIds(get(metadata, 'checkov', 'skip'), 'checkov', 'comment')
  withIds(get(metadata, 'cfn_nag', 'rules_to_suppress'), 'cfn_nag', 'reason')
  return result
}

/** True when a suppression covers a rule: by our id or name, or by the rule's equivalent in the tool it was written for. */
export function suppressionMatches(suppression: Suppression, meta: RuleMeta): boolean {
  if (suppression.tool === 'sls-eda') return suppression.rule === meta.id || suppression.rule === meta.name
  const equivalents = meta.equivalents[suppression.tool] ?? []
  // cdk-nag ids may carry a finding suffix (AwsSolutions-IAM5[Action::*]).
  const bare = suppression.rule.replace(/\[.*\]$/, '')
  return equivalents.includes(bare)
}
