// Reads template files and CDK cloud assemblies into graphs; anything unusable becomes an SLS001 finding, never an exception.
import {readFileSync, statSync} from 'node:fs'
import path from 'node:path'

import {docsUrl, type Finding, formatMessage} from '../engine/finding.js'
import type {ResourceGraph} from '../model/graph.js'
import {get, isRecord} from '../model/intrinsics.js'
import {ParseError, parseTemplateText, type ParsedFile} from '../model/parse.js'
import {type BuildOptions, buildTemplateGraph, looksLikeTemplate, TemplateError} from '../model/template.js'
import type {SourceLocation} from '../model/types.js'
import {ENGINE_RULES} from '../rules/engine-rules.js'

/** CloudFormation accepts templates up to 1 MB (from S3); anything far larger is not a template. */
export const MAX_TEMPLATE_BYTES = 10 * 1024 * 1024

export interface LoadedTemplate {
  file: string
  graph: ResourceGraph
  parsed: ParsedFile
  stack?: string
  /** What `AWS::StackName` is at deployment, when the assembly says. */
  stackName?: string
  /** A nested stack of an assembly: the parent's stack and the logical id of the resource that creates it. */
  nestedIn?: {stack: string; resource: string}
  /** False when the text cannot import a value or read an SSM parameter, so nothing needs to look for one. */
  refersOut?: boolean
  /** The text that was parsed (without a byte order mark), for fixes. */
  text?: string
}

export type LoadOutcome = {ok: true; templates: LoadedTemplate[]} | {ok: false; finding: Finding; skipped?: boolean}

export function unusable(file: string, messageId: 'unreadable' | 'syntax' | 'notTemplate' | 'samRejected', error: string, at?: Partial<SourceLocation>): Finding {
  const meta = ENGINE_RULES.parseError.meta
  const line = at?.line ?? 1
  const column = at?.column ?? 1
  return {
    ruleId: meta.id,
    ruleName: meta.name,
    severity: 'error',
    messageId,
    data: {error},
    message: formatMessage(meta.messages[messageId]!, {error}),
    source: 'template',
    location: {file, line, column, endLine: at?.endLine ?? line, endColumn: at?.endColumn ?? column},
    docsUrl: docsUrl(meta.id),
  }
}

/** Reads a file as text, refusing what cannot be a template (too large, binary, empty). */
function readText(file: string): {text: string} | {error: string} {
  let size: number
  try {
    size = statSync(file).size
  } catch (error) {
    return {error: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`}
  }
  if (size > MAX_TEMPLATE_BYTES) {
    return {error: `file is ${(size / 1024 / 1024).toFixed(1)} MB; templates are at most 1 MB (CloudFormation's limit), so it was not parsed`}
  }
  let buffer: Buffer
  try {
    buffer = readFileSync(file)
  } catch (error) {
    return {error: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`}
  }
  if (buffer.subarray(0, 8192).includes(0)) return {error: 'binary file, not a template'}
  const text = buffer.toString('utf8').replace(/^\uFEFF/, '')
  if (text.trim() === '') return {error: 'empty file'}
  return {text}
}

/** Cheap test before a full parse: directory walks skip YAML and JSON files that are clearly not templates. */
export function mightBeTemplate(text: string): boolean {
  return /AWSTemplateFormatVersion|["']?Resources["']?\s*:/.test(text) && /AWS::|Custom::|Type["']?\s*:/.test(text)
}

/**
 * Loads one template file. Files found by walking a folder that are not templates are skipped
 * quietly (`skipped`); files named explicitly are reported.
 */
export function loadTemplateFile(file: string, explicit: boolean, stack?: string, build: Omit<BuildOptions, 'stack'> = {}): LoadOutcome {
  const read = readText(file)
  // A file found by walking a folder that cannot be read as text (binary, empty, huge) is not one of the user's templates.
  if ('error' in read) return {ok: false, skipped: !explicit, finding: unusable(file, 'unreadable', read.error)}
  if (!explicit && !mightBeTemplate(read.text)) return {ok: false, skipped: true, finding: unusable(file, 'notTemplate', 'not a CloudFormation template')}
  return loadTemplateText(file, read.text, explicit, stack, build)
}

/** Loads a template from its text (a file as read, or as a fix pass left it). */
export function loadTemplateText(file: string, text: string, explicit: boolean, stack?: string, build: Omit<BuildOptions, 'stack'> = {}): LoadOutcome {
  let parsed: ParsedFile
  try {
    parsed = parseTemplateText(file, text)
  } catch (error) {
    if (error instanceof ParseError) return {ok: false, finding: unusable(file, 'syntax', error.message, error.location)}
    return {ok: false, finding: unusable(file, 'syntax', (error as Error).message)}
  }
  if (!looksLikeTemplate(parsed.value)) {
    return {ok: false, skipped: !explicit, finding: unusable(file, 'notTemplate', 'not a CloudFormation template: no AWSTemplateFormatVersion and no Resources with a Type')}
  }
  try {
    const refersOut = /ImportValue|resolve:ssm|SSM::Parameter::Value/.test(text)
    return {ok: true, templates: [{file, parsed, stack, text, graph: buildTemplateGraph(parsed, {...build, stack}), refersOut}]}
  } catch (error) {
    if (error instanceof TemplateError) return {ok: false, finding: unusable(file, error.kind === 'sam' ? 'samRejected' : 'notTemplate', error.message, {line: error.line, column: error.column})}
    throw error
  }
}

/**
 * Loads every stack of a CDK cloud assembly (including nested assemblies of stages and nested
 * stacks), naming each stack so findings can say where they come from.
 */
export function loadCloudAssembly(dir: string): Array<{file: string; outcome: LoadOutcome}> {
  const results: Array<{file: string; outcome: LoadOutcome}> = []
  const manifestFile = path.join(dir, 'manifest.json')
  let manifest: unknown
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'))
  } catch (error) {
    return [{file: manifestFile, outcome: {ok: false, finding: unusable(manifestFile, 'syntax', `cannot read the CDK manifest: ${(error as Error).message}`)}}]
  }
  const artifacts = get(manifest, 'artifacts')
  if (!isRecord(artifacts)) return results
  for (const [name, artifact] of Object.entries(artifacts)) {
    const type = get(artifact, 'type')
    if (type === 'cdk:cloud-assembly') {
      const nested = get(artifact, 'properties', 'directoryName')
      if (typeof nested === 'string') results.push(...loadCloudAssembly(path.join(dir, nested)))
      continue
    }
    if (type !== 'aws:cloudformation:stack') continue
    const templateFile = get(artifact, 'properties', 'templateFile')
    if (typeof templateFile !== 'string') continue
    const stackName = (get(artifact, 'properties', 'stackName') as string | undefined) ?? (get(artifact, 'displayName') as string | undefined) ?? name
    const file = path.join(dir, templateFile)
    const outcome = loadTemplateFile(file, true, stackName)
    const deployedName = get(artifact, 'properties', 'stackName')
    if (outcome.ok && typeof deployedName === 'string') outcome.templates[0]!.stackName = deployedName
    results.push({file, outcome})
    if (outcome.ok) results.push(...nestedStacks(dir, outcome.templates[0]!, stackName))
  }
  return results
}

/** Nested stacks of a CDK stack: AWS::CloudFormation::Stack resources whose template is an asset in the assembly. */
function nestedStacks(dir: string, parent: LoadedTemplate, parentStack: string): Array<{file: string; outcome: LoadOutcome}> {
  const results: Array<{file: string; outcome: LoadOutcome}> = []
  for (const node of parent.graph.ofType('AWS::CloudFormation::Stack')) {
    const assetPath = node.metadata?.['aws:asset:path']
    if (typeof assetPath !== 'string') continue
    const file = path.join(dir, assetPath)
    // aws:cdk:path of a nested stack resource is `Parent/Name.NestedStack/Name.NestedStackResource`; users know it as `Parent/Name`.
    const construct = node.origin.cdkPath
      ?.split('/')
      .slice(1, -1)
      .join('/')
      .replace(/\.NestedStack$/, '')
    const stack = `${parentStack}/${construct || node.id}`
    const outcome = loadTemplateFile(file, true, stack)
    if (outcome.ok) outcome.templates[0]!.nestedIn = {stack: parentStack, resource: node.id}
    results.push({file, outcome})
    if (outcome.ok) results.push(...nestedStacks(dir, outcome.templates[0]!, stack))
  }
  return results
}
