// What `sls-eda transform --graph` prints: the resource graph of each application under a path (one template, a folder, a CDK assembly), as the rules see it.
import path from 'node:path'

import {applications, loadMembers, type Member} from '../lint/application.js'
import {discover} from '../lint/discover.js'
import {stackNames} from '../lint/groups.js'
import {assemblyMembers} from '../lint/lint.js'
import {buildApplicationGraph, graphDocument} from '../model/application.js'
import {TransformInputError} from './transform.js'

export interface ApplicationGraphDocument {
  stacks: Array<{name: string; file: string; stack?: string; nestedIn?: string}>
  nodes: Array<Record<string, unknown>>
  edges: Array<Record<string, unknown>>
}

/**
 * The linked applications under `given`, with their nodes and typed edges. Templates of a folder are joined as lint joins
 * them (exports and imports, SSM parameters, nested stacks; physical names within what is joined), the stacks of a CDK
 * assembly also by physical names. Files that cannot be used are left out with a warning.
 */
export function applicationGraphs(given: string, cwd: string): {applications: ApplicationGraphDocument[]; warnings: string[]} {
  const warnings: string[] = []
  const shown = (file: string): string => path.relative(cwd, file) || file
  const groups: Array<{members: Member[]; names: boolean}> = []
  const files: Array<{file: string; explicit: boolean}> = []
  for (const target of discover([path.resolve(cwd, given)], {ignore: [], root: cwd})) {
    if (target.kind === 'missing') throw new TransformInputError(`${given}: no such file or directory`)
    if (target.kind === 'unsynthesized') throw new TransformInputError(`${given}: CDK app without a cloud assembly: run \`cdk synth\` first`)
    if (target.kind === 'unmatched') throw new TransformInputError(`no file matches "${target.pattern}"`)
    if (target.kind === 'unpackaged') throw new TransformInputError(`${given}: Serverless Framework service without a packaged template: run \`serverless package\` first`)
    if (target.kind === 'serverless') files.push({file: target.template, explicit: true})
    else if (target.kind === 'file') files.push(target)
    else {
      const loaded = assemblyMembers(target.dir)
      for (const result of loaded) if (!('graph' in result)) warnings.push(`${shown(result.file)}: ${result.findings[0]?.message ?? 'not usable'}; left out`)
      groups.push({members: loaded.filter((result): result is Member => 'graph' in result), names: true})
    }
  }
  if (files.length > 0) {
    const names = stackNames(files.map((target) => target.file))
    const {members, failed} = loadMembers(files.map((target, i) => ({...target, name: names[i]!})))
    for (const result of failed) {
      if (files.length === 1) throw new TransformInputError(`${given}: ${result.findings[0]?.message ?? 'not usable'}`)
      warnings.push(`${shown(result.file)}: ${result.findings[0]?.message ?? 'not usable'}; left out`)
    }
    // A template that is also a nested stack of another is shown as that stack, with what its parent passes.
    const nested = new Set(members.filter((member) => member.parent).map((member) => member.file))
    groups.push({members: members.filter((member) => member.parent || !nested.has(member.file)), names: false})
  }
  const documents: ApplicationGraphDocument[] = []
  for (const group of groups) {
    for (const application of applications(group.members, {names: group.names})) {
      const linked = application.length === 1 ? {graph: application[0]!.graph, memberOf: new Map<string, Member>()} : buildApplicationGraph(application)
      const {nodes, edges} = graphDocument(linked.graph)
      const stackOf = (id: unknown): string => {
        const member = (linked.memberOf.get(String(id)) as Member | undefined) ?? application[0]!
        return member.loaded.stack ?? member.name
      }
      documents.push({
        stacks: application.map((member) => ({
          name: member.name,
          file: shown(member.file),
          ...(member.loaded.stack ? {stack: member.loaded.stack} : {}),
          ...(member.parent ? {nestedIn: `${member.parent.name}/${member.parent.resource}`} : {}),
        })),
        nodes: nodes.map((node) => ({...node, stack: stackOf(node.id), ...(typeof node.file === 'string' ? {file: shown(node.file)} : {})})),
        edges,
      })
    }
  }
  return {applications: documents, warnings}
}
