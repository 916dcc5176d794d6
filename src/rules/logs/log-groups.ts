// Names of log groups and functions in one comparable form, so `!Sub '/aws/lambda/${Fn}'` matches function Fn.
import type {ResourceGraph} from '../../model/graph.js'
import {get, isRecord, literal} from '../../model/intrinsics.js'
import type {GraphNode} from '../../model/types.js'

/** Text of a name with references written as `${Id}` / `${Id.Attr}`; undefined when it cannot be read. */
export function nameText(value: unknown): string | undefined {
  const plain = literal(value)
  if (plain !== undefined) return String(plain)
  if (!isRecord(value)) return undefined
  if (typeof value.Ref === 'string') return `\${${value.Ref}}`
  if ('Fn::GetAtt' in value) {
    const argument = value['Fn::GetAtt']
    const parts = Array.isArray(argument) ? argument : typeof argument === 'string' ? argument.split('.') : []
    return parts.length >= 2 && parts.every((part) => typeof part === 'string') ? `\${${parts.join('.')}}` : undefined
  }
  if ('Fn::Sub' in value) {
    const argument = value['Fn::Sub']
    if (typeof argument === 'string') return argument
    if (!Array.isArray(argument) || typeof argument[0] !== 'string') return undefined
    const variables = isRecord(argument[1]) ? argument[1] : {}
    let unreadable = false
    const text = argument[0].replace(/\$\{(?!!)([^}]+)\}/g, (whole, name: string) => {
      if (!(name in variables)) return whole
      const replacement = nameText(variables[name])
      if (replacement === undefined) unreadable = true
      return replacement ?? whole
    })
    return unreadable ? undefined : text
  }
  if ('Fn::Join' in value) {
    const argument = value['Fn::Join']
    if (!Array.isArray(argument) || typeof argument[0] !== 'string' || !Array.isArray(argument[1])) return undefined
    const parts = argument[1].map(nameText)
    return parts.every((part) => part !== undefined) ? parts.join(argument[0]) : undefined
  }
  return undefined
}

/** The names the default log group of a function can be written as: `/aws/lambda/${Fn}` and `/aws/lambda/<FunctionName>`. */
export function defaultLogGroupNames(fn: GraphNode): string[] {
  const names = [`/aws/lambda/\${${fn.id}}`]
  const declared = nameText(fn.props.FunctionName)
  if (declared !== undefined) names.push(`/aws/lambda/${declared}`)
  const arnName = fn.origin.arn?.split(':function:')[1]
  if (arnName) names.push(`/aws/lambda/${arnName}`)
  return names
}

/** The log group nodes a function logs to: LoggingConfig.LogGroup, or a group named after the function. */
export function logGroupsOf(graph: ResourceGraph, fn: GraphNode): {explicit: boolean; groups: GraphNode[]; unreadable: boolean} {
  const configured = get(fn.props, 'LoggingConfig', 'LogGroup')
  const wanted = configured === undefined ? defaultLogGroupNames(fn) : [nameText(configured)].filter((name): name is string => name !== undefined)
  const groups: GraphNode[] = []
  let unreadable = false
  for (const group of graph.ofKind('logGroup')) {
    const name = nameText(group.props.LogGroupName)
    if (name === undefined) {
      if (group.props.LogGroupName !== undefined) unreadable = true
      continue
    }
    if (wanted.includes(name)) groups.push(group)
  }
  if (configured !== undefined) {
    const referenced = graph.resolve(configured)
    if (referenced?.kind === 'logGroup' && !groups.includes(referenced)) groups.push(referenced)
  }
  return {explicit: configured !== undefined, groups, unreadable}
}
