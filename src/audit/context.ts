// What every collector gets: its region, the clients, the collection to fill, progress, and how refused calls are recorded.
import type {AwsClients, ServiceName} from './clients.js'
import {IAM_PREFIX} from './clients.js'
import type {Collection} from './collection.js'
import {describeError, isAccessDenied} from './errors.js'
import type {Progress} from './progress.js'

export interface RegionContext {
  /** Where findings and not-checked entries belong: a region, or `global` for IAM. */
  region: string
  /** The region API calls go through when `region` is not one (IAM is global). */
  apiRegion?: string
  accountId: string
  partition: string
  clients: AwsClients
  collection: Collection
  progress: Progress
  /**
   * False when `--stack` is given and no chosen stack owns the resource with this CloudFormation
   * type and physical id; per-resource reads are skipped for such resources.
   */
  wanted(type: string, physicalIds: readonly string[]): boolean
}

/** Thrown inside a collector when a list call is refused: the whole service is then "not checked" in the region. */
export class ServiceDenied extends Error {
  constructor(
    public readonly action: string,
    cause: unknown,
  ) {
    super(describeError(cause))
    this.name = 'ServiceDenied'
  }
}

/**
 * Runs a call that a whole service depends on (its List call). A refusal becomes ServiceDenied,
 * which the orchestrator records as the service not being checked.
 */
export async function essential<T>(service: ServiceName, operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (isAccessDenied(error)) throw new ServiceDenied(`${IAM_PREFIX[service]}:${operation}`, error)
    throw error
  }
}

/**
 * Runs a per-resource read. A refusal is recorded once per action with the count of resources left
 * unread, and the resource is skipped (undefined) rather than guessed at.
 */
export async function perResource<T>(context: RegionContext, service: ServiceName, operation: string, call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call()
  } catch (error) {
    if (!isAccessDenied(error)) throw error
    context.collection.deny({region: context.region, service, action: `${IAM_PREFIX[service]}:${operation}`, message: describeError(error), resources: 1})
    return undefined
  }
}

/** Reads every page of a paginated API; `next` returns the token of the following page or undefined at the end. */
export async function allPages<P>(fetch: (token: string | undefined) => Promise<P>, next: (page: P) => string | undefined): Promise<P[]> {
  const pages: P[] = []
  let token: string | undefined
  const seen = new Set<string>()
  do {
    const page = await fetch(token)
    pages.push(page)
    token = next(page)
    // A service that returns the same token again would loop forever.
    if (token !== undefined) {
      if (seen.has(token)) break
      seen.add(token)
    }
  } while (token)
  return pages
}
