// Reads a live account for an audit: the regions to read, the caller's identity, and the collection with a progress display when a person is watching.
import {UsageError} from '../lib/exit-codes.js'
import type {Inventory} from './inventory.js'

export interface AccountRequest {
  profile?: string
  region?: string[]
  allRegions?: boolean
  stack?: string[]
  cdkPaths?: boolean
}

/** Resolves regions and identity, then reads the account; no region, no usable credentials or no region list is a UsageError. */
export async function collectLiveAccount(request: AccountRequest, display: {json: boolean}): Promise<{inventory: Inventory; apiCalls: unknown}> {
  const {AwsClients} = await import('./clients.js')
  const {callerIdentity, collectAccount, configuredRegion, enabledRegions, REGION_TASKS} = await import('./collect.js')
  const {describeError} = await import('./errors.js')
  const {explainAwsError, profileNotFound} = await import('../lib/aws.js')
  const missing = await profileNotFound(request.profile)
  if (missing) throw new UsageError(missing)
  const clients = new AwsClients({profile: request.profile})
  try {
    let regions = request.region ?? []
    const home = regions[0] ?? (await configuredRegion(request.profile))
    if (!home && !request.allRegions) throw new UsageError('no region: pass --region, set AWS_REGION, or give the profile a region')
    const start = home ?? 'us-east-1'
    let identity
    try {
      identity = await callerIdentity(clients, start)
    } catch (error) {
      throw new UsageError(explainAwsError(error, {profile: request.profile}) ?? `cannot use AWS credentials${request.profile ? ` of profile ${request.profile}` : ''}: ${describeError(error)}`)
    }
    if (request.allRegions) {
      try {
        regions = await enabledRegions(clients, start)
      } catch (error) {
        throw new UsageError(`cannot list the account's regions (ec2:DescribeRegions): ${describeError(error)}`)
      }
    } else if (regions.length === 0) {
      regions = [start]
    }
    regions = [...new Set(regions)]
    const {wantsProgress, listrProgress, SILENT_PROGRESS} = await import('./progress.js')
    const progress = wantsProgress({json: display.json}) ? listrProgress([...regions.map((region) => ({region, tasks: [...REGION_TASKS]})), {region: 'global', tasks: ['iam']}]) : SILENT_PROGRESS
    try {
      const result = await collectAccount({regions, stacks: request.stack, cdkPaths: request.cdkPaths, progress, clients}, identity)
      return {inventory: result.inventory, apiCalls: {...clients.stats.toJSON(), durationMs: Math.round(result.durationMs)}}
    } finally {
      await progress.close()
    }
  } finally {
    clients.destroy()
  }
}
