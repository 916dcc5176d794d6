// Turns a parsed CloudFormation or SAM template into a resource graph, with every node able to point back at the user's text.
import {linkGraph} from './edges.js'
import {kindOfType, ResourceGraph} from './graph.js'
import {asArray, isRecord} from './intrinsics.js'
import {expandLanguageExtensions} from './language-extensions.js'
import type {ParsedFile} from './parse.js'
import {expandSam, isSamTemplate} from './sam/index.js'
import type {GraphNode, Locator, NodeOrigin, PropPath} from './types.js'

/** A template that parsed but is not CloudFormation, or whose Resources section is malformed. */
export class TemplateError extends Error {
  constructor(
    message: string,
    public readonly line = 1,
    public readonly column = 1,
    /** `sam` when SAM's translator would reject the template, as `sam validate` and CloudFormation's transform do. */
    public readonly kind: 'template' | 'sam' = 'template',
  ) {
    super(message)
    this.name = 'TemplateError'
  }
}

/** One resource as declared (or as SAM would generate it), before it becomes a graph node. */
export interface ResourceDecl {
  id: string
  type: string
  props: Record<string, unknown>
  metadata?: Record<string, unknown>
  deletionPolicy?: unknown
  updateReplacePolicy?: unknown
  /** An UpdatePolicy SAM writes on a resource it generates (a function alias deployed through CodeDeploy). */
  updatePolicy?: unknown
  condition?: string
  dependsOn?: string[]
  origin: NodeOrigin
  managed?: boolean
  locate: Locator
}

/** True when a parsed value has the shape of a CloudFormation template. */
export function looksLikeTemplate(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false
  if ('AWSTemplateFormatVersion' in value) return true
  if (!isRecord(value.Resources)) return false
  // A template whose resources are all made by Fn::ForEach loops is a template too.
  return Object.entries(value.Resources).some(([id, resource]) => (isRecord(resource) && typeof resource.Type === 'string') || (id.startsWith('Fn::ForEach::') && Array.isArray(resource)))
}

export interface BuildOptions {
  /** Stack name, for CDK assemblies. */
  stack?: string
  /** Parameter values that replace the template's defaults where the expansion needs them (`Fn::ForEach` collections, `Fn::FindInMap` keys…). */
  parameterValues?: Readonly<Record<string, string>>
}

/** Builds the resource graph of one template file. */
export function buildTemplateGraph(parsed: ParsedFile, options: BuildOptions = {}): ResourceGraph {
  if (!looksLikeTemplate(parsed.value)) {
    throw new TemplateError('not a CloudFormation template: no AWSTemplateFormatVersion and no Resources with a Type')
  }
  // AWS::LanguageExtensions runs before SAM, as CloudFormation runs the transforms in that order.
  const {template, unexpanded} = expandLanguageExtensions(parsed.value, parsed.positions, {parameterValues: options.parameterValues})
  const resources = template.Resources
  if (!isRecord(resources)) {
    const at = parsed.positions.locate(template, ['Resources'])
    throw new TemplateError('Resources must be a mapping of logical ids to resources', at?.line, at?.column)
  }
  const declared: ResourceDecl[] = []
  for (const [id, resource] of Object.entries(resources)) {
    if (!isRecord(resource)) continue
    const type = typeof resource.Type === 'string' ? resource.Type : 'AWS::Unknown'
    const properties = isRecord(resource.Properties) ? resource.Properties : {}
    const metadata = isRecord(resource.Metadata) ? resource.Metadata : undefined
    const cdkPath = typeof metadata?.['aws:cdk:path'] === 'string' ? (metadata['aws:cdk:path'] as string) : undefined
    declared.push({
      id,
      type,
      props: properties,
      metadata,
      deletionPolicy: resource.DeletionPolicy,
      updateReplacePolicy: resource.UpdateReplacePolicy,
      condition: typeof resource.Condition === 'string' ? resource.Condition : undefined,
      dependsOn: asArray(resource.DependsOn).filter((d): d is string => typeof d === 'string'),
      origin: {file: parsed.file, logicalId: id, declaredType: type, cdkPath, stack: options.stack},
      locate: resourceLocator(parsed, resources, id),
    })
  }
  const sam = isSamTemplate(template)
  const expanded = sam ? expandSam(declared, template, parsed) : declared
  const graph = new ResourceGraph({
    source: 'template',
    file: parsed.file,
    parameters: isRecord(template.Parameters) ? template.Parameters : {},
    conditions: isRecord(template.Conditions) ? template.Conditions : {},
    template,
    sam,
    locate: (path) => parsed.positions.locate(template, path),
    bytes: parsed.bytes,
    unexpanded,
  })
  for (const decl of expanded) graph.add(toNode(decl))
  linkGraph(graph)
  return graph
}

function toNode(decl: ResourceDecl): GraphNode {
  return {
    id: decl.id,
    type: decl.type,
    kind: kindOfType(decl.type),
    props: decl.props,
    source: 'template',
    origin: decl.origin,
    metadata: decl.metadata,
    deletionPolicy: decl.deletionPolicy,
    updateReplacePolicy: decl.updateReplacePolicy,
    updatePolicy: decl.updatePolicy,
    condition: decl.condition,
    dependsOn: decl.dependsOn,
    managed: decl.managed,
    locate: decl.locate,
  }
}

/** Locates paths of a resource as the user wrote it: under Properties by default, at the logical id when empty. */
export function resourceLocator(parsed: ParsedFile, resources: Record<string, unknown>, id: string): Locator {
  return (path: PropPath, scope = 'properties') => {
    if (path.length === 0) return parsed.positions.locate(resources, [id])
    const full = scope === 'properties' ? [id, 'Properties', ...path] : [id, ...path]
    return parsed.positions.locate(resources, full)
  }
}
