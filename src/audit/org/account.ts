// One account of an organisation audit: assume its role, find its regions, read each region (checkpointed), IAM once, run the rules, write its result, release it all.
import type {Config} from '../../engine/config.js'
import {explainAwsError} from '../../lib/aws.js'
import type {Rule} from '../../rules/types.js'
import {auditInventory} from '../audit.js'
import {AwsClients} from '../clients.js'
import {collectGlobalPart, collectRegionPart, enabledRegions, type Identity, type RegionPart} from '../collect.js'
import type {NotChecked} from '../collection.js'
import {describeError} from '../errors.js'
import {INVENTORY_FORMAT, type Inventory} from '../inventory.js'
import type {RoleAssumer} from './assume.js'
import type {AccountResult, SeverityCounts, StateDir} from './state.js'
import type {Target} from './targets.js'

export interface AccountJob {
  target: Target
  state: StateDir
  /** Regions asked for, or every region enabled in the account. */
  regions: string[] | 'all'
  /** Where global calls (IAM, EC2's region list) go. */
  home: string
  partition: string
  assumer: RoleAssumer
  config: Config
  catalogue: readonly Rule[]
  now?: Date
  /** Regions of one account read at once. */
  regionConcurrency?: number
  /** Test and benchmark hook: client options such as Lambda's pacing. */
  clientOptions?: ConstructorParameters<typeof AwsClients>[0]
  /** Called when a region starts and ends, for the progress display. */
  onRegion?: (accountId: string, region: string, phase: 'start' | 'done') => void
}

const noCounts = (): SeverityCounts => ({error: 0, warning: 0, info: 0})

/** Audits one account; every failure ends up in the result (never thrown), which is also written to the state folder. */
export async function auditAccount(job: AccountJob): Promise<AccountResult> {
  const started = performance.now()
  const {target, state} = job
  let assumeCalls = 0
  const credentials = job.assumer.provider(target.id, () => assumeCalls++)
  const base = {account: target, regions: [] as string[], notEnabled: [] as string[], notChecked: [] as AccountResult['notChecked'], counts: noCounts(), resources: 0, files: []}
  const failed = (reason: string): AccountResult => {
    const result: AccountResult = {...base, status: 'failed', reason, durationMs: Math.round(performance.now() - started), apiCalls: assumeCalls}
    state.writeResult(result)
    return result
  }
  const clients = new AwsClients({...job.clientOptions, credentials})
  try {
    try {
      await credentials()
    } catch (error) {
      return failed(`role ${job.assumer.roleArn(target.id)} cannot be assumed: ${explainAwsError(error) ?? describeError(error)}`)
    }
    const identity: Identity = {accountId: target.id, partition: job.partition, arn: job.assumer.roleArn(target.id)}

    // The account's own list of enabled regions: opt-in regions differ from account to account.
    let enabled: string[] | undefined
    try {
      enabled = await enabledRegions(clients, job.home)
    } catch (error) {
      if (job.regions === 'all') return failed(`cannot list the account's enabled regions (ec2:DescribeRegions): ${describeError(error)}`)
    }
    const asked = job.regions === 'all' ? enabled! : job.regions
    const regions = enabled ? asked.filter((region) => enabled.includes(region)) : asked
    const notEnabled = enabled ? asked.filter((region) => !enabled.includes(region)) : []

    const parts: RegionPart[] = []
    const regionFailures: NotChecked[] = []
    const queue = [...regions]
    const worker = async (): Promise<void> => {
      for (let region = queue.shift(); region; region = queue.shift()) {
        const saved = state.region(target.id, region)
        if (saved) {
          parts.push(saved)
          continue
        }
        job.onRegion?.(target.id, region, 'start')
        try {
          const part = await collectRegionPart(region, {clients, identity, now: () => job.now ?? new Date()})
          state.writeRegion(target.id, region, part)
          parts.push(part)
        } catch (error) {
          regionFailures.push({region, service: 'sts', action: '*', message: describeError(error)})
        } finally {
          job.onRegion?.(target.id, region, 'done')
        }
      }
    }
    await Promise.all(Array.from({length: Math.min(job.regionConcurrency ?? 4, regions.length)}, worker))
    parts.sort((a, b) => a.inventory.regions[0]!.localeCompare(b.inventory.regions[0]!))

    let global = state.global(target.id)
    if (!global) {
      global = await collectGlobalPart(parts, job.home, {clients, identity, now: () => job.now ?? new Date()})
      state.writeGlobal(target.id, global)
    }

    const inventory = mergeInventories(target.id, job.partition, parts.map((part) => part.inventory).concat(global))
    inventory.notChecked.push(...regionFailures)
    const outcome = auditInventory(inventory, {config: job.config, catalogue: job.catalogue, now: job.now})
    const counts = noCounts()
    const files = outcome.files.map((file) => {
      for (const finding of file.findings) {
        counts[finding.severity]++
        if (finding.resource) {
          finding.resource.accountId = target.id
          if (target.name) finding.resource.accountName = target.name
        }
      }
      return {file: `${target.id}/${file.file}`, findings: file.findings}
    })
    const result: AccountResult = {
      ...base,
      status: 'done',
      regions,
      notEnabled,
      notChecked: inventory.notChecked.map((entry) => ({...entry, accountId: target.id})),
      counts,
      resources: inventory.nodes.length,
      files,
      durationMs: Math.round(performance.now() - started),
      apiCalls: clients.stats.total + assumeCalls,
    }
    state.writeResult(result)
    return {...result, files: []}
  } catch (error) {
    return failed(describeError(error))
  } finally {
    clients.destroy()
  }
}

/** The inventories of an account's regions and its global part as one, for the rules. */
function mergeInventories(accountId: string, partition: string, inventories: readonly Inventory[]): Inventory {
  return {
    format: INVENTORY_FORMAT,
    version: 1,
    collectedAt: inventories.map((inventory) => inventory.collectedAt).sort()[0] ?? new Date(0).toISOString(),
    accountId,
    partition,
    regions: inventories.flatMap((inventory) => inventory.regions),
    notChecked: inventories.flatMap((inventory) => inventory.notChecked),
    nodes: inventories.flatMap((inventory) => inventory.nodes),
  }
}
