// What `sls-eda transform` does: load one template through the expansion lint uses and write the CloudFormation the rules see.
import {statSync} from 'node:fs'
import path from 'node:path'

import {stringify} from 'yaml'

import {loadTemplateFile} from '../lint/load.js'
import type {ResourceGraph} from '../model/graph.js'
import {asArray, isRecord} from '../model/intrinsics.js'
import type {UnexpandedLoop} from '../model/language-extensions.js'

import type {TransformFormat} from './formats.js'

/** Input the user must fix (unreadable or unparseable template, malformed overrides): exit code 2 and a message that says what is wrong. */
export class TransformInputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TransformInputError'
  }
}

export interface TransformOptions {
  /** `Key=Value` pairs as SAM CLI takes them, each flag value holding one or more pairs separated by spaces. */
  parameterOverrides?: readonly string[]
  cwd: string
}

export interface TransformResult {
  /** The graph lint would check; a later `--graph` output renders this. */
  graph: ResourceGraph
  /** The expanded template, in CloudFormation's shape. */
  template: Record<string, unknown>
  /** Loops that could not be expanded and were left as written. */
  unexpanded: readonly UnexpandedLoop[]
  /** Lines for standard error. */
  warnings: string[]
}

/** Splits a flag value into pairs at spaces outside quotes, dropping the quotes, as SAM CLI reads `--parameter-overrides`. */
function overrideTokens(value: string): string[] {
  const tokens: string[] = []
  let current = ''
  let quote: string | undefined
  let started = false
  for (const char of value) {
    if (quote) {
      if (char === quote) quote = undefined
      else current += char
    } else if (char === '"' || char === "'") {
      quote = char
      started = true
    } else if (/\s/.test(char)) {
      if (started) tokens.push(current)
      current = ''
      started = false
    } else {
      current += char
      started = true
    }
  }
  if (quote) throw new TransformInputError(`--parameter-overrides: unterminated quote in "${value}"`)
  if (started) tokens.push(current)
  return tokens
}

/** Parameter values from `--parameter-overrides`: `Key=Value` or `ParameterKey=Key,ParameterValue=Value`, several per value. */
export function parseParameterOverrides(values: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {}
  for (const value of values) {
    for (const token of overrideTokens(value)) {
      const match = /^ParameterKey=([A-Za-z0-9]+),ParameterValue=(.*)$/s.exec(token) ?? /^([A-Za-z0-9]+)=(.*)$/s.exec(token)
      if (!match) throw new TransformInputError(`--parameter-overrides: "${token}" is not Key=Value (or ParameterKey=Key,ParameterValue=Value); parameter names are letters and digits`)
      result[match[1]!] = match[2]!
    }
  }
  return result
}

/** Expands one template file as lint does. */
export function transformTemplate(file: string, options: TransformOptions): TransformResult {
  const parameterValues = parseParameterOverrides(options.parameterOverrides ?? [])
  const target = path.resolve(options.cwd, file)
  let isDirectory = false
  try {
    isDirectory = statSync(target).isDirectory()
  } catch {
    // Missing files are reported by the loader, with the same words lint uses.
  }
  if (isDirectory) throw new TransformInputError(`${file} is a folder; give one template file (for a CDK app, a template in cdk.out)`)
  const outcome = loadTemplateFile(target, true, undefined, {parameterValues})
  if (!outcome.ok) {
    const {location, message} = outcome.finding
    throw new TransformInputError(`${file}${location && location.line > 1 ? `:${location.line}:${location.column}` : ''}: ${message}`)
  }
  const {graph} = outcome.templates[0]!
  const warnings: string[] = []
  const parameters = isRecord(graph.context.template?.Parameters) ? graph.context.template.Parameters : {}
  for (const name of Object.keys(parameterValues)) {
    if (!(name in parameters)) warnings.push(`--parameter-overrides: ${name} is not a parameter of ${file}; ignored`)
  }
  const unexpanded = graph.context.unexpanded ?? []
  for (const loop of unexpanded) {
    const line = graph.context.locate?.(loop.at)?.line
    warnings.push(`${file}${line ? `:${line}` : ''}: ${loop.loop} was not expanded because ${loop.reason}; it is printed as written`)
  }
  return {graph, template: expandedTemplate(graph), unexpanded, warnings}
}

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31'
/** Resource attributes the graph does not carry, copied from the resource as written. */
const KEPT_ATTRIBUTES = ['CreationPolicy', 'UpdatePolicy'] as const

/** The template the graph was built from, with its resources replaced by the graph's: SAM and language extensions expanded. */
export function expandedTemplate(graph: ResourceGraph): Record<string, unknown> {
  const source = graph.context.template ?? {}
  const written = isRecord(source.Resources) ? source.Resources : {}
  const resources: Record<string, unknown> = {}
  for (const node of graph.nodes) {
    const declared = written[node.id]
    const own = isRecord(declared) && declared.Type === node.type ? declared : undefined
    const entry: Record<string, unknown> = {Type: node.type}
    if (node.condition !== undefined) entry.Condition = node.condition
    if (node.dependsOn && node.dependsOn.length > 0) entry.DependsOn = node.dependsOn.length === 1 ? node.dependsOn[0] : node.dependsOn
    // SAM-generated resources share their parent's metadata for suppressions; SAM does not write it on them.
    if (node.metadata !== undefined && node.id === node.origin.logicalId) entry.Metadata = node.metadata
    if (node.deletionPolicy !== undefined) entry.DeletionPolicy = node.deletionPolicy
    if (node.updateReplacePolicy !== undefined) entry.UpdateReplacePolicy = node.updateReplacePolicy
    for (const attribute of KEPT_ATTRIBUTES) if (own?.[attribute] !== undefined) entry[attribute] = own[attribute]
    if (node.updatePolicy !== undefined) entry.UpdatePolicy = node.updatePolicy
    if (Object.keys(node.props).length > 0 || own?.Properties !== undefined) entry.Properties = node.props
    resources[node.id] = entry
  }
  // Loops that could not be expanded stay as written, so nothing the template declares disappears from the output.
  for (const [key, value] of Object.entries(written)) if (key.startsWith('Fn::ForEach::')) resources[key] = value
  const result: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(source)) {
    if (key === 'Resources') result.Resources = resources
    else if (key === 'Globals' && graph.context.sam) continue
    else if (key === 'Transform') {
      const rest = asArray(value).filter((name) => !(graph.context.sam && name === SAM_TRANSFORM))
      if (rest.length > 0) result.Transform = rest.length === 1 ? rest[0] : rest
    } else result[key] = value
  }
  return result
}

/** The template as YAML (long-form intrinsics, no anchors) or JSON. */
export function renderTemplate(template: Record<string, unknown>, format: TransformFormat): string {
  if (format === 'json') return `${JSON.stringify(template, null, 2)}\n`
  // Shared objects (SAM resources share their parent's tags and metadata) are written out in full, never as YAML aliases;
  // YAML 1.1 quoting keeps strings such as 2010-09-09 or "yes" strings for YAML 1.1 readers (PyYAML, so cfn-lint and SAM CLI).
  return stringify(template, {aliasDuplicateObjects: false, lineWidth: 0, version: '1.1'})
}
