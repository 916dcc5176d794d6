// Lints applications: loads templates with their local nested stacks, links those that refer to each other, and runs the rules once per application.
import {statSync} from 'node:fs'
import path from 'node:path'

import type {ActiveRule} from '../engine/config.js'
import type {Finding} from '../engine/finding.js'
import {runRules} from '../engine/run.js'
import type {FileFix} from '../fix/run.js'
import {buildApplicationGraph, linkedGroups, linkKeys, type LinkKeys, type StackMember, textOf} from '../model/application.js'
import {get, isRecord} from '../model/intrinsics.js'
import {loadTemplateFile, type LoadedTemplate, type LoadOutcome} from './load.js'

/** A result per template (per stack of an assembly, per instance of a nested template). */
export interface FileResult {
  file: string
  stack?: string
  findings: Finding[]
  /** True when the file could not be used (exit code 2). */
  unusable: boolean
  /** The template that was linted, when findings point at the file it was generated from (a Serverless Framework service's package). */
  packaged?: string
  /** `--fix` / `--fix-dry-run`: what fixing the file did. */
  fix?: FileFix
  /** The file is part of a synthesized CDK cloud assembly: never fixed in place. */
  cdk?: boolean
}

/** Nested stacks deeper than this are not followed (CloudFormation's own limit is far lower in practice). */
const MAX_NESTING = 8

/** A loaded template as a member of an application. */
export interface Member extends StackMember {
  loaded: LoadedTemplate
}

/**
 * Local templates a template's nested stacks use: `AWS::CloudFormation::Stack` `TemplateURL` and
 * `AWS::Serverless::Application` `Location` given as a path to a file (what `package` would upload), relative to the template.
 */
export function localNestedStacks(template: LoadedTemplate): Array<{resource: string; file: string; parameters: Record<string, unknown>}> {
  const found: Array<{resource: string; file: string; parameters: Record<string, unknown>}> = []
  for (const node of template.graph.ofType('AWS::CloudFormation::Stack')) {
    const location = node.props.TemplateURL ?? node.props.Location
    if (typeof location !== 'string' || /^[a-z][a-z0-9+.-]*:\/\//i.test(location)) continue
    const file = path.resolve(path.dirname(template.file), location)
    try {
      if (!statSync(file).isFile()) continue
    } catch {
      continue
    }
    const parameters = get(node.props, 'Parameters')
    found.push({resource: node.id, file, parameters: isRecord(parameters) ? parameters : {}})
  }
  return found
}

/** The link keys of one template, with the local templates its nested stacks use: what the main thread needs to form applications. */
export interface TemplateLinks {
  keys: LinkKeys
  nested: string[]
  /** The template was loaded but not checked yet: it is checked in its application, or on its own if it has none. */
  deferred?: boolean
}

export function templateLinks(template: LoadedTemplate, name: string, options: {names: boolean}): TemplateLinks {
  const keys = linkKeys({name, file: template.file, graph: template.graph}, {...options, scan: template.refersOut !== false})
  return {keys, nested: localNestedStacks(template).map((child) => child.file)}
}

/** True when a template takes something from elsewhere: an import, an SSM parameter, or a nested stack. */
export function takes(links: TemplateLinks): boolean {
  return links.nested.length > 0 || links.keys.imports.length > 0 || links.keys.ssmReads.length > 0
}

/** True when a template may link to another: anything it offers or takes by name, or a nested stack. */
export function mayLink(links: TemplateLinks): boolean {
  const {keys} = links
  return links.nested.length > 0 || keys.exports.length + keys.imports.length + keys.ssmWrites.length + keys.ssmReads.length + keys.names.length + keys.uses.length > 0
}

/**
 * Loads the templates of an application and, depth first, the local templates of their nested stacks, each instance
 * with the literal parameter values its parent passes. Files that cannot be used come back as results.
 */
export function loadMembers(files: ReadonlyArray<{file: string; name: string; explicit: boolean}>): {members: Member[]; failed: FileResult[]} {
  const members: Member[] = []
  const failed: FileResult[] = []
  const handle = (file: string, outcome: LoadOutcome, make: (loaded: LoadedTemplate) => Member): Member | undefined => {
    if (!outcome.ok) {
      if (!outcome.skipped) failed.push({file, findings: [outcome.finding], unusable: true})
      return undefined
    }
    const member = make(outcome.templates[0]!)
    members.push(member)
    return member
  }
  const children = (parent: Member, depth: number, ancestors: ReadonlySet<string>): void => {
    if (depth >= MAX_NESTING) return
    for (const child of localNestedStacks(parent.loaded)) {
      if (ancestors.has(child.file)) continue
      const parameterValues: Record<string, string> = {}
      for (const [key, value] of Object.entries(child.parameters)) {
        const text = textOf(parent, value)
        if (text !== undefined && !text.includes('\u0000')) parameterValues[key] = text
      }
      const name = `${parent.name}/${child.resource}`
      const member = handle(child.file, loadTemplateFile(child.file, true, name, {parameterValues}), (loaded) => ({
        name,
        file: child.file,
        graph: loaded.graph,
        loaded,
        parameterValues,
        parent: {name: parent.name, resource: child.resource},
      }))
      if (member) children(member, depth + 1, new Set([...ancestors, child.file]))
    }
  }
  for (const {file, name, explicit} of files) {
    const member = handle(file, loadTemplateFile(file, explicit), (loaded) => ({name, file, graph: loaded.graph, loaded}))
    if (member) children(member, 1, new Set([file]))
  }
  return {members, failed}
}

/** Members that form one application each: linked by name (physical names only with `names`), or nested in one another. */
export function applications<M extends StackMember>(members: readonly M[], options: {names: boolean} = {names: true}): M[][] {
  const keys = members.map((member) => linkKeys(member, options))
  const index = new Map(members.map((member, i) => [member.name, i]))
  // A nested stack belongs with its parent: offer and take a key only the two share.
  members.forEach((member, i) => {
    if (!member.parent || !index.has(member.parent.name)) return
    const key = `\u0000nested:${member.name}`
    keys[i]!.exports.push(key)
    keys[index.get(member.parent.name)!]!.imports.push(key)
  })
  return linkedGroups(keys, options).map((group) => group.map((i) => members[i]!))
}

/** Templates checked alone (rules about the template document) or, for an application of several, on the application graph. */
const templateScoped = ({rule}: ActiveRule): boolean => rule.meta.service === 'template'

/**
 * Runs the rules on one application. A single template is checked as it always was; several are linked into one graph,
 * the rules about template documents still running on each template's own graph. Findings go to the template (and
 * stack) their resource is written in, with the id written there.
 */
export function lintApplication(members: readonly Member[], active: readonly ActiveRule[], now: Date | undefined, options: {cdk?: boolean} = {}): FileResult[] {
  const {cdk} = options
  const results = members.map((member): FileResult => ({file: member.file, stack: member.loaded.stack, findings: [], unusable: false}))
  if (members.length === 1) {
    results[0]!.findings = sortFindings(runRules(members[0]!.graph, active, {now, cdk}))
    return results
  }
  const own = active.filter(templateScoped)
  const shared = active.filter((rule) => !templateScoped(rule))
  members.forEach((member, i) => results[i]!.findings.push(...runRules(member.graph, own, {now, cdk})))
  const {graph, memberOf} = buildApplicationGraph(members)
  const position = new Map(members.map((member, i) => [member as StackMember, i]))
  for (const finding of runRules(graph, shared, {now, cdk, templateFindings: false})) {
    const node = finding.resource ? graph.get(finding.resource.id) : undefined
    const member = node ? memberOf.get(node.id) : undefined
    const at = member
      ? position.get(member)!
      : Math.max(
          0,
          members.findIndex((candidate) => candidate.file === finding.location?.file),
        )
    if (node && finding.resource) finding.resource = {...finding.resource, id: graph.localId(node)}
    results[at]!.findings.push(finding)
  }
  for (const result of results) {
    const seen = new Set<string>()
    result.findings = sortFindings(
      result.findings.filter((finding) => {
        const key = `${finding.ruleId}|${finding.messageId}|${finding.resource?.id}|${finding.location?.line}|${finding.location?.column}|${finding.message}`
        if (seen.has(key)) return false
        seen.add(key)
        return true
      }),
    )
  }
  return results
}

/** Forms the applications of some members and lints each; results in the members' order. */
export function lintMembers(members: readonly Member[], active: readonly ActiveRule[], now: Date | undefined, options: {cdk?: boolean} = {}): FileResult[] {
  const results = new Map<Member, FileResult>()
  for (const application of applications(members)) {
    lintApplication(application, active, now, options).forEach((result, i) => results.set(application[i]!, result))
  }
  return members.map((member) => results.get(member)!)
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0) || a.ruleId.localeCompare(b.ruleId))
}
