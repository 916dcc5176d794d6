// The report of an organisation audit, built from one or more state folders (a run, or the shards of one): JSON, SARIF and an HTML summary
// streamed account by account, so a report of thousands of accounts never sits in memory whole; and the per-account summary table.
import {createWriteStream, existsSync, mkdirSync, openSync, readdirSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'

import {EXIT, UsageError} from '../../lib/exit-codes.js'
import {descriptor, result as sarifResult, SARIF_SCHEMA} from '../../report/sarif.js'
import {CATALOGUE} from '../../rules/index.js'
import {type RuleMeta, type Severity, SEVERITY_RANK} from '../../rules/types.js'
import {renderHtmlSummary} from './html.js'
import {type AccountResult, type RunManifest, StateDir} from './state.js'

export const ORG_FORMATS = ['stylish', 'json', 'sarif', 'html'] as const
export type OrgFormat = (typeof ORG_FORMATS)[number]

/** An account's line of the summary table: everything of its result but the findings. */
export type AccountSummary = Omit<AccountResult, 'files'>

/** Where each account's result lives, across state folders; an account read in two folders counts once (a finished read wins over a failure). */
export interface MergedRun {
  manifests: RunManifest[]
  accounts: Array<{summary: AccountSummary; load: () => AccountResult}>
  /** Accounts a manifest lists that have no result: the run was interrupted before them. */
  missing: string[]
}

export function openRuns(dirs: readonly string[]): MergedRun {
  const manifests: RunManifest[] = []
  const chosen = new Map<string, {summary: AccountSummary; load: () => AccountResult}>()
  const listed = new Set<string>()
  for (const dir of dirs) {
    const state = new StateDir(dir)
    const manifest = state.manifest()
    if (!manifest) throw new UsageError(`${dir} is not the state folder of an organisation audit (no run.json; write one with \`sls-eda audit --state-dir ${dir} …\`)`)
    manifests.push(manifest)
    for (const account of manifest.accounts) listed.add(account.id)
    const accountsDir = path.join(dir, 'accounts')
    for (const id of existsSync(accountsDir) ? readdirSync(accountsDir) : []) {
      const result = state.result(id)
      if (!result) continue
      const known = chosen.get(id)
      if (known && known.summary.status === 'done' && result.status !== 'done') continue
      const {files: _files, ...summary} = result
      chosen.set(id, {summary, load: () => state.result(id)!})
    }
  }
  const accounts = [...chosen.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, entry]) => entry)
  return {manifests, accounts, missing: [...listed].filter((id) => !chosen.has(id)).sort()}
}

/** Counts over the whole run, and what the exit code is: findings at the fail level first, then parts left unread. */
export function runTotals(run: MergedRun, failLevel: Severity): {counts: Record<Severity, number>; failed: number; partial: boolean; exitCode: number} {
  const counts: Record<Severity, number> = {error: 0, warning: 0, info: 0}
  let failed = 0
  let partial = run.missing.length > 0
  for (const {summary} of run.accounts) {
    for (const severity of ['error', 'warning', 'info'] as const) counts[severity] += summary.counts[severity]
    if (summary.status === 'failed') failed++
    if (summary.status === 'failed' || summary.notChecked.length > 0 || summary.notEnabled.length > 0) partial = true
  }
  const failing = (Object.keys(counts) as Severity[]).some((severity) => counts[severity] > 0 && SEVERITY_RANK[severity] >= SEVERITY_RANK[failLevel])
  return {counts, failed, partial, exitCode: failing ? EXIT.findings : partial ? EXIT.partial : EXIT.ok}
}

/** The rules that ran, described from the catalogue. */
function ruleMetas(run: MergedRun): RuleMeta[] {
  const ids = new Set(run.manifests.flatMap((manifest) => manifest.rules))
  return CATALOGUE.filter((rule) => ids.has(rule.meta.id)).map((rule) => rule.meta)
}

/** A destination that is written piece by piece, waiting when the reader is slower. */
class Sink {
  private readonly stream: NodeJS.WritableStream
  constructor(file: string | undefined, shown: string | undefined) {
    if (!file) {
      this.stream = process.stdout
      return
    }
    let fd: number
    try {
      mkdirSync(path.dirname(file), {recursive: true})
      fd = openSync(file, 'w')
    } catch (error) {
      throw new UsageError(`cannot write ${shown ?? file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
    }
    this.stream = createWriteStream('', {fd})
  }

  async write(text: string): Promise<void> {
    if (!this.stream.write(text)) await new Promise<void>((resolve) => this.stream.once('drain', () => resolve()))
  }

  async close(): Promise<void> {
    // Standard output is not ended, but what was written must reach it before the process exits with the run's code.
    if (this.stream === process.stdout) return new Promise<void>((resolve) => process.stdout.write('', () => resolve()))
    const stream = this.stream
    await new Promise<void>((resolve, reject) => {
      stream.once('error', reject)
      stream.end(() => resolve())
    })
  }
}

export interface WriteOptions {
  format: OrgFormat
  /** File to write; standard output when absent. */
  output?: string
  cwd: string
  version: string
  failLevel: Severity
}

/** Writes the merged report; JSON and SARIF are streamed one account at a time. */
export async function writeOrgReport(run: MergedRun, options: WriteOptions): Promise<void> {
  const target = options.output ? path.resolve(options.cwd, options.output) : undefined
  const sink = new Sink(target, options.output)
  try {
    if (options.format === 'json') await writeJson(run, sink, options)
    else if (options.format === 'sarif') await writeSarif(run, sink, options)
    else if (options.format === 'html') await sink.write(renderHtmlSummary(run, runTotals(run, options.failLevel), options.version))
    else await sink.write(summaryTable(run, options.failLevel))
  } finally {
    await sink.close()
  }
}

/** The same document shape as a single-account audit's JSON, with `audit.accounts` the per-account table. */
async function writeJson(run: MergedRun, sink: Sink, options: WriteOptions): Promise<void> {
  const totals = runTotals(run, options.failLevel)
  let fileCount = 0
  await sink.write(`{"tool":"sls-eda","version":${JSON.stringify(options.version)},"command":"audit","files":[`)
  let first = true
  for (const account of run.accounts) {
    for (const file of account.load().files) {
      fileCount++
      await sink.write(`${first ? '' : ','}\n${JSON.stringify({file: file.file, unusable: false, findings: file.findings})}`)
      first = false
    }
  }
  const summary = {files: fileCount, errors: totals.counts.error, warnings: totals.counts.warning, infos: totals.counts.info, unusable: 0}
  const audit = {
    accounts: run.accounts.map(({summary}) => summary),
    notRead: run.missing,
    notChecked: run.accounts.flatMap(({summary}) => summary.notChecked),
    resources: run.accounts.reduce((sum, {summary}) => sum + summary.resources, 0),
    failedAccounts: totals.failed,
  }
  await sink.write(`\n],"summary":${JSON.stringify(summary)},"audit":${JSON.stringify(audit)}}\n`)
}

async function writeSarif(run: MergedRun, sink: Sink, options: WriteOptions): Promise<void> {
  const metas = ruleMetas(run)
  const index = new Map(metas.map((meta, i) => [meta.id, i]))
  const driver = {name: 'sls-eda', semanticVersion: options.version, version: options.version, informationUri: 'https://github.com/sls-eda/sls-eda', rules: metas.map(descriptor)}
  const head = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{tool: {driver}, originalUriBaseIds: {'%SRCROOT%': {uri: pathToFileURL(options.cwd + path.sep).href}}, invocations: [{executionSuccessful: true}], columnKind: 'unicodeCodePoints', results: []}],
  }
  const text = JSON.stringify(head)
  // Everything up to the results array, then each result, then the closing brackets.
  const cut = text.lastIndexOf('"results":[]') + '"results":['.length
  await sink.write(text.slice(0, cut))
  let first = true
  for (const account of run.accounts) {
    for (const file of account.load().files) {
      for (const finding of file.findings) {
        const ruleIndex = index.get(finding.ruleId) ?? -1
        const entry = sarifResult(finding, ruleIndex, options.cwd, file.file)
        // A rule the catalogue no longer has: its id alone identifies it.
        if (ruleIndex < 0) delete entry.ruleIndex
        await sink.write(`${first ? '' : ','}\n${JSON.stringify(entry)}`)
        first = false
      }
    }
  }
  await sink.write(`\n${text.slice(cut)}\n`)
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length)
}

function duration(ms: number): string {
  return ms >= 60_000 ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s` : `${(ms / 1000).toFixed(1)} s`
}

/** One line per account: findings by severity, what was not checked, how long it took. */
export function summaryTable(run: MergedRun, failLevel: Severity): string {
  const rows = run.accounts.map(({summary}) => {
    const unread =
      summary.status === 'failed'
        ? `not read: ${summary.reason}`
        : [...summary.notEnabled.map((region) => `${region} not enabled`), ...summary.notChecked.map((entry) => `${entry.region} ${entry.action}`)].join('; ')
    return [
      summary.account.id,
      summary.account.name ?? '',
      summary.status,
      String(summary.counts.error),
      String(summary.counts.warning),
      String(summary.counts.info),
      duration(summary.durationMs),
      unread || '-',
    ]
  })
  const header = ['account', 'name', 'status', 'errors', 'warnings', 'info', 'duration', 'not checked']
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (column < 7 ? row[column]!.length : 0))))
  const lines = [header, ...rows].map((row) => row.map((cell, column) => (column < 7 ? pad(cell, widths[column]!) : cell)).join('  '))
  const totals = runTotals(run, failLevel)
  lines.push('')
  lines.push(
    `${run.accounts.length} account${run.accounts.length === 1 ? '' : 's'} (${totals.failed} not read${run.missing.length > 0 ? `, ${run.missing.length} not reached` : ''}): ${totals.counts.error} errors, ${totals.counts.warning} warnings, ${totals.counts.info} info. Every finding: --format json, sarif or html with --output FILE.`,
  )
  return lines.join('\n') + '\n'
}
