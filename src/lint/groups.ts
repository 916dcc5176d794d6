// Which templates may form an application together (a folder given, the files given, a --stack-group or a configured application), and which of them do.
import path from 'node:path'

import picomatch from 'picomatch'

import {linkedGroups, type LinkKeys} from '../model/application.js'
import {mayLink, type TemplateLinks} from './application.js'
import type {Target} from './discover.js'

/** An application configured in `.sls-eda.yml`: templates (globs relative to the configuration file) that belong together. */
export interface ApplicationSetting {
  name?: string
  templates: string[]
}

export interface GroupOptions {
  /** The paths given on the command line (or the current folder). */
  paths: readonly string[]
  cwd: string
  /** `--stack-group` values: `[NAME=]GLOB[,GLOB…]`, globs relative to `cwd`. */
  stackGroups: readonly string[]
  applications: readonly ApplicationSetting[]
  /** Folder the configuration's globs are relative to. */
  configRoot: string
}

/** The group a target's template may link within, and the name its stack goes by in an application. */
export interface GroupSpec {
  group: string
  member: string
  /** Declared by the user (`--stack-group`, `applications`): literal physical names may join its templates too. */
  declared?: boolean
}

/** Parses `--stack-group` values into named glob lists. */
export function parseStackGroups(values: readonly string[]): ApplicationSetting[] {
  return values.map((value) => {
    const match = /^([A-Za-z0-9_-]+)=(.*)$/s.exec(value)
    const globs = (match ? match[2]! : value)
      .split(',')
      .map((glob) => glob.trim())
      .filter((glob) => glob !== '')
    return {name: match?.[1], templates: globs}
  })
}

/**
 * The group of each target. Templates matched by a `--stack-group` (or else a configured application) form that group;
 * the others, one group per folder given, and one for the files given by name. A CDK assembly is a group of its own.
 */
export function targetGroups(targets: readonly Target[], options: GroupOptions): GroupSpec[] {
  const explicitGroups = [
    ...parseStackGroups(options.stackGroups).map((group, index) => ({...group, key: `stack-group:${group.name ?? index}`, root: options.cwd})),
    ...options.applications.map((group, index) => ({...group, key: `application:${group.name ?? index}`, root: options.configRoot})),
  ].map((group) => ({key: group.key, root: group.root, isMatch: picomatch(group.templates, {dot: true})}))
  const folders = options.paths.map((given) => path.resolve(options.cwd, given))
  return targets.map((target, index) => {
    if (target.kind !== 'file') return {group: `target:${index}`, member: ''}
    const member = path.basename(target.file)
    for (const group of explicitGroups) {
      const rel = path.relative(group.root, target.file).split(path.sep).join('/')
      if (group.isMatch(rel)) return {group: group.key, member, declared: true}
    }
    if (target.explicit) return {group: 'files', member}
    const folder = folders.find((dir) => target.file.startsWith(`${dir}${path.sep}`))
    return {group: `folder:${folder ?? path.dirname(target.file)}`, member}
  })
}

/**
 * What the templates of an application are called in messages that must tell them apart: the file name without its
 * extension, or the path from the folder they share when two files have the same name.
 */
export function stackNames(files: readonly string[]): string[] {
  const strip = (name: string): string => name.replace(/\.(ya?ml|json|template)$/i, '')
  let common = path.dirname(files[0]!)
  while (!files.every((file) => file.startsWith(`${common}${path.sep}`)) && path.dirname(common) !== common) common = path.dirname(common)
  const relative = files.map((file) => path.relative(common, file).split(path.sep).join('/'))
  const candidates = [files.map((file) => strip(path.basename(file))), relative.map(strip), relative]
  return candidates.find((names) => new Set(names).size === names.length) ?? [...files]
}

/** Templates linted together as one application: the targets it covers and the files to load (nested templates come with their parents). */
export interface ApplicationJob {
  targets: number[]
  files: Array<{file: string; name: string; explicit: boolean}>
}

/**
 * The applications of several templates, from what each template linted on its own may link by: within each group,
 * templates joined by exports and imports, SSM parameters, physical names or nested stacks. Templates that link to
 * nothing keep their results.
 */
export function planApplications(targets: readonly Target[], groups: readonly GroupSpec[], units: ReadonlyArray<{links?: TemplateLinks} | undefined>): ApplicationJob[] {
  const byGroup = new Map<string, number[]>()
  targets.forEach((target, index) => {
    if (target.kind !== 'file' || !units[index]?.links) return
    const group = groups[index]!.group
    byGroup.set(group, [...(byGroup.get(group) ?? []), index])
  })
  const jobs: ApplicationJob[] = []
  for (const all of byGroup.values()) {
    // Templates that offer and take nothing stay on their own, unless another nests them.
    const nestedFiles = new Set(all.flatMap((index) => units[index]!.links!.nested))
    const indexes = all.filter((index) => mayLink(units[index]!.links!) || nestedFiles.has((targets[index] as {file: string}).file))
    if (indexes.length === 0) continue
    const links = indexes.map((index) => units[index]!.links!)
    const keys: LinkKeys[] = links.map(({keys}) => ({...keys, exports: [...keys.exports], imports: [...keys.imports]}))
    const position = new Map(indexes.map((index, at) => [(targets[index] as {file: string}).file, at]))
    // A template that is also a nested stack of another in the group is linted as that stack, with what its parent passes.
    const nestedChildren = new Set<number>()
    links.forEach((link, at) => {
      for (const child of link.nested) {
        const childAt = position.get(child)
        if (childAt === undefined || childAt === at) continue
        keys[childAt]!.exports.push(`\u0000nested:${child}`)
        keys[at]!.imports.push(`\u0000nested:${child}`)
        nestedChildren.add(childAt)
      }
    })
    // A literal name (`FunctionName: worker`) is a weak sign that two templates of a folder are one application: it joins
    // templates only in a group the user declared, and otherwise only links resources of templates already joined.
    for (const component of linkedGroups(keys, {names: groups[indexes[0]!]!.declared === true})) {
      if (component.length === 1 && links[component[0]!]!.nested.length === 0 && !links[component[0]!]!.deferred) continue
      const tops = (component.filter((at) => !nestedChildren.has(at)).length > 0 ? component.filter((at) => !nestedChildren.has(at)) : component).map(
        (at) => targets[indexes[at]!] as {file: string; explicit: boolean},
      )
      const names = stackNames(tops.map((target) => target.file))
      jobs.push({targets: component.map((at) => indexes[at]!), files: tops.map((target, i) => ({file: target.file, name: names[i]!, explicit: target.explicit}))})
    }
  }
  return jobs.sort((a, b) => a.targets[0]! - b.targets[0]!)
}
