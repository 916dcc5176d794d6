// Finds what to lint under the given paths: template files, and CDK cloud assemblies (cdk.out) as units.
import {existsSync, readdirSync, statSync} from 'node:fs'
import path from 'node:path'

import picomatch from 'picomatch'

/** Folders never searched: dependencies, VCS data, build output that copies templates. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.aws-sam', '.serverless', '.terraform', '.venv', '__pycache__', 'coverage'])

const TEMPLATE_EXTENSIONS = new Set(['.yaml', '.yml', '.json', '.template'])

export type Target =
  | {kind: 'file'; file: string; explicit: boolean}
  | {kind: 'cdk'; dir: string}
  | {kind: 'missing'; file: string}
  /** A CDK app folder (cdk.json) given explicitly, with no synthesized cloud assembly to lint. */
  | {kind: 'unsynthesized'; dir: string}

export interface DiscoverOptions {
  /** Globs of paths to skip, relative to `root`. */
  ignore: string[]
  /** Folder that ignore globs are relative to. */
  root: string
  /** More globs relative to other folders (`--ignore` flags are relative to the current folder). */
  extraIgnore?: Array<{patterns: string[]; root: string}>
}

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
    const key = target.kind === 'cdk' || target.kind === 'unsynthesized' ? target.dir : target.file
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
    for (const name of entries) {
      const full = path.join(dir, name)
      if (ignored(full)) continue
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
  for (const given of paths) {
    const full = path.resolve(given)
    let stats
    try {
      stats = statSync(full)
    } catch {
      add({kind: 'missing', file: full})
      continue
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
      add({kind: 'file', file: full, explicit: true})
    }
  }
  return targets
}
