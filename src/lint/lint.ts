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
import {type FileFix, type FixMode, fixText} from '../fix/run.js'
import {ENGINE_RULES} from '../rules/engine-rules.js'
import type {Rule, RuleMeta} from '../rules/types.js'
import {discover, type Target} from './discover.js'
import {loadCloudAssembly, loadTemplateFile, loadTemplateText, type LoadOutcome, unusable} from './load.js'

export interface FileResult {
  file: string
  stack?: string
  findings: Finding[]
  /** True when the file could not be used (exit code 2). */
  unusable: boolean
  /** `--fix` / `--fix-dry-run`: what fixing the file did. */
  fix?: FileFix
  /** The file is part of a synthesized CDK cloud assembly: never fixed in place. */
  cdk?: boolean
}

export interface LintResult {
  files: FileResult[]
  /** Every rule that ran, for reporters that list rules (SARIF). */
  rules: RuleMeta[]
  /** Rule keys in the configuration that name no rule. */
  unknownRules: string[]
}

export interface LintOptions {
  paths: string[]
  config: Config
  catalogue: readonly Rule[]
  /** Folder relative paths and `ignore` are resolved against. */
  cwd: string
  /** Globs of files to skip, relative to `cwd` (from the command line; the configuration's are relative to its file). */
  ignore?: string[]
  now?: Date
  /** Fix the files (`--fix`), or compute the fixes only (`--fix-dry-run`). */
  fix?: FixMode
  /** Give findings their fixes as text edits (JSON and SARIF reports carry them); otherwise only whether they are fixable. */
  edits?: boolean
}

export function lint(options: LintOptions): LintResult {
  const {active, unknown, targets} = prepare(options)
  const files = targets.flatMap((target) => lintTarget(target, active, options.now, options.fix, options.edits))
  return finish(files, active, unknown)
}

/** Rules, targets and unknown rule keys of one run. */
function prepare(options: LintOptions): {active: ActiveRule[]; unknown: string[]; targets: Target[]} {
  const {active, unknown} = resolveRules(options.catalogue, options.config)
  const root = options.config.file ? path.dirname(options.config.file) : options.cwd
  const targets = discover(options.paths.length > 0 ? options.paths : [options.cwd], {
    ignore: options.config.ignore,
    root,
    extraIgnore: [{patterns: options.ignore ?? [], root: options.cwd}],
  })
  return {active, unknown, targets}
}

/** The results of one target: a template file, a CDK cloud assembly (one result per stack), or something unusable. */
export function lintTarget(target: Target, active: readonly ActiveRule[], now: Date | undefined, fix?: FixMode, edits = false): FileResult[] {
  const files: FileResult[] = []
  const cdk = target.kind === 'cdk'
  const handle = (file: string, outcome: LoadOutcome): void => {
    if (!outcome.ok) {
      if (!outcome.skipped) files.push({file, findings: [outcome.finding], unusable: true})
      return
    }
    for (const template of outcome.templates) {
      const fixer = edits && !cdk && template.text !== undefined ? new Fixer(template.text, template.parsed.format, template.graph) : undefined
      const findings = runRules(template.graph, active, {now, fixer, cdk})
      files.push({file: template.file, stack: template.stack, findings: sortFindings(findings), unusable: false, ...(cdk ? {cdk} : {})})
    }
  }
  if (fix && target.kind === 'file') {
    const first = loadTemplateFile(target.file, target.explicit)
    const original = first.ok ? first.templates[0]?.text : undefined
    if (!first.ok || original === undefined) {
      handle(target.file, first)
      return files
    }
    const lintText = (text: string): Finding[] | undefined => {
      const outcome = text === original ? first : loadTemplateText(target.file, text, target.explicit)
      if (!outcome.ok) return undefined
      const template = outcome.templates[0]!
      return sortFindings(runRules(template.graph, active, {now, fixer: new Fixer(text, template.parsed.format, template.graph)}))
    }
    const {findings, fix: result} = fixText(target.file, original, lintText, fix)
    files.push({file: target.file, findings: findings ?? [], unusable: false, fix: result})
    return files
  }
  if (target.kind === 'missing') {
    files.push({file: target.file, findings: [unusable(target.file, 'unreadable', 'no such file or directory')], unusable: true})
  } else if (target.kind === 'unsynthesized') {
    const cdkJson = path.join(target.dir, 'cdk.json')
    files.push({file: cdkJson, findings: [unusable(cdkJson, 'unreadable', 'CDK app without a cloud assembly: run `cdk synth` first (sls-eda lints cdk.out, not the app sources)')], unusable: true})
  } else if (target.kind === 'file') {
    handle(target.file, loadTemplateFile(target.file, target.explicit))
  } else {
    for (const {file, outcome} of loadCloudAssembly(target.dir)) handle(file, outcome)
  }
  return files
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
  const {active, unknown, targets} = prepare(options)
  const fileTargets = targets.flatMap((target, index) => (target.kind === 'file' ? [index] : []))
  const workerFile = new URL('./worker.js', import.meta.url)
  const count = workerCount(fileTargets.length)
  // Under a TypeScript runner there is no compiled worker next to this module: lint here.
  if (count === 0 || !existsSync(fileURLToPath(workerFile))) return finish(targets.flatMap((target) => lintTarget(target, active, options.now, options.fix, options.edits)), active, unknown)
  const results: FileResult[][] = Array.from({length: targets.length})
  // CDK assemblies and missing paths are linted here first; then this thread takes template files too, as one of the `count`.
  targets.forEach((target, index) => {
    if (target.kind !== 'file') results[index] = lintTarget(target, active, options.now, options.fix, options.edits)
  })
  const setup: WorkerSetup = {config: options.config, ruleIds: options.catalogue.map((rule) => rule.meta.id), now: options.now, fix: options.fix, edits: options.edits}
  await runWorkers(workerFile, count - 1, setup, fileTargets.map((index) => ({index, target: targets[index]!})), results, active)
  return finish(results.flat(), active, unknown)
}

/** Lints `jobs` in `count` worker threads and this one, each taking the next file when it is done with one. */
async function runWorkers(file: URL, count: number, setup: WorkerSetup, jobs: Array<{index: number; target: Target}>, results: FileResult[][], active: readonly ActiveRule[]): Promise<void> {
  let next = 0
  let done = 0
  const workers: Worker[] = []
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
  const feed = (worker: Worker): void => {
    if (next < jobs.length) worker.postMessage(jobs[next++])
  }
  for (let i = 0; i < count; i++) {
    const worker = new Worker(file, {workerData: setup})
    workers.push(worker)
    worker.on('message', ({index, files}: {index: number; files: FileResult[]}) => {
      results[index] = files
      complete()
      feed(worker)
    })
    worker.on('error', stop)
    worker.on('exit', (code) => {
      if (done < jobs.length) stop(new Error(`lint worker exited with code ${code}`))
    })
    // Two files in flight per worker, so it never waits for the next message.
    feed(worker)
    feed(worker)
  }
  // This thread lints too, yielding between files so worker results are taken and workers fed.
  while (next < jobs.length && !failed) {
    const job = jobs[next++]!
    results[job.index] = lintTarget(job.target, active, setup.now, setup.fix, setup.edits)
    complete()
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
  if (jobs.length === 0) finished()
  await allDone
  await Promise.all(workers.map((worker) => worker.terminate()))
  if (failed) throw failed
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0) || a.ruleId.localeCompare(b.ruleId))
}
