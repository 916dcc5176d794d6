// What `sls-eda audit` does across accounts (--org, --ou, --accounts, --accounts-file) and what `sls-eda audit merge` does with the state folders of shards.
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {resolveRules} from '../../engine/config.js'
import {selectRules, unknownRuleWarnings} from '../../engine/pipeline.js'
import {EXIT, UsageError} from '../../lib/exit-codes.js'
import type {RunOutcome} from '../../lib/run-outcome.js'
import type {Severity} from '../../rules/types.js'
import type {AuditFlags} from '../run.js'
import {auditAccount} from './account.js'
import {SILENT_ORG_PROGRESS, orgProgress} from './progress.js'
import {ORG_FORMATS, type OrgFormat, openRuns, runTotals, summaryTable, writeOrgReport} from './report.js'
import {type RunManifest, STATE_FORMAT, StateDir} from './state.js'
import {parseShard, resolveTargets, type Target, type TargetRequest} from './targets.js'

export interface OrgFlags extends TargetRequest, Pick<AuditFlags, 'output' | 'failLevel' | 'config' | 'preset' | 'rule' | 'json'> {
  roleName?: string
  externalId?: string
  /** `all`, or regions separated by commas; default the configured region. */
  regions?: string
  /** `--region`: the first is where global calls go; also the regions read when --regions is absent. */
  region?: string[]
  concurrency: number
  stateDir?: string
  resume?: boolean
  shard?: string
  format: OrgFormat
  /** Flags of a single-account audit that were given: refused, rather than ignored. */
  singleAccountOnly?: string[]
}

function parseRegions(value: string | undefined, fallback: string[]): string[] | 'all' {
  if (value === undefined) return fallback
  if (value.trim() === 'all') return 'all'
  const regions = [...new Set(value.split(/[\s,]+/).filter(Boolean))]
  const bad = regions.find((region) => !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region))
  if (bad) throw new UsageError(`--regions: "${bad}" is not a region name (e.g. eu-west-1), and not "all"`)
  return regions
}

export async function runOrgAudit(flags: OrgFlags, env: {cwd: string; version: string; now?: Date}): Promise<RunOutcome> {
  if (!flags.roleName) throw new UsageError('--role-name is required to audit other accounts: the role sls-eda assumes in each (read-only, e.g. one granted docs/audit-iam-policy.json)')
  if (!(flags.concurrency >= 1)) throw new UsageError('--concurrency must be at least 1')
  if (flags.singleAccountOnly && flags.singleAccountOnly.length > 0) throw new UsageError(`${flags.singleAccountOnly.map((name) => `--${name}`).join(', ')}: not available when auditing several accounts`)
  if (!(ORG_FORMATS as readonly string[]).includes(flags.format)) throw new UsageError(`--format ${flags.format} is not available when auditing several accounts: use ${ORG_FORMATS.join(', ')}`)
  const shard = parseShard(flags.shard)
  const {config, catalogue} = await selectRules({cwd: env.cwd, config: flags.config, preset: flags.preset, rule: flags.rule, source: 'live'})
  const {active, unknown} = resolveRules(
    catalogue.filter((rule) => rule.meta.sources.includes('live')),
    config,
  )
  const warnings = await unknownRuleWarnings(unknown, config, env.cwd)

  const temporary = flags.stateDir === undefined
  const dir = flags.stateDir ? path.resolve(env.cwd, flags.stateDir) : mkdtempSync(path.join(tmpdir(), 'sls-eda-org-'))
  const state = new StateDir(dir)
  const previous = state.manifest()
  if (flags.resume && !previous) throw new UsageError(`--resume: ${flags.stateDir ?? dir} holds no run to resume (no run.json)`)
  if (!flags.resume && previous) throw new UsageError(`${flags.stateDir} already holds a run: pass --resume to continue it, or choose an empty folder`)

  const {explainAwsError, profileNotFound} = await import('../../lib/aws.js')
  const missingProfile = await profileNotFound(flags.profile)
  if (missingProfile) throw new UsageError(missingProfile)
  const {AwsClients} = await import('../clients.js')
  const {callerIdentity, configuredRegion} = await import('../collect.js')
  const home = flags.region?.[0] ?? (await configuredRegion(flags.profile)) ?? 'us-east-1'
  const base = new AwsClients({profile: flags.profile})
  let partition: string
  try {
    partition = (await callerIdentity(base, home)).partition
  } catch (error) {
    throw new UsageError(explainAwsError(error, {profile: flags.profile}) ?? `cannot use AWS credentials: ${(error as Error).message}`)
  } finally {
    base.destroy()
  }

  let targets: Target[]
  if (previous) {
    targets = previous.accounts
  } else {
    targets = await resolveTargets(flags, shard)
    if (targets.length === 0 && !shard) throw new UsageError('no accounts to audit (after --exclude-accounts)')
    const manifest: RunManifest = {
      format: STATE_FORMAT,
      version: 1,
      startedAt: (env.now ?? new Date()).toISOString(),
      shard: flags.shard,
      regions: parseRegions(flags.regions, flags.region ?? [home]),
      roleName: flags.roleName,
      rules: active.map(({rule}) => rule.meta.id),
      accounts: targets,
    }
    state.writeManifest(manifest)
  }
  const regions = previous ? previous.regions : parseRegions(flags.regions, flags.region ?? [home])

  const {RoleAssumer} = await import('./assume.js')
  const assumer = new RoleAssumer({profile: flags.profile, region: home, roleName: flags.roleName, externalId: flags.externalId, partition})
  // Off with --json; elsewhere (a terminal, or a CI log: one line per account) it says how far the run is.
  const progress = flags.json ? SILENT_ORG_PROGRESS : orgProgress(targets.length)
  // Every checkpoint is written atomically, so stopping at once leaves a state that resumes.
  const interrupted = (signal: NodeJS.Signals): void => {
    progress.close()
    process.stderr.write(`\nsls-eda: interrupted; finished account-regions are kept in ${dir}: run again with --state-dir ${dir} --resume\n`)
    process.exit(signal === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted)
  }
  process.once('SIGINT', interrupted)
  process.once('SIGTERM', interrupted)
  try {
    const queue = [...targets]
    const worker = async (): Promise<void> => {
      for (let target = queue.shift(); target; target = queue.shift()) {
        if (previous && state.result(target.id)?.status === 'done') {
          progress.finished(target.id, 'skipped')
          continue
        }
        progress.started(target.id)
        const result = await auditAccount({target, state, regions, home, partition, assumer, config, catalogue, now: env.now})
        progress.finished(target.id, result.status)
      }
    }
    await Promise.all(Array.from({length: Math.min(flags.concurrency, targets.length)}, worker))
  } finally {
    process.removeListener('SIGINT', interrupted)
    process.removeListener('SIGTERM', interrupted)
    progress.close()
    assumer.destroy()
  }

  const outcome = await report([dir], {...flags, cwd: env.cwd, version: env.version})
  outcome.warnings.push(...warnings)
  if (temporary) rmSync(dir, {recursive: true, force: true})
  else outcome.notices.push(`sls-eda: state of this run in ${path.relative(env.cwd, dir) || dir} (\`sls-eda audit merge\` combines shards)`)
  return outcome
}

/** `sls-eda audit merge DIR…`: one report from the state folders of several shards (or runs). */
export async function runOrgMerge(dirs: string[], flags: {format: OrgFormat; output?: string; failLevel: Severity; json?: boolean}, env: {cwd: string; version: string}): Promise<RunOutcome> {
  if (dirs.length === 0) throw new UsageError('name at least one state folder to merge')
  return report(
    dirs.map((dir) => path.resolve(env.cwd, dir)),
    {...flags, cwd: env.cwd, version: env.version},
  )
}

async function report(dirs: string[], options: {format: OrgFormat; output?: string; failLevel: Severity; json?: boolean; cwd: string; version: string}): Promise<RunOutcome> {
  const run = openRuns(dirs)
  const totals = runTotals(run, options.failLevel)
  const notices: string[] = []
  for (const {summary} of run.accounts) {
    if (summary.status === 'failed') notices.push(`sls-eda: account ${summary.account.id}${summary.account.name ? ` (${summary.account.name})` : ''} not read: ${summary.reason}`)
    for (const region of summary.notEnabled) notices.push(`sls-eda: account ${summary.account.id}: region ${region} is not enabled`)
    for (const entry of summary.notChecked) notices.push(`sls-eda: account ${summary.account.id}: ${entry.region}: ${entry.service} not checked: ${entry.action} was refused (${entry.message})`)
  }
  if (run.missing.length > 0) notices.push(`sls-eda: ${run.missing.length} account(s) not reached (interrupted run): ${run.missing.join(', ')}`)
  if (options.json) {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sls-eda-report-')), 'report.json')
    await writeOrgReport(run, {...options, format: 'json', output: file})
    const json = JSON.parse(readFileSync(file, 'utf8')) as unknown
    rmSync(path.dirname(file), {recursive: true, force: true})
    return {exitCode: totals.exitCode, json, warnings: [], notices}
  }
  await writeOrgReport(run, options)
  if (options.output) notices.push(`sls-eda: report written to ${options.output}`)
  if (options.output && options.format !== 'stylish') notices.unshift(summaryTable(run, options.failLevel).trimEnd())
  return {exitCode: totals.exitCode, warnings: [], notices}
}
