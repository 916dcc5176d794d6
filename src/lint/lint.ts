// The lint pipeline: discover targets, load each into a graph, run the active rules, collect per-file results.
import {existsSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {Worker} from 'node:worker_threads'

import {type ActiveRule, type Config, resolveRules} from '../engine/config.js'
import type {Finding} from '../engine/finding.js'
import {runRules} from '../engine/run.js'
import {Fixer} from '../fix/fixer.js'
import {type FixMode, fixText} from '../fix/run.js'
import {ENGINE_RULES} from '../rules/engine-rules.js'
import type {Rule, RuleMeta} from '../rules/types.js'
import {UsageError} from '../lib/exit-codes.js'
import {type FileResult, lintMembers, loadMembers, type Member, sortFindings, takes, type TemplateLinks, templateLinks} from './application.js'
import {applicationKey, LintCache, runKey, targetKey} from './cache.js'
import {discover, type Target} from './discover.js'
import {type ApplicationJob, type GroupSpec, planApplications, targetGroups} from './groups.js'
import {loadCloudAssembly, loadTemplateFile, loadTemplateText, type LoadedTemplate, type LoadOutcome, unusable} from './load.js'
import {readServerlessSource, relocateFinding} from './serverless.js'

export type {FileResult} from './application.js'

export interface LintResult {
  files: FileResult[]
  /** Every rule that ran, for reporters that list rules (SARIF). */
  rules: RuleMeta[]
  /** Rule keys in the configuration that name no rule. */
  unknownRules: string[]
  /** With a cache: how many lint units (files, cloud assemblies, applications) were served from it, and a note if it could not be written. */
  cache?: {hits: number; misses: number; problem?: string}
}

export interface LintOptions {
  paths: string[]
  config: Config
  catalogue: readonly Rule[]
  /** Folder relative paths and `ignore` are resolved against. */
  cwd: string
  /** Globs of files to skip, relative to `cwd` (from the command line; the configuration's are relative to its file). */
  ignore?: string[]
  /** `--stack-group`: templates (globs relative to `cwd`, comma-separated, optionally after `NAME=`) that form one application. */
  stackGroups?: string[]
  now?: Date
  /** `--cache`: the cache folder, and the version of sls-eda that is running (part of what keys it). */
  cache?: {dir: string; version: string}
  /** Fix the files (`--fix`), or compute the fixes only (`--fix-dry-run`). */
  fix?: FixMode
  /** Give findings their fixes as text edits (JSON and SARIF reports carry them); otherwise only whether they are fixable. */
  edits?: boolean
}

export function lint(options: LintOptions): LintResult {
  return lintPrepared(prepare(options), options.now, options.fix, options.edits)
}

function lintPrepared({active, unknown, targets, groups}: Prepared, now: Date | undefined, fix: FixMode | undefined, edits: boolean | undefined): LintResult {
  const units = targets.map((target, index) => lintTarget(target, active, now, groups[index]!, fix, edits))
  const jobs = planApplications(targets, groups, units)
  const results = applyJobs(
    units.map((unit) => unit.files),
    jobs,
    jobs.map((job) => lintApplicationJob(job, active, now)),
  )
  return finish(results.flat(), active, unknown)
}

/** Rules, targets and unknown rule keys of one run, and the group of templates each target may form an application with. */
interface Prepared {
  active: ActiveRule[]
  unknown: string[]
  targets: Target[]
  groups: GroupSpec[]
}

function prepare(options: LintOptions): Prepared {
  const {active, unknown} = resolveRules(options.catalogue, options.config)
  const root = options.config.file ? path.dirname(options.config.file) : options.cwd
  const paths = options.paths.length > 0 ? options.paths : [options.cwd]
  const targets = discover(paths, {
    ignore: options.config.ignore,
    root,
    extraIgnore: [{patterns: options.ignore ?? [], root: options.cwd}],
    cwd: options.cwd,
  })
  // A path that does not exist is a typing mistake, not an empty project: say so before linting anything (as ESLint does).
  const mistakes = targets.flatMap((target) =>
    target.kind === 'missing' ? [`${path.relative(options.cwd, target.file) || target.file}: no such file or directory`] : target.kind === 'unmatched' ? [`no file matches "${target.pattern}"`] : [],
  )
  if (mistakes.length > 0) throw new UsageError(`${mistakes.join('; ')} (check for a typing mistake)`)
  const groups = targetGroups(targets, {paths, cwd: options.cwd, stackGroups: options.stackGroups ?? [], applications: options.config.applications ?? [], configRoot: root})
  return {active, unknown, targets, groups}
}

/** What linting one target gives: its results, and for a template that loaded, what it may link to other templates by. */
export interface TargetOutcome {
  files: FileResult[]
  links?: TemplateLinks
}

/**
 * The results of one target on its own: a template file (with the keys it links by), a CDK cloud assembly (its stacks
 * linked into applications, one result per stack), or something unusable.
 */
export function lintTarget(target: Target, active: readonly ActiveRule[], now: Date | undefined, group?: GroupSpec, fix?: FixMode, edits = false): TargetOutcome {
  const files: FileResult[] = []
  let links: TemplateLinks | undefined
  // --fix and --fix-dry-run fix each template on its own graph, pass after pass (a fix is an edit of one file).
  if (fix && target.kind === 'file') return {files: fixFile(target.file, target.explicit, active, now, fix)}
  const handle = (file: string, outcome: LoadOutcome): void => {
    if (!outcome.ok) {
      if (!outcome.skipped) files.push({file, findings: [outcome.finding], unusable: true})
      return
    }
    for (const template of outcome.templates) {
      links = templateLinks(template, group?.member ?? '', {names: group?.declared === true})
      // A template that imports, reads SSM parameters or nests stacks is most likely linted again with them: its rules wait for that.
      if (group && takes(links)) {
        links.deferred = true
        continue
      }
      const fixer = edits && template.text !== undefined ? new Fixer(template.text, template.parsed.format, template.graph) : undefined
      const findings = runRules(template.graph, active, {now, fixer})
      files.push({file: template.file, stack: template.stack, findings: sortFindings(findings), unusable: false})
    }
  }
  if (target.kind === 'missing') {
    files.push({file: target.file, findings: [unusable(target.file, 'unreadable', 'no such file or directory')], unusable: true})
  } else if (target.kind === 'unsynthesized') {
    const cdkJson = path.join(target.dir, 'cdk.json')
    files.push({file: cdkJson, findings: [unusable(cdkJson, 'unreadable', 'CDK app without a cloud assembly: run `cdk synth` first (sls-eda lints cdk.out, not the app sources)')], unusable: true})
  } else if (target.kind === 'unpackaged') {
    files.push({
      file: target.config,
      findings: [
        unusable(
          target.config,
          'unreadable',
          'Serverless Framework service without a packaged template: run `serverless package` first (sls-eda lints .serverless/cloudformation-template-update-stack.json, the template it writes)',
        ),
      ],
      unusable: true,
    })
  } else if (target.kind === 'serverless') {
    const outcome = loadTemplateFile(target.template, true)
    if (!outcome.ok) {
      files.push({file: target.template, findings: [outcome.finding], unusable: true})
    } else {
      const source = readServerlessSource(target.config)
      for (const template of outcome.templates) {
        const findings = runRules(template.graph, active, {now}).map((finding) => relocateFinding(finding, source))
        files.push({file: target.config, packaged: template.file, findings: sortFindings(findings), unusable: false})
      }
    }
  } else if (target.kind === 'file') {
    handle(target.file, loadTemplateFile(target.file, target.explicit))
  } else if (target.kind === 'cdk') {
    files.push(...lintAssembly(target.dir, active, now))
  }
  return {files, links}
}

/** Fixes one template file (or computes its fixes), re-linting the text after each pass; what is left are its findings. */
function fixFile(file: string, explicit: boolean, active: readonly ActiveRule[], now: Date | undefined, fix: FixMode): FileResult[] {
  const first = loadTemplateFile(file, explicit)
  const original = first.ok ? first.templates[0]?.text : undefined
  if (!first.ok || original === undefined) return first.ok || first.skipped ? [] : [{file, findings: [first.finding], unusable: true}]
  const lintText = (text: string): Finding[] | undefined => {
    const outcome = text === original ? first : loadTemplateText(file, text, explicit)
    if (!outcome.ok) return undefined
    const template = outcome.templates[0]!
    return sortFindings(runRules(template.graph, active, {now, fixer: new Fixer(text, template.parsed.format, template.graph)}))
  }
  const {findings, fix: result} = fixText(file, original, lintText, fix)
  return [{file, findings: findings ?? [], unusable: false, fix: result}]
}

/** Every stack of a cloud assembly (stages and nested stacks included), linked into applications; fixes are shown as construct properties. */
function lintAssembly(dir: string, active: readonly ActiveRule[], now: Date | undefined): FileResult[] {
  const results = assemblyMembers(dir)
  const members = results.filter((result): result is Member => 'graph' in result)
  const linted = new Map(lintMembers(members, active, now, {cdk: true}).map((result, i) => [members[i] as FileResult | Member, result]))
  return results.map((result) => linted.get(result) ?? (result as FileResult)).map((result) => ({...result, cdk: true}))
}

/** The stacks of a cloud assembly as members of its applications, in the manifest's order, with results for what could not be used. */
export function assemblyMembers(dir: string): Array<FileResult | Member> {
  const results: Array<FileResult | Member> = []
  const taken = new Set<string>()
  for (const {file, outcome} of loadCloudAssembly(dir)) {
    if (!outcome.ok) {
      if (!outcome.skipped) results.push({file, findings: [outcome.finding], unusable: true})
      continue
    }
    const loaded: LoadedTemplate = outcome.templates[0]!
    let name = loaded.stack ?? file
    for (let n = 2; taken.has(name); n++) name = `${loaded.stack ?? file}#${n}`
    taken.add(name)
    results.push({name, file, graph: loaded.graph, loaded, stackName: loaded.stackName, parent: loaded.nestedIn ? {name: loaded.nestedIn.stack, resource: loaded.nestedIn.resource} : undefined})
  }
  return results
}

/** Lints the templates of one application together (with the local templates of their nested stacks). */
export function lintApplicationJob(job: ApplicationJob, active: readonly ActiveRule[], now: Date | undefined): FileResult[] {
  const {members, failed} = loadMembers(job.files)
  return [...lintMembers(members, active, now), ...failed]
}

/** Replaces the results of the targets an application job covers with the job's results, at the place of its first target. */
function applyJobs(results: FileResult[][], jobs: readonly ApplicationJob[], jobResults: FileResult[][]): FileResult[][] {
  const replaced = results.slice()
  jobs.forEach((job, i) => {
    for (const index of job.targets) replaced[index] = []
    replaced[job.targets[0]!] = jobResults[i]!
  })
  return replaced
}

function finish(files: FileResult[], active: readonly ActiveRule[], unknown: string[]): LintResult {
  const rules = active.map(({rule}) => rule.meta)
  // Engine findings (unusable input) can appear even when their rule was not selected; reporters must still describe them.
  const ran = new Set(rules.map((meta) => meta.id))
  for (const engine of Object.values(ENGINE_RULES)) {
    if (!ran.has(engine.meta.id) && files.some((file) => file.findings.some((finding) => finding.ruleId === engine.meta.id))) rules.push(engine.meta)
  }
  return {files, rules, unknownRules: unknown}
}

/** What a worker needs to lint files exactly as the main thread would. */
export interface WorkerSetup {
  config: Config
  /** Ids of the catalogue's rules (the worker loads the same rule objects by id). */
  ruleIds: string[]
  now?: Date
  fix?: FixMode
  edits?: boolean
}

/** Fewer files than this per thread do not pay for starting a worker (each loads the catalogue, ~0.1 s of CPU). */
const FILES_PER_WORKER = 8

/** How many threads (this one included) lint `files` template files; 0 or 1 lints in this thread only. `SLS_EDA_WORKERS` overrides. */
export function workerCount(files: number, env: NodeJS.ProcessEnv = process.env): number {
  const forced = env.SLS_EDA_WORKERS === undefined || env.SLS_EDA_WORKERS === '' ? undefined : Number(env.SLS_EDA_WORKERS)
  const count = forced !== undefined && Number.isInteger(forced) && forced >= 0 ? forced : Math.min(availableParallelism(), Math.floor(files / FILES_PER_WORKER))
  return count >= 2 || (forced !== undefined && count >= 1) ? Math.min(count, files) : 0
}

/**
 * Like `lint`, with template files linted in worker threads (one thread per core, this one included) when there are enough of
 * them; CDK assemblies stay in this thread. Results come back in the same order, identical to `lint`'s.
 * The catalogue must be the built-in one (workers load rules by id).
 */
export async function lintInParallel(options: LintOptions): Promise<LintResult> {
  const {active, unknown, targets, groups} = prepare(options)
  // --fix rewrites the files it reads: its runs are never served from the cache, nor stored in it.
  const cache = options.cache && !options.fix ? openCache(options, active) : undefined
  const units: Array<TargetOutcome | undefined> = Array.from({length: targets.length})
  const unitKeys = targets.map((target, index) => cache && targetKey(target, groups[index]!))
  unitKeys.forEach((key, index) => {
    const hit = key && cache!.get(key)
    if (hit) units[index] = hit
  })
  const pending = targets.flatMap((_target, index) => (units[index] === undefined ? [index] : []))
  const fileTargets = pending.filter((index) => targets[index]!.kind === 'file')
  const workerFile = new URL('./worker.js', import.meta.url)
  const count = workerCount(fileTargets.length)
  // Under a TypeScript runner there is no compiled worker next to this module: everything is linted in this thread.
  const setup: WorkerSetup = {config: options.config, ruleIds: options.catalogue.map((rule) => rule.meta.id), now: options.now, fix: options.fix, edits: options.edits}
  const workers = count === 0 || !existsSync(fileURLToPath(workerFile)) ? [] : startWorkers(workerFile, count - 1, setup)
  try {
    // CDK assemblies and missing paths are linted here first; then this thread takes template files too, as one of the `count`.
    for (const index of pending) if (targets[index]!.kind !== 'file') units[index] = lintTarget(targets[index]!, active, options.now, groups[index], options.fix, options.edits)
    // Each template on its own first; then the templates that link to others, one application per job.
    const fileJobs: WorkerJob[] = fileTargets.map((index) => ({kind: 'target', index, target: targets[index]!, group: groups[index]!}))
    await runWorkers(workers, fileJobs, (job, value) => (units[job.index] = value as TargetOutcome), active, setup.now, setup.fix, setup.edits)
    for (const index of pending) if (unitKeys[index]) cache!.set(unitKeys[index], units[index]!)
    const linted = units as TargetOutcome[]
    const jobs = planApplications(targets, groups, linted)
    const jobResults: Array<FileResult[] | undefined> = Array.from({length: jobs.length})
    const jobKeys = jobs.map((job) => cache && applicationKey(job, linted))
    jobKeys.forEach((key, index) => {
      const hit = key && cache!.get(key)
      if (hit) jobResults[index] = hit.files
    })
    const appJobs: WorkerJob[] = jobs.flatMap((job, index) => (jobResults[index] === undefined ? [{kind: 'application' as const, index, job}] : []))
    await runWorkers(workers, appJobs, (job, value) => (jobResults[job.index] = value as FileResult[]), active, setup.now, setup.fix, setup.edits)
    for (const {index} of appJobs) if (jobKeys[index]) cache!.set(jobKeys[index], {files: jobResults[index]!})
    const result = finish(
      applyJobs(
        linted.map((unit) => unit.files),
        jobs,
        jobResults as FileResult[][],
      ).flat(),
      active,
      unknown,
    )
    if (cache) result.cache = {hits: targets.length - pending.length + (jobs.length - appJobs.length), misses: pending.length + appJobs.length, problem: cache.problem}
    return result
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
}

/** The lint cache of a run: its key covers the rules as configured, so only each unit's own files remain to compare. */
function openCache(options: LintOptions, active: readonly ActiveRule[]): LintCache {
  const {dir, version} = options.cache!
  const ruleNames = new Map([...active.map(({rule}) => rule.meta), ...Object.values(ENGINE_RULES).map((rule) => rule.meta)].map((meta) => [meta.id, meta.name]))
  return new LintCache(dir, runKey({version, config: options.config, active, edits: options.edits, now: options.now}), ruleNames)
}

/** Work sent to a lint worker: one target on its own, or the templates of one application. */
export type WorkerJob = {kind: 'target'; index: number; target: Target; group: GroupSpec} | {kind: 'application'; index: number; job: ApplicationJob}

/** What a worker (or this thread) gives for a job. */
export function runJob(job: WorkerJob, active: readonly ActiveRule[], now: Date | undefined, fix?: FixMode, edits?: boolean): TargetOutcome | FileResult[] {
  return job.kind === 'target' ? lintTarget(job.target, active, now, job.group, fix, edits) : lintApplicationJob(job.job, active, now)
}

function startWorkers(file: URL, count: number, setup: WorkerSetup): Worker[] {
  return Array.from({length: Math.max(0, count)}, () => new Worker(file, {workerData: setup}))
}

/** Runs `jobs` in the worker threads and this one, each taking the next job when it is done with one. */
async function runWorkers(
  workers: readonly Worker[],
  jobs: readonly WorkerJob[],
  take: (job: WorkerJob, value: unknown) => void,
  active: readonly ActiveRule[],
  now: Date | undefined,
  fix?: FixMode,
  edits?: boolean,
): Promise<void> {
  let next = 0
  let done = 0
  let failed: Error | undefined
  let finished: () => void = () => {}
  const allDone = new Promise<void>((resolve) => (finished = resolve))
  const complete = (): void => {
    if (++done === jobs.length) finished()
  }
  const stop = (error: Error): void => {
    failed ??= error
    finished()
  }
  const listeners = workers.map((worker) => {
    const onMessage = ({position, value}: {position: number; value: unknown}): void => {
      take(jobs[position]!, value)
      complete()
      feed(worker)
    }
    const onExit = (code: number): void => {
      if (done < jobs.length) stop(new Error(`lint worker exited with code ${code}`))
    }
    worker.on('message', onMessage)
    worker.on('error', stop)
    worker.on('exit', onExit)
    return {worker, onMessage, onExit}
  })
  const feed = (worker: Worker): void => {
    if (next < jobs.length) {
      const position = next++
      worker.postMessage({position, job: jobs[position]})
    }
  }
  // Two jobs in flight per worker, so it never waits for the next message.
  for (const worker of workers) {
    feed(worker)
    feed(worker)
  }
  // This thread lints too, yielding between jobs so worker results are taken and workers fed.
  while (next < jobs.length && !failed) {
    const job = jobs[next++]!
    take(job, runJob(job, active, now, fix, edits))
    complete()
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
  if (jobs.length === 0) finished()
  await allDone
  for (const {worker, onMessage, onExit} of listeners) {
    worker.off('message', onMessage)
    worker.off('error', stop)
    worker.off('exit', onExit)
  }
  if (failed) throw failed
}
