// Checks what a template's names point at: Ref, Fn::GetAtt, Fn::Sub and DependsOn targets, GetAtt attributes, dependency cycles, unused parameters and conditions.
import {asArray, isIntrinsic, isRecord, PSEUDO_PARAMETERS, subArguments, subReferences} from '../model/intrinsics.js'
import {isSamTemplate} from '../model/sam/index.js'
import type {PropPath} from '../model/types.js'
import {resourceEntry} from './load.js'
import {closest} from './suggest.js'
import {isCustomResourceType} from './validate.js'

export type ReferenceIssueKind = 'unresolvedReference' | 'unknownAttribute' | 'cycle' | 'unusedParameter' | 'unusedCondition'

export interface ReferenceIssue {
  kind: ReferenceIssueKind
  at: PropPath
  messageId: string
  data: Record<string, string | number>
}

export interface ReferenceOptions {
  /** Logical ids that exist besides the template's own resources (those SAM generates), with their types. */
  generated?: ReadonlyMap<string, string>
}

const cache = new WeakMap<object, ReferenceIssue[]>()

/** Every reference issue of a template as written; computed once per template. */
export function analyseReferences(template: Record<string, unknown>, options: ReferenceOptions = {}): ReferenceIssue[] {
  const known = cache.get(template)
  if (known) return known
  const issues = new ReferenceAnalysis(template, options.generated ?? new Map()).run()
  cache.set(template, issues)
  return issues
}

const SAM_IMPLICIT_PREFIXES = ['ServerlessRestApi', 'ServerlessHttpApi', 'ServerlessDeploymentApplication']
/** What SAM appends to a resource's logical id for the resources it generates from it. */
const SAM_GENERATED_SUFFIXES = [
  'Role',
  'Alias',
  'Version',
  'Deployment',
  'Stage',
  'Prod',
  'Permission',
  'Url',
  'EventInvokeConfig',
  'DomainName',
  'ApiGatewayDomainName',
  'BasePathMapping',
  'RecordSet',
  'Destination',
  'Queue',
  'Topic',
  'CodeDeploy',
  'DeploymentGroup',
  'LogGroup',
]

/** SAM's resource references (`MyFunction.Alias`), resolved to the generated resource: the `referable_properties` of SAM's resource classes. */
const SAM_RESOLVED_ATTRIBUTES = new Set(['Alias', 'Version', 'Stage', 'Deployment', 'DomainName', 'UsagePlan', 'UsagePlanKey', 'ApiKey', 'DestinationQueue', 'DestinationTopic'])

/** SAM properties that become resources of their own, so the SAM resource does not wait for what they name. */
const SAM_SEPARATE_PROPERTIES: Record<string, string[]> = {
  'AWS::Serverless::Function': ['Events'],
  'AWS::Serverless::StateMachine': ['Events'],
  'AWS::Serverless::GraphQLApi': ['DataSources', 'Functions', 'Resolvers'],
}

class ReferenceAnalysis {
  private readonly issues: ReferenceIssue[] = []
  private readonly resources: Record<string, Record<string, unknown>>
  private readonly parameters: Record<string, unknown>
  private readonly samIds: string[]
  /** Logical ids of connectors embedded in resources (`Connectors:`), which SAM names resource id + connector name. */
  private readonly embeddedConnectors: Set<string>
  private readonly forEach: boolean

  constructor(
    private readonly template: Record<string, unknown>,
    private readonly generated: ReadonlyMap<string, string>,
  ) {
    const resources = isRecord(template.Resources) ? template.Resources : {}
    // Language extensions (Fn::ForEach anywhere, Fn::Length…) name things only once expanded.
    this.forEach = asArray(template.Transform).includes('AWS::LanguageExtensions') || Object.keys(resources).some((id) => id.startsWith('Fn::ForEach'))
    this.resources = Object.fromEntries(Object.entries(resources).filter((entry): entry is [string, Record<string, unknown>] => isRecord(entry[1]) && !entry[0].startsWith('Fn::ForEach')))
    this.parameters = isRecord(template.Parameters) ? template.Parameters : {}
    this.samIds = Object.entries(this.resources)
      .filter(([, resource]) => typeof resource.Type === 'string' && resource.Type.startsWith('AWS::Serverless::'))
      .map(([id]) => id)
    this.embeddedConnectors = new Set(
      isSamTemplate(template) ? Object.entries(this.resources).flatMap(([id, resource]) => (isRecord(resource.Connectors) ? Object.keys(resource.Connectors).map((name) => `${id}${name}`) : [])) : [],
    )
  }

  run(): ReferenceIssue[] {
    // Fn::ForEach names resources and variables only when expanded; its templates cannot be checked as written.
    if (!this.forEach) {
      this.targets()
      this.cycles()
    }
    this.unusedParameters()
    this.unusedConditions()
    return this.issues
  }

  private report(kind: ReferenceIssueKind, at: PropPath, messageId: string, data: Record<string, string | number>): void {
    this.issues.push({kind, at, messageId, data})
  }

  /** The type of a logical id the template declares or SAM generates. */
  private typeOf(id: string): string | undefined {
    const type = this.resources[id]?.Type
    return typeof type === 'string' ? type : this.generated.get(id)
  }

  /** A name SAM may generate or resolve: `Fn.Alias`, `MyApi.Stage`, `FnRole`, `MyApiProdStage`, `ServerlessRestApi`, an embedded connector `QueueMyConnector`… */
  private samName(name: string): boolean {
    if (SAM_IMPLICIT_PREFIXES.some((prefix) => name.startsWith(prefix))) return true
    if (this.embeddedConnectors.has(name)) return true
    for (const id of this.samIds) {
      if (!name.startsWith(id) || name === id) continue
      const rest = name.slice(id.length)
      if (rest.startsWith('.')) return true
      const props = this.resources[id]?.Properties
      const events = isRecord(props) && isRecord(props.Events) ? Object.keys(props.Events) : []
      const stage = isRecord(props) && typeof props.StageName === 'string' ? [props.StageName] : []
      if ([...SAM_GENERATED_SUFFIXES, ...events, ...stage].some((suffix) => rest.startsWith(suffix))) return true
    }
    return false
  }

  private targets(): void {
    const sections: Array<[PropPath, unknown]> = []
    for (const [id, resource] of Object.entries(this.resources)) {
      sections.push([['Resources', id, 'Properties'], resource.Properties])
      this.dependsOn(id, resource)
    }
    for (const section of ['Outputs', 'Conditions', 'Globals']) sections.push([[section], this.template[section]])
    const names = [...Object.keys(this.resources), ...Object.keys(this.parameters), ...this.generated.keys()]
    for (const [base, value] of sections) {
      walkReferences(value, [...base], (ref, path) => {
        const {target} = ref
        if (target.includes('${') || target.includes('&{')) return
        const at = () => [...path, ref.via]
        const exists = target in this.resources || target in this.parameters || PSEUDO_PARAMETERS.has(target) || this.generated.has(target)
        if (!exists) {
          if (this.samName(target)) return
          const suggestion = closest(target, names)
          this.report('unresolvedReference', at(), suggestion ? 'unresolvedDidYouMean' : 'unresolved', {
            via: ref.via,
            target,
            ...(suggestion ? {suggestion} : {}),
          })
          return
        }
        if (ref.via === 'Ref' || ref.attribute === undefined) return
        if (target in this.parameters || PSEUDO_PARAMETERS.has(target)) {
          this.report('unresolvedReference', at(), 'attributeOfParameter', {via: ref.via, target, attribute: ref.attribute})
          return
        }
        this.attribute(target, ref.attribute, at)
      })
    }
  }

  private attribute(target: string, attribute: string, at: () => PropPath): void {
    const type = this.typeOf(target)
    if (!type || isCustomResourceType(type)) return
    const found = resourceEntry(type)
    // Unknown and registry types are reported (or accepted) by the schema rules.
    if (!found || (type.startsWith('AWS::Serverless::') && !found.entry.g)) return
    // SAM resolves `Fn.Alias.Name`, `MyApi.Stage`… to the resources it generates.
    if (type.startsWith('AWS::Serverless::') && SAM_RESOLVED_ATTRIBUTES.has(attribute.split('.')[0]!)) return
    const attributes = found.entry.a
    if (attributes.includes(attribute) || attributes.some((name) => attribute.startsWith(`${name}.`))) return
    const suggestion = closest(attribute, attributes)
    this.report('unknownAttribute', at(), suggestion ? 'unknownAttributeDidYouMean' : 'unknownAttribute', {
      target,
      type,
      attribute,
      attributes: attributes.join(', ') || 'none',
      ...(suggestion ? {suggestion} : {}),
    })
  }

  private dependsOn(id: string, resource: Record<string, unknown>): void {
    const value = resource.DependsOn
    const list = Array.isArray(value)
    asArray(value).forEach((name, index) => {
      if (typeof name !== 'string') return
      if (name in this.resources || this.generated.has(name) || this.samName(name)) return
      const at = list ? ['Resources', id, 'DependsOn', index] : ['Resources', id, 'DependsOn']
      const suggestion = closest(name, Object.keys(this.resources))
      this.report('unresolvedReference', at, suggestion ? 'unresolvedDidYouMean' : 'unresolved', {via: 'DependsOn', target: name, ...(suggestion ? {suggestion} : {})})
    })
  }

  /** Resources that wait for each other, through DependsOn or through the values they read (what CloudFormation calls a circular dependency). */
  private cycles(): void {
    const ids = Object.keys(this.resources)
    const edges = new Map<string, Map<string, 'DependsOn' | 'reference'>>()
    for (const id of ids) {
      const resource = this.resources[id]!
      const out = new Map<string, 'DependsOn' | 'reference'>()
      // SAM moves event sources (and a GraphQL API's data sources and resolvers) into resources of their own.
      const props = withoutProperties(resource.Properties, SAM_SEPARATE_PROPERTIES[String(resource.Type)] ?? [])
      walkReferences(props, [], ({target}) => {
        if (target in this.resources && target !== id) out.set(target, 'reference')
      })
      for (const name of asArray(resource.DependsOn)) if (typeof name === 'string' && name in this.resources) out.set(name, 'DependsOn')
      edges.set(id, out)
    }
    for (const component of stronglyConnected(ids, (id) => [...(edges.get(id)?.keys() ?? [])])) {
      const self = component.length === 1 && edges.get(component[0]!)?.has(component[0]!)
      if (component.length < 2 && !self) continue
      const ordered = ids.filter((id) => component.includes(id))
      const first = ordered[0]!
      const path = cyclePath(first, new Set(component), (id) => [...(edges.get(id)?.keys() ?? [])])
      const viaDependsOn = edges.get(first)?.get(path[1]!) === 'DependsOn'
      this.report('cycle', viaDependsOn ? ['Resources', first, 'DependsOn'] : ['Resources', first], 'cycle', {resource: first, cycle: path.join(' → ')})
    }
  }

  private unusedParameters(): void {
    const used = new Set<string>()
    for (const [section, value] of Object.entries(this.template)) {
      if (section === 'Parameters' || section === 'Metadata') continue
      walkReferences(value, [], ({target}) => used.add(target))
    }
    for (const name of Object.keys(this.parameters)) {
      if (!used.has(name)) this.report('unusedParameter', ['Parameters', name], 'unusedParameter', {parameter: name})
    }
  }

  private unusedConditions(): void {
    const conditions = isRecord(this.template.Conditions) ? this.template.Conditions : {}
    if (Object.keys(conditions).length === 0) return
    const used = new Set<string>()
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(walk)
      if (!isRecord(value)) return
      for (const [key, child] of Object.entries(value)) {
        if (key === 'Condition' && typeof child === 'string') used.add(child)
        if (key === 'Fn::If' && Array.isArray(child) && typeof child[0] === 'string') used.add(child[0])
        walk(child)
      }
    }
    walk(this.template)
    for (const name of Object.keys(conditions)) {
      if (!used.has(name)) this.report('unusedCondition', ['Conditions', name], 'unusedCondition', {condition: name})
    }
  }
}

interface FoundReference {
  target: string
  attribute?: string
  via: 'Ref' | 'Fn::GetAtt' | 'Fn::Sub'
}

/**
 * Calls `visit` for every Ref, GetAtt and Sub reference inside `value` with the path of the
 * intrinsic (a stack the caller must copy to keep). Walks as collectReferences does, without
 * building a path for every value of a large template.
 */
function walkReferences(value: unknown, path: Array<string | number>, visit: (ref: FoundReference, path: Array<string | number>) => void): void {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      path.push(index)
      walkReferences(value[index], path, visit)
      path.pop()
    }
    return
  }
  if (!isRecord(value)) return
  const record: Record<string, unknown> = value
  const keys = Object.keys(record)
  if (isIntrinsic(record)) {
    const key = Object.keys(record)[0]!
    const argument = record[key]
    if (key === 'Ref') {
      if (typeof argument === 'string') visit({target: argument, via: 'Ref'}, path)
      return
    }
    if (key === 'Fn::GetAtt') {
      const parts = Array.isArray(argument) ? argument : typeof argument === 'string' ? argument.split('.') : []
      if (typeof parts[0] === 'string') visit({target: parts[0], attribute: typeof parts[1] === 'string' ? parts.slice(1).join('.') : undefined, via: 'Fn::GetAtt'}, path)
      return
    }
    if (key === 'Fn::Sub') {
      const [text, variables] = subArguments(argument)
      const locals = new Set(isRecord(variables) ? Object.keys(variables) : [])
      if (typeof text === 'string') for (const ref of subReferences(text, locals)) visit({...ref, via: 'Fn::Sub'}, path)
      if (isRecord(variables)) {
        path.push('Fn::Sub', 1)
        walkReferences(variables, path, visit)
        path.pop()
        path.pop()
      }
      return
    }
    path.push(key)
    walkReferences(argument, path, visit)
    path.pop()
    return
  }
  for (const key of keys) {
    path.push(key)
    walkReferences(value[key], path, visit)
    path.pop()
  }
}

function withoutProperties(props: unknown, names: string[]): unknown {
  if (!isRecord(props) || names.length === 0) return props
  return Object.fromEntries(Object.entries(props).filter(([name]) => !names.includes(name)))
}

/** Tarjan's strongly connected components. */
function stronglyConnected(nodes: string[], next: (node: string) => string[]): string[][] {
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const components: string[][] = []
  const visit = (node: string): void => {
    index.set(node, counter)
    low.set(node, counter++)
    stack.push(node)
    onStack.add(node)
    for (const target of next(node)) {
      if (!index.has(target)) {
        visit(target)
        low.set(node, Math.min(low.get(node)!, low.get(target)!))
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!))
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = []
      let member: string
      do {
        member = stack.pop()!
        onStack.delete(member)
        component.push(member)
      } while (member !== node)
      components.push(component)
    }
  }
  for (const node of nodes) if (!index.has(node)) visit(node)
  return components
}

/** One cycle through `start` inside its component, as start → … → start. */
function cyclePath(start: string, component: Set<string>, next: (node: string) => string[]): string[] {
  const seen = new Set<string>()
  const walk = (node: string, path: string[]): string[] | undefined => {
    for (const target of next(node)) {
      if (!component.has(target)) continue
      if (target === start) return [...path, start]
      if (seen.has(target)) continue
      seen.add(target)
      const found = walk(target, [...path, target])
      if (found) return found
    }
    return undefined
  }
  return walk(start, [start]) ?? [start, start]
}
