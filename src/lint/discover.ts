// Finds what to lint under the given paths and globs: template files, and CDK cloud assemblies (cdk.out) and Serverless Framework services as units.
import {existsSync, readdirSync, statSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'

import picomatch from 'picomatch'
import type {globSync as GlobSync} from 'tinyglobby'

/** Folders never searched: dependencies, VCS data, build output that copies templates. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.aws-sam', '.serverless', '.terraform', '.venv', '__pycache__', 'coverage'])

const TEMPLATE_EXTENSIONS = new Set(['.yaml', '.yml', '.json', '.template'])

export type Target =
  | {kind: 'file'; file: string; explicit: boolean}
  | {kind: 'cdk'; dir: string}
  | {kind: 'missing'; file: string}
  /** A glob given on the command line (quoted, so the shell did not expand it) that matches nothing. */
  | {kind: 'unmatched'; pattern: string}
  /** A CDK app folder (cdk.json) given explicitly, with no synthesized cloud assembly to lint. */
  | {kind: 'unsynthesized'; dir: string}
  /** A Serverless Framework service: its packaged template is linted, findings point into its configuration file. */
  | {kind: 'serverless'; dir: string; config: string; template: string}
  /** A Serverless Framework service that was never packaged: there is no template to lint yet. */
  | {kind: 'unpackaged'; dir: string; config: string}

export interface DiscoverOptions {
  /** Globs of paths to skip, relative to `root`. */
  ignore: string[]
  /** Folder that ignore globs are relative to. */
  root: string
  /** More globs relative to other folders (`--ignore` flags are relative to the current folder). */
  extraIgnore?: Array<{patterns: string[]; root: string}>
  /** Folder relative paths and globs are resolved against (default: the process's). */
  cwd?: string
}

/** The configuration files a Serverless Framework service is recognised by, in the order the framework looks for them. */
export const SERVERLESS_CONFIG_FILES = ['serverless.yml', 'serverless.yaml', 'serverless.ts', 'serverless.js', 'serverless.json'] as const

/** Where `serverless package` writes the template that `serverless deploy` updates the stack with. */
export const SERVERLESS_PACKAGED_TEMPLATE = path.join('.serverless', 'cloudformation-template-update-stack.json')

/** True when a folder is a CDK cloud assembly. */
export function isCloudAssembly(dir: string): boolean {
  return existsSync(path.join(dir, 'manifest.json')) && (existsSync(path.join(dir, 'tree.json')) || readdirSafe(dir).some((name) => name.endsWith('.template.json')))
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}

/** Expands the paths given on the command line into lint targets, in a stable order. */
export function discover(paths: readonly string[], options: DiscoverOptions): Target[] {
  const matchers = [{patterns: options.ignore, root: options.root}, ...(options.extraIgnore ?? [])]
    .filter((group) => group.patterns.length > 0)
    .map((group) => ({root: group.root, isMatch: picomatch(group.patterns, {dot: true})}))
  const ignored = (file: string): boolean =>
    matchers.some(({root, isMatch}) => {
      const rel = path.relative(root, file).split(path.sep).join('/')
      return rel !== '' && !rel.startsWith('..') && (isMatch(rel) || isMatch(`${rel}/`))
    })
  const targets: Target[] = []
  const seen = new Set<string>()
  const add = (target: Target): void => {
    const key = target.kind === 'unmatched' ? `glob:${target.pattern}` : 'dir' in target ? target.dir : target.file
    if (seen.has(key)) return
    seen.add(key)
    targets.push(target)
  }
  const walk = (dir: string): void => {
    if (isCloudAssembly(dir)) {
      add({kind: 'cdk', dir})
      return
    }
    const entries = readdirSafe(dir).sort()
    // From the listing already read: folder walks stay one readdir per folder.
    const slsName = SERVERLESS_CONFIG_FILES.find((name) => entries.includes(name))
    const slsConfig = slsName === undefined ? undefined : path.join(dir, slsName)
    if (slsConfig) {
      // The service's template exists only once packaged (.serverless is build output, skipped below as such).
      const template = path.join(dir, SERVERLESS_PACKAGED_TEMPLATE)
      add(existsSync(template) ? {kind: 'serverless', dir, config: slsConfig, template} : {kind: 'unpackaged', dir, config: slsConfig})
    }
    for (const name of entries) {
      const full = path.join(dir, name)
      if (ignored(full) || full === slsConfig) continue
      let stats
      try {
        stats = statSync(full)
      } catch {
        continue
      }
      if (stats.isDirectory()) {
        if (SKIPPED_DIRS.has(name)) continue
        walk(full)
      } else if (stats.isFile() && TEMPLATE_EXTENSIONS.has(path.extname(name).toLowerCase())) {
        add({kind: 'file', file: full, explicit: false})
      }
    }
  }
  const cwd = options.cwd ?? process.cwd()
  const visit = (full: string, explicit: boolean): void => {
    let stats
    try {
      stats = statSync(full)
    } catch {
      add({kind: 'missing', file: full})
      return
    }
    if (stats.isDirectory()) {
      const assembly = path.join(full, 'cdk.out')
      // A CDK app folder: lint its synthesized assembly, not its sources.
      if (!isCloudAssembly(full) && existsSync(path.join(full, 'cdk.json'))) {
        // Linting an app's sources would silently find nothing; say that it needs `cdk synth` instead.
        add(isCloudAssembly(assembly) ? {kind: 'cdk', dir: assembly} : {kind: 'unsynthesized', dir: full})
      }
      walk(full)
    } else {
      add({kind: 'file', file: full, explicit})
    }
  }
  for (const given of paths) {
    const full = path.resolve(cwd, given)
    // A quoted glob reaches us unexpanded; a path that exists as written is taken literally (file names may hold brackets).
    if (!existsSync(full) && picomatch.scan(given).isGlob) {
      // Loaded only for a glob: most runs name files and folders, and start-up time is what CI pays on every run.
      const {globSync} = createRequire(import.meta.url)('tinyglobby') as {globSync: typeof GlobSync}
      const matches = globSync(given, {cwd, absolute: true, onlyFiles: false, ignore: [...SKIPPED_DIRS].map((name) => `**/${name}/**`), expandDirectories: false})
      if (matches.length === 0) add({kind: 'unmatched', pattern: given})
      // Files a glob picks are not named one by one: those that are not templates are passed over, as in a folder.
      for (const match of matches.sort()) if (!ignored(path.resolve(match))) visit(path.resolve(match), false)
      continue
    }
    visit(full, true)
  }
  return targets
}
