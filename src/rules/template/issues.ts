// Shared by the template rules: the schema and reference issues of the template being linted, reported where the user wrote them.
import type {ResourceGraph} from '../../model/graph.js'
import type {PropPath} from '../../model/types.js'
import {analyseReferences, type ReferenceIssue, type ReferenceIssueKind} from '../../schema/references.js'
import {type SchemaIssue, type SchemaIssueKind, validateTemplate} from '../../schema/validate.js'
import type {RuleContext} from '../types.js'

/** Schema issues of one kind; none for graphs without a template (live accounts). */
export function schemaIssues(graph: ResourceGraph, kind: SchemaIssueKind): SchemaIssue[] {
  const template = graph.context.template
  if (!template) return []
  return validateTemplate(template, graph.context.bytes).filter((issue) => issue.kind === kind)
}

const referenceCache = new WeakMap<ResourceGraph, ReferenceIssue[]>()

/** Reference issues of one kind; logical ids SAM generates count as existing. Analysed once per graph. */
export function referenceIssues(graph: ResourceGraph, kind: ReferenceIssueKind): ReferenceIssue[] {
  const template = graph.context.template
  if (!template) return []
  let issues = referenceCache.get(graph)
  if (!issues) {
    const declared = template.Resources && typeof template.Resources === 'object' ? (template.Resources as Record<string, unknown>) : {}
    const generated = new Map(graph.nodes.filter((node) => !(node.id in declared)).map((node) => [node.id, node.type]))
    referenceCache.set(graph, (issues = analyseReferences(template, {generated})))
  }
  return issues.filter((issue) => issue.kind === kind)
}

/**
 * Reports an issue at its place in the template. Inside a resource the report names the resource's
 * node, so the resource's suppressions apply and SAM resources are named as written.
 */
export function reportIssue(context: RuleContext, issue: {at: PropPath; messageId: string; data: Record<string, string | number>}, fix: string): void {
  const [section, id, ...rest] = issue.at
  const node = section === 'Resources' && typeof id === 'string' ? context.graph.get(id) : undefined
  if (node && node.origin.logicalId === id) {
    context.report({node, path: rest, scope: 'resource', messageId: issue.messageId, data: issue.data, fix})
    return
  }
  context.report({at: issue.at, messageId: issue.messageId, data: issue.data, fix})
}

export const CFN_TEMPLATE_REFERENCE = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html'
export const CFN_RESOURCE_TYPES_REFERENCE = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html'
export const SAM_REFERENCE = 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-resources-and-properties.html'
