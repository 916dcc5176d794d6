// Links the templates of one application into one resource graph: exports and imports, SSM parameters, physical names shared by literal, and nested stacks.
import {linkGraph} from './edges.js'
import {ResourceGraph} from './graph.js'
import {get, isIntrinsic, isRecord, PSEUDO_PARAMETERS} from './intrinsics.js'
import type {GraphNode, NodeKind} from './types.js'

/** One template of an application, as loaded on its own. */
export interface StackMember {
  /** Unique in the application: the CDK stack name, `Parent/Child` for a nested stack, or the template's path. */
  name: string
  file: string
  graph: ResourceGraph
  /** What `AWS::StackName` is, when known before deployment (CDK names its stacks). */
  stackName?: string
  /** Parameter values the stack is given (a nested stack's literal parameters), over the template's defaults. */
  parameterValues?: Readonly<Record<string, string>>
  /** A nested stack: its parent's member name and the logical id of the parent's `AWS::CloudFormation::Stack`. */
  parent?: {name: string; resource: string}
}

/** What a template offers to and takes from other templates, by name: the keys that link templates into applications. */
export interface LinkKeys {
  exports: string[]
  imports: string[]
  ssmWrites: string[]
  ssmReads: string[]
  /** `kind:name` of resources given a literal physical name. */
  names: string[]
  /** `kind:name` of physical names, ARNs and URLs written where a resource is referred to. */
  uses: string[]
}

/** Resource types a literal physical name can refer to, with the property that names them and the intrinsics that yield their name, ARN and URL. */
/** `name` and `arn`: the attribute of `Fn::GetAtt` that yields the name or ARN, or `Ref` when `Ref` does. */
const NAMED: Readonly<Record<string, {kind: NodeKind; property: string; name: string; arn: string}>> = {
  'AWS::SQS::Queue': {kind: 'queue', property: 'QueueName', name: 'QueueName', arn: 'Arn'},
  'AWS::SNS::Topic': {kind: 'topic', property: 'TopicName', name: 'TopicName', arn: 'Ref'},
  'AWS::Lambda::Function': {kind: 'function', property: 'FunctionName', name: 'Ref', arn: 'Arn'},
  'AWS::Events::EventBus': {kind: 'bus', property: 'Name', name: 'Ref', arn: 'Arn'},
  'AWS::DynamoDB::Table': {kind: 'table', property: 'TableName', name: 'Ref', arn: 'Arn'},
  'AWS::StepFunctions::StateMachine': {kind: 'stateMachine', property: 'StateMachineName', name: 'Name', arn: 'Ref'},
  'AWS::Kinesis::Stream': {kind: 'stream', property: 'Name', name: 'Ref', arn: 'Arn'},
}

/** Properties (and metric dimension names) whose literal value is the physical name of a resource of a kind. */
const NAME_KEYS: Readonly<Record<string, NodeKind>> = {
  QueueName: 'queue',
  TopicName: 'topic',
  FunctionName: 'function',
  EventBusName: 'bus',
  TableName: 'table',
  StateMachineName: 'stateMachine',
  StreamName: 'stream',
}

/** The kind and name an ARN's service and resource part name. */
function arnTarget(arn: string): {kind: NodeKind; name: string; stream?: boolean} | undefined {
  const parts = arn.split(':')
  if (parts.length < 6 || parts[0] !== 'arn') return undefined
  const [service, resource] = [parts[2], parts.slice(5).join(':')]
  const named = (kind: NodeKind, name: string | undefined): {kind: NodeKind; name: string} | undefined => (name && !/[*?]/.test(name) ? {kind, name} : undefined)
  switch (service) {
    case 'sqs':
      return named('queue', resource)
    case 'sns':
      return named('topic', resource)
    case 'lambda':
      return resource.startsWith('function:') ? named('function', resource.split(':')[1]) : undefined
    case 'events':
      return resource.startsWith('event-bus/') ? named('bus', resource.slice('event-bus/'.length)) : undefined
    case 'states':
      return resource.startsWith('stateMachine:') ? named('stateMachine', resource.split(':')[1]) : undefined
    case 'kinesis':
      return resource.startsWith('stream/') ? named('stream', resource.slice('stream/'.length)) : undefined
    case 'dynamodb': {
      const match = /^table\/([^/]+)(\/stream\/.+)?$/.exec(resource)
      const target = match ? named('table', match[1]) : undefined
      return target && match?.[2] ? {...target, stream: true} : target
    }
    default:
      return undefined
  }
}

/** The kind of resource a metric dimension (`{Name: QueueName, Value: …}`) names by its `Value`. */
function dimensionKind(dimension: Record<string, unknown>): NodeKind | undefined {
  const name = dimension.Name
  if (typeof name !== 'string') return undefined
  return NAME_KEYS[name] ?? (name === 'StateMachineArn' ? 'stateMachine' : undefined)
}

const SQS_URL = /^https:\/\/(?:sqs\.[^/]+|[^/]*queue\.amazonaws\.com)\/[^/]+\/([^/]+)$/
const SSM_REFERENCE = /\{\{resolve:ssm:([^:}]+)(?::\d+)?\}\}/g
const SSM_PARAMETER_TYPE = 'AWS::SSM::Parameter::Value<'

/** Stands for a pseudo parameter whose value is the same for every stack that can import from another (same account and region). */
const SHARED_PSEUDO = new Set(['AWS::Region', 'AWS::AccountId', 'AWS::Partition', 'AWS::URLSuffix'])
const token = (name: string): string => `\u0000${name.replace(/:/g, '_')}\u0000`

function parameterDefinitions(member: StackMember): Record<string, unknown> {
  const parameters = member.graph.context.template?.Parameters
  return isRecord(parameters) ? parameters : {}
}

/**
 * The text a value becomes at deployment when the templates alone tell it: literals, parameters with a value or default,
 * `Fn::Sub` and `Fn::Join` of those. Region, account and partition stand for themselves (two stacks that import from
 * each other share them); an unknown stack name stands for its own stack only. Undefined otherwise.
 */
export function textOf(member: StackMember, value: unknown, locals: Readonly<Record<string, unknown>> = {}): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (!isRecord(value) || !isIntrinsic(value)) return undefined
  const [key, argument] = Object.entries(value)[0]!
  if (key === 'Ref' && typeof argument === 'string') return nameValue(member, argument, locals)
  if (key === 'Fn::Sub') {
    const [text, variables] = Array.isArray(argument) ? (argument as unknown[]) : [argument, undefined]
    if (typeof text !== 'string') return undefined
    const scope = isRecord(variables) ? variables : {}
    let failed = false
    const result = text.replace(/\$\{([^}]*)\}/g, (match, expression: string) => {
      if (expression.startsWith('!')) return `\${${expression.slice(1)}}`
      const resolved = Object.hasOwn(scope, expression) ? textOf(member, scope[expression]) : nameValue(member, expression.trim(), locals)
      if (resolved === undefined) failed = true
      return resolved ?? match
    })
    return failed ? undefined : result
  }
  if (key === 'Fn::Join' && Array.isArray(argument) && typeof argument[0] === 'string' && Array.isArray(argument[1])) {
    const parts = argument[1].map((part) => textOf(member, part, locals))
    return parts.every((part) => part !== undefined) ? parts.join(argument[0]) : undefined
  }
  return undefined
}

function nameValue(member: StackMember, name: string, locals: Readonly<Record<string, unknown>>): string | undefined {
  if (Object.hasOwn(locals, name)) return textOf(member, locals[name])
  if (name === 'AWS::StackName') return member.stackName ?? token(`stack:${member.name}`)
  if (SHARED_PSEUDO.has(name)) return token(name)
  if (PSEUDO_PARAMETERS.has(name)) return undefined
  const passed = member.parameterValues?.[name]
  if (passed !== undefined) return passed
  const definition = parameterDefinitions(member)[name]
  if (!isRecord(definition)) return undefined
  // An SSM-typed parameter's default is the parameter's name, not its value.
  if (typeof definition.Type === 'string' && definition.Type.startsWith(SSM_PARAMETER_TYPE)) return undefined
  const fallback = definition.Default
  return typeof fallback === 'string' || typeof fallback === 'number' ? String(fallback) : undefined
}

/** The SSM parameter an `AWS::SSM::Parameter::Value<…>` parameter reads, when its name is known. */
function ssmParameterName(member: StackMember, parameter: string): string | undefined {
  const definition = parameterDefinitions(member)[parameter]
  if (!isRecord(definition) || typeof definition.Type !== 'string' || !definition.Type.startsWith(SSM_PARAMETER_TYPE)) return undefined
  const value = member.parameterValues?.[parameter] ?? definition.Default
  return typeof value === 'string' ? value : undefined
}

interface Export {
  member: StackMember
  value: unknown
}

interface Named {
  member: StackMember
  node: GraphNode
}

/** Outputs of a template: by key, and exported ones by export name. */
function outputsOf(member: StackMember): Array<{key: string; value: unknown; exportName?: string}> {
  const outputs = member.graph.context.template?.Outputs
  if (!isRecord(outputs)) return []
  return Object.entries(outputs).flatMap(([key, output]) => {
    if (!isRecord(output) || !('Value' in output)) return []
    const exportName = get(output, 'Export', 'Name')
    return [{key, value: output.Value, exportName: exportName === undefined ? undefined : textOf(member, exportName)}]
  })
}

/** Resources given a literal (or parameter-default) physical name. */
function namedResources(member: StackMember): Array<{key: string; node: GraphNode}> {
  const result: Array<{key: string; node: GraphNode}> = []
  for (const node of member.graph.nodes) {
    const named = NAMED[node.type]
    if (!named) continue
    const name = node.props[named.property] === undefined ? undefined : textOf(member, node.props[named.property])
    if (name !== undefined) result.push({key: `${named.kind}:${name}`, node})
  }
  return result
}

/** What a string written in a template refers to in another template: a physical name, ARN or queue URL, or an SSM parameter. */
type StringUse = {kind: NodeKind; name: string; form: 'name' | 'arn' | 'url' | 'streamArn'} | {ssm: string}

function stringUse(text: string, nameKind: NodeKind | undefined): StringUse | undefined {
  const ssm = /^\{\{resolve:ssm:([^:}]+)(?::\d+)?\}\}$/.exec(text)
  if (ssm) return {ssm: ssm[1]!}
  if (text.startsWith('arn:')) {
    const target = arnTarget(text)
    return target ? {kind: target.kind, name: target.name, form: target.stream ? 'streamArn' : 'arn'} : undefined
  }
  const url = SQS_URL.exec(text)
  if (url) return {kind: 'queue', name: url[1]!, form: 'url'}
  return nameKind && text !== '' && !text.includes('\u0000stack') ? {kind: nameKind, name: text, form: 'name'} : undefined
}

/**
 * Walks the values of a template's resources that can refer to another template, calling back with what each refers to.
 * `nameKind` is the kind of resource a literal at that place names (`FunctionName: worker`, a `QueueName` dimension).
 */
function scanUses(member: StackMember, names: boolean, visit: {importName(name: string): void; use(use: StringUse): void}): void {
  const walk = (value: unknown, nameKind: NodeKind | undefined): void => {
    if (typeof value === 'string') {
      // Without names only SSM references matter, and most strings are not one: skip the patterns.
      const use = names || value.startsWith('{{resolve:ssm:') ? stringUse(value, names ? nameKind : undefined) : undefined
      if (use && (names || 'ssm' in use)) visit.use(use)
      return
    }
    if (Array.isArray(value)) {
      for (const item of value) walk(item, undefined)
      return
    }
    if (!isRecord(value)) return
    if (isIntrinsic(value)) {
      const [key, argument] = Object.entries(value)[0]!
      if (key === 'Fn::ImportValue') {
        const name = textOf(member, argument)
        if (name !== undefined) visit.importName(name)
        return
      }
      if (key === 'Fn::Sub') {
        const text = names ? textOf(member, value) : undefined
        if (text !== undefined) walk(text, nameKind)
        const subText: unknown = Array.isArray(argument) ? argument[0] : argument
        if (typeof subText === 'string' && subText.includes('{{resolve:ssm:')) for (const match of subText.matchAll(SSM_REFERENCE)) visit.use({ssm: match[1]!})
        if (Array.isArray(argument) && isRecord(argument[1])) for (const local of Object.values(argument[1])) walk(local, undefined)
        return
      }
      if (key === 'Fn::Join') {
        const text = names ? textOf(member, value) : undefined
        if (text !== undefined) walk(text, nameKind)
        else walk(argument, undefined)
        return
      }
      if (key === 'Ref' && typeof argument === 'string') {
        const ssm = ssmParameterName(member, argument)
        if (ssm !== undefined) visit.use({ssm})
        return
      }
      walk(argument, undefined)
      return
    }
    const dimension = dimensionKind(value)
    for (const [key, item] of Object.entries(value)) walk(item, key === 'Value' && dimension ? dimension : NAME_KEYS[key])
  }
  for (const node of member.graph.nodes) {
    const own = NAMED[node.type]?.property
    for (const [key, item] of Object.entries(node.props)) if (key !== own) walk(item, NAME_KEYS[key])
  }
}

/**
 * The keys a template links by; physical names (the costlier part) only with `names`. `scan: false` says the template
 * imports nothing and reads no SSM parameter (its text names neither), so only what it offers is read.
 */
export function linkKeys(member: StackMember, options: {names: boolean; scan?: boolean} = {names: true}): LinkKeys {
  const keys: LinkKeys = {exports: [], imports: [], ssmWrites: [], ssmReads: [], names: [], uses: []}
  for (const output of outputsOf(member)) if (output.exportName !== undefined) keys.exports.push(output.exportName)
  for (const node of member.graph.ofType('AWS::SSM::Parameter')) {
    const name = node.props.Name === undefined ? undefined : textOf(member, node.props.Name)
    if (name !== undefined) keys.ssmWrites.push(name)
  }
  if (options.names) keys.names = namedResources(member).map((named) => named.key)
  if (options.scan !== false || options.names) {
    scanUses(member, options.names, {
      importName: (name) => keys.imports.push(name),
      use: (use) => ('ssm' in use ? keys.ssmReads.push(use.ssm) : keys.uses.push(`${use.kind}:${use.name}`)),
    })
  }
  for (const list of Object.values(keys) as string[][]) list.splice(0, list.length, ...new Set(list))
  return keys
}

/**
 * Groups templates into applications: two templates belong together when one imports what the other exports, reads an SSM
 * parameter the other writes, or (with `names`) names a resource the other gives that physical name. A name offered by
 * more than one template links nothing. Returns groups of indexes into `keys`, in order; unlinked templates are groups of one.
 */
export function linkedGroups(keys: readonly LinkKeys[], options: {names: boolean} = {names: true}): number[][] {
  const parent = keys.map((_, index) => index)
  const find = (index: number): number => (parent[index] === index ? index : (parent[index] = find(parent[index]!)))
  const union = (a: number, b: number): void => {
    const [x, y] = [find(a), find(b)]
    if (x !== y) parent[Math.max(x, y)] = Math.min(x, y)
  }
  const link = (offered: (k: LinkKeys) => string[], taken: (k: LinkKeys) => string[]): void => {
    const owners = new Map<string, number[]>()
    keys.forEach((k, index) => {
      for (const name of offered(k)) owners.set(name, [...(owners.get(name) ?? []), index])
    })
    keys.forEach((k, index) => {
      for (const name of taken(k)) {
        const found = owners.get(name)
        // A name offered by two templates is ambiguous (two environments of one template, say): no link.
        if (found?.length === 1 && found[0] !== index) union(index, found[0]!)
      }
    })
  }
  link(
    (k) => k.exports,
    (k) => k.imports,
  )
  link(
    (k) => k.ssmWrites,
    (k) => k.ssmReads,
  )
  if (options.names)
    link(
      (k) => k.names,
      (k) => k.uses,
    )
  const groups = new Map<number, number[]>()
  keys.forEach((_, index) => {
    const root = find(index)
    groups.set(root, [...(groups.get(root) ?? []), index])
  })
  return [...groups.values()]
}

/** An application graph and where each of its nodes was written. */
export interface ApplicationGraph {
  graph: ResourceGraph
  /** The member each node of the graph comes from, by node id. */
  memberOf: Map<string, StackMember>
}

/** A member's name as the prefix of its ids: no dots (they end a logical id in `${Id.Attribute}`), no braces. */
function prefixOf(member: StackMember): string {
  return member.name.replace(/[.${}]/g, '_')
}

/**
 * Builds one graph from the templates of an application. A resource keeps its logical id unless another template of the
 * application uses the same id (for a resource or a parameter): then it is prefixed with its stack (`queues/Orders`).
 * Every reference that
 * crosses a template is rewritten into an ordinary reference to the node it names (an import becomes the exported
 * value, an SSM parameter its value, a nested stack's parameter what its parent passes and an output of a nested stack
 * its value, a physical name the resource of that name), so rules read the application as they read one template.
 */
export function buildApplicationGraph(members: readonly StackMember[]): ApplicationGraph {
  const byName = new Map(members.map((member) => [member.name, member]))
  const exports = new Map<string, Export[]>()
  const ssm = new Map<string, Export[]>()
  const named = new Map<string, Named[]>()
  const children = new Map<string, StackMember>()
  const add = <T>(map: Map<string, T[]>, key: string, value: T): void => void map.set(key, [...(map.get(key) ?? []), value])
  for (const member of members) {
    for (const output of outputsOf(member)) if (output.exportName !== undefined) add(exports, output.exportName, {member, value: output.value})
    for (const node of member.graph.ofType('AWS::SSM::Parameter')) {
      const name = node.props.Name === undefined ? undefined : textOf(member, node.props.Name)
      if (name !== undefined && node.props.Value !== undefined) add(ssm, name, {member, value: node.props.Value})
    }
    for (const {key, node} of namedResources(member)) add(named, key, {member, node})
    if (member.parent) children.set(`${member.parent.name}\u0000${member.parent.resource}`, member)
  }
  const unique = <T>(list: T[] | undefined): T | undefined => (list?.length === 1 ? list[0] : undefined)
  const uses = new Map<string, number>()
  for (const member of members) {
    for (const id of new Set([...member.graph.nodes.map((node) => node.id), ...Object.keys(parameterDefinitions(member))])) uses.set(id, (uses.get(id) ?? 0) + 1)
  }
  const applicationNodeId = (member: StackMember, id: string): string => ((uses.get(id) ?? 0) > 1 ? `${prefixOf(member)}/${id}` : id)
  /** A name a template refers to that is none of its resources (a parameter, or a typo): it must not name another template's resource. */
  const foreignName = (member: StackMember, name: string): string => `${prefixOf(member)}/${name}`
  const outputValue = (member: StackMember, key: string): unknown => outputsOf(member).find((output) => output.key === key)?.value

  let depth = 0
  const rewrite = (member: StackMember, value: unknown, nameKind?: NodeKind): unknown => {
    if (depth > 32) return value
    if (typeof value === 'string') return rewriteString(member, value, nameKind)
    if (Array.isArray(value)) return value.map((item) => rewrite(member, item))
    if (!isRecord(value)) return value
    if (!isIntrinsic(value)) {
      const dimension = dimensionKind(value)
      const result: Record<string, unknown> = {}
      for (const [key, item] of Object.entries(value)) result[key] = rewrite(member, item, key === 'Value' && dimension ? dimension : NAME_KEYS[key])
      return result
    }
    const [key, argument] = Object.entries(value)[0]!
    switch (key) {
      case 'Ref':
        return typeof argument === 'string' ? rewriteRef(member, argument) : value
      case 'Fn::GetAtt':
        return rewriteGetAtt(member, value, argument)
      case 'Fn::Sub':
        return rewriteSub(member, value, argument, nameKind)
      case 'Fn::ImportValue': {
        const name = textOf(member, argument)
        const found = name === undefined ? undefined : unique(exports.get(name))
        return found ? nested(() => rewrite(found.member, found.value)) : value
      }
      case 'Fn::Join': {
        const text = textOf(member, value)
        const target = text === undefined ? undefined : foreignString(member, text, nameKind)
        return target ?? {[key]: rewrite(member, argument)}
      }
      default:
        return {[key]: rewrite(member, argument)}
    }
  }
  const nested = (run: () => unknown): unknown => {
    depth++
    try {
      return run()
    } finally {
      depth--
    }
  }
  /** A reference to the resource of another template a string names, or the value of the SSM parameter it resolves. */
  const foreignString = (member: StackMember, text: string, nameKind: NodeKind | undefined): unknown => {
    const use = stringUse(text, nameKind)
    if (!use) return undefined
    if ('ssm' in use) {
      const found = unique(ssm.get(use.ssm))
      return found && found.member !== member ? nested(() => rewrite(found.member, found.value)) : undefined
    }
    const found = unique(named.get(`${use.kind}:${use.name}`))
    if (!found || found.member === member) return undefined
    const id = applicationNodeId(found.member, found.node.id)
    const how = NAMED[found.node.type]!
    const attribute = use.form === 'streamArn' ? 'StreamArn' : use.form === 'url' ? 'Ref' : use.form === 'arn' ? how.arn : how.name
    return attribute === 'Ref' ? {Ref: id} : {'Fn::GetAtt': [id, attribute]}
  }
  const rewriteString = (member: StackMember, text: string, nameKind: NodeKind | undefined): unknown => foreignString(member, text, nameKind) ?? text
  /** What a parameter of a member stands for in the application: what its parent passes, or the SSM parameter it reads. */
  const parameterValue = (member: StackMember, name: string): unknown => {
    if (member.parent) {
      const parent = byName.get(member.parent.name)
      const passed = parent ? get(parent.graph.get(member.parent.resource)?.props, 'Parameters', name) : undefined
      if (parent && passed !== undefined) return nested(() => rewrite(parent, passed))
    }
    const ssmName = ssmParameterName(member, name)
    const found = ssmName === undefined ? undefined : unique(ssm.get(ssmName))
    return found && found.member !== member ? nested(() => rewrite(found.member, found.value)) : undefined
  }
  const rewriteRef = (member: StackMember, name: string): unknown => {
    if (PSEUDO_PARAMETERS.has(name)) return {Ref: name}
    if (member.graph.get(name)) return {Ref: applicationNodeId(member, name)}
    return parameterValue(member, name) ?? {Ref: foreignName(member, name)}
  }
  /** The value of `Outputs.Key` of the nested stack a parent's stack resource creates. */
  const childOutput = (member: StackMember, resource: string, attribute: string): unknown => {
    const child = attribute.startsWith('Outputs.') ? children.get(`${member.name}\u0000${resource}`) : undefined
    const value = child ? outputValue(child, attribute.slice('Outputs.'.length)) : undefined
    return child && value !== undefined ? nested(() => rewrite(child, value)) : undefined
  }
  const rewriteGetAtt = (member: StackMember, value: Record<string, unknown>, argument: unknown): unknown => {
    const parts: unknown[] = Array.isArray(argument) ? (argument as unknown[]) : typeof argument === 'string' ? [argument.slice(0, argument.indexOf('.')), argument.slice(argument.indexOf('.') + 1)] : []
    const [resource, attribute] = parts
    if (typeof resource !== 'string' || !member.graph.get(resource)) return value
    if (typeof attribute === 'string') {
      const output = childOutput(member, resource, attribute)
      if (output !== undefined) return output
    }
    return {'Fn::GetAtt': [applicationNodeId(member, resource), ...parts.slice(1)]}
  }
  const rewriteSub = (member: StackMember, value: Record<string, unknown>, argument: unknown, nameKind: NodeKind | undefined): unknown => {
    const [text, variables] = Array.isArray(argument) ? (argument as unknown[]) : [argument, undefined]
    if (typeof text !== 'string') return value
    const whole = textOf(member, value)
    const target = whole === undefined ? undefined : foreignString(member, whole, nameKind)
    if (target !== undefined) return target
    const locals: Record<string, unknown> = {}
    const written = isRecord(variables) ? variables : {}
    for (const [name, local] of Object.entries(written)) locals[name] = rewrite(member, local)
    let added = 0
    const addLocal = (local: unknown): string => {
      const name = `Linked${added++}`
      locals[name] = local
      return `\${${name}}`
    }
    const rewritten = text
      .replace(/\$\{(?!!)([^}]+)\}/g, (match, raw: string) => {
        const expression = raw.trim()
        if (Object.hasOwn(written, expression) || PSEUDO_PARAMETERS.has(expression)) return match
        const dot = expression.indexOf('.')
        const [resource, attribute] = dot > 0 ? [expression.slice(0, dot), expression.slice(dot + 1)] : [expression, undefined]
        if (member.graph.get(resource)) {
          const output = attribute === undefined ? undefined : childOutput(member, resource, attribute)
          if (output !== undefined) return addLocal(output)
          return `\${${applicationNodeId(member, resource)}${attribute === undefined ? '' : `.${attribute}`}}`
        }
        const parameter = attribute === undefined ? parameterValue(member, expression) : undefined
        return parameter === undefined ? `\${${foreignName(member, expression)}}` : addLocal(parameter)
      })
      .replace(SSM_REFERENCE, (match, name: string) => {
        const found = unique(ssm.get(name))
        return found && found.member !== member ? addLocal(nested(() => rewrite(found.member, found.value))) : match
      })
    return Object.keys(locals).length > 0 ? {'Fn::Sub': [rewritten, locals]} : {'Fn::Sub': rewritten}
  }

  const graph = new ResourceGraph({source: 'template', parameters: {}, conditions: {}, sam: members.some((member) => member.graph.context.sam)})
  const memberOf = new Map<string, StackMember>()
  for (const member of members) {
    for (const node of member.graph.nodes) {
      const own = NAMED[node.type]?.property
      const props: Record<string, unknown> = {}
      for (const [key, value] of Object.entries(node.props)) props[key] = key === own ? rewrite(member, value) : rewrite(member, value, NAME_KEYS[key])
      const id = applicationNodeId(member, node.id)
      graph.add({...node, id, props, dependsOn: node.dependsOn?.map((target) => applicationNodeId(member, target))}, {context: member.graph.context, localId: node.id})
      memberOf.set(id, member)
    }
  }
  linkGraph(graph)
  return {graph, memberOf}
}

/** A graph as data, for people and tools that want to see what the rules see: nodes with where they were written, and typed edges. */
export function graphDocument(graph: ResourceGraph): {nodes: Array<Record<string, unknown>>; edges: Array<Record<string, unknown>>} {
  const nodes = graph.nodes.map((node) => {
    const at = node.source === 'template' ? node.locate([]) : undefined
    return {
      id: node.id,
      type: node.type,
      kind: node.kind,
      logicalId: node.origin.logicalId,
      ...(node.origin.declaredType && node.origin.declaredType !== node.type ? {declaredType: node.origin.declaredType} : {}),
      ...(node.origin.stack ? {stack: node.origin.stack} : {}),
      ...(node.origin.cdkPath ? {cdkPath: node.origin.cdkPath} : {}),
      ...(node.origin.arn ? {arn: node.origin.arn} : {}),
      ...(node.origin.file ? {file: node.origin.file} : {}),
      ...(at ? {line: at.line} : {}),
    }
  })
  const edges = graph.edges.map((edge) => ({from: edge.from, to: edge.to, kind: edge.kind, ...(edge.path && edge.path.length > 0 ? {path: edge.path.join('.')} : {})}))
  return {nodes, edges}
}
