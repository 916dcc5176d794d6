// The state folder of an organisation audit: what each finished account-region read, and each account's findings, written atomically so any interruption leaves a state that resumes.
import {existsSync, mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import type {Finding} from '../../engine/finding.js'
import type {NotChecked} from '../collection.js'
import type {RegionPart} from '../collect.js'
import type {Inventory} from '../inventory.js'
import type {Target} from './targets.js'

export const STATE_FORMAT = 'sls-eda-audit-state'

/** What the run was asked, so a resumed run (or a merge) knows what it is part of. */
export interface RunManifest {
  format: typeof STATE_FORMAT
  version: 1
  startedAt: string
  shard?: string
  regions: string[] | 'all'
  roleName?: string
  /** Ids of the rules that ran, for the report's rule descriptions. */
  rules: string[]
  accounts: Target[]
}

export interface SeverityCounts {
  error: number
  warning: number
  info: number
}

/** An account's outcome: its findings by region, and its line of the summary table. */
export interface AccountResult {
  account: Target
  status: 'done' | 'failed'
  /** Why nothing of the account could be read (a role that cannot be assumed). */
  reason?: string
  regions: string[]
  /** Regions asked for that are not enabled in the account. */
  notEnabled: string[]
  notChecked: Array<NotChecked & {accountId: string}>
  counts: SeverityCounts
  resources: number
  durationMs: number
  apiCalls: number
  files: Array<{file: string; findings: Finding[]}>
}

/** Writes JSON so that a reader sees the old file or the whole new one, never half of it. */
export function writeAtomically(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), {recursive: true})
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, JSON.stringify(value))
  renameSync(temporary, file)
}

function readJson<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T
  } catch {
    // A file that cannot be parsed was not written by a finished step: read that part again.
    return undefined
  }
}

export class StateDir {
  constructor(readonly dir: string) {}

  get manifestFile(): string {
    return path.join(this.dir, 'run.json')
  }

  manifest(): RunManifest | undefined {
    const manifest = readJson<RunManifest>(this.manifestFile)
    return manifest?.format === STATE_FORMAT ? manifest : undefined
  }

  writeManifest(manifest: RunManifest): void {
    writeAtomically(this.manifestFile, manifest)
  }

  private accountDir(accountId: string): string {
    return path.join(this.dir, 'accounts', accountId)
  }

  region(accountId: string, region: string): RegionPart | undefined {
    return readJson<RegionPart>(path.join(this.accountDir(accountId), `region-${region}.json`))
  }

  writeRegion(accountId: string, region: string, part: RegionPart): void {
    writeAtomically(path.join(this.accountDir(accountId), `region-${region}.json`), part)
  }

  global(accountId: string): Inventory | undefined {
    return readJson<Inventory>(path.join(this.accountDir(accountId), 'global.json'))
  }

  writeGlobal(accountId: string, inventory: Inventory): void {
    writeAtomically(path.join(this.accountDir(accountId), 'global.json'), inventory)
  }

  result(accountId: string): AccountResult | undefined {
    return readJson<AccountResult>(path.join(this.accountDir(accountId), 'result.json'))
  }

  writeResult(result: AccountResult): void {
    writeAtomically(path.join(this.accountDir(result.account.id), 'result.json'), result)
  }
}
