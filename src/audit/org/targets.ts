// Which accounts an organisation audit reads: the organisation (or some of its OUs), a list, or a file; minus exclusions; then one shard of them.
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'

import {ListAccountsCommand, ListAccountsForParentCommand, ListChildrenCommand, OrganizationsClient} from '@aws-sdk/client-organizations'

import {awsClientConfig, explainAwsError, recordCallSites} from '../../lib/aws.js'
import {UsageError} from '../../lib/exit-codes.js'
import {describeError} from '../errors.js'

export interface Target {
  id: string
  /** The account's name in AWS Organizations, when the accounts came from there. */
  name?: string
}

export interface TargetRequest {
  org?: boolean
  ou?: string[]
  accounts?: string[]
  accountsFile?: string
  excludeAccounts?: string[]
  profile?: string
}

export interface Shard {
  index: number
  count: number
}

const ACCOUNT_ID = /^\d{12}$/

/** Splits `--accounts 111,222 --accounts 333` into ids, refusing anything that is not a 12-digit account id. */
export function accountIds(values: readonly string[] | undefined, flag: string): string[] {
  const ids = (values ?? []).flatMap((value) => value.split(/[\s,]+/)).filter(Boolean)
  const bad = ids.find((id) => !ACCOUNT_ID.test(id))
  if (bad) throw new UsageError(`${flag}: "${bad}" is not a 12-digit AWS account id`)
  return ids
}

/** An accounts file: one account per line, an optional name after the id, `#` comments. */
export function readAccountsFile(file: string): Target[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new UsageError(`cannot read --accounts-file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  const targets: Target[] = []
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/#.*/, '').trim()
    if (!line) return
    const [id, ...rest] = line.split(/[\s,]+/)
    if (!ACCOUNT_ID.test(id!)) throw new UsageError(`${file}:${index + 1}: "${id}" is not a 12-digit AWS account id`)
    targets.push({id: id!, name: rest.join(' ') || undefined})
  })
  return targets
}

/** `--shard i/N`: the i-th of N parts, counted from 1. */
export function parseShard(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined
  const match = /^(\d+)\/(\d+)$/.exec(value.trim())
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard must be i/N with 1 ≤ i ≤ N (e.g. 1/4), not "${value}"`)
  return {index, count}
}

/**
 * Whether an account belongs to a shard. It depends on the account id alone (a hash), not on the
 * other accounts, so every shard agrees even when they list the organisation at different moments.
 */
export function inShard(accountId: string, shard: Shard | undefined): boolean {
  if (!shard) return true
  const hash = createHash('sha256').update(accountId).digest().readUInt32BE(0)
  return hash % shard.count === shard.index - 1
}

/** The accounts to audit, sorted by id, excluded ones removed, restricted to the shard. */
export async function resolveTargets(request: TargetRequest, shard: Shard | undefined): Promise<Target[]> {
  const byId = new Map<string, Target>()
  const add = (target: Target): void => {
    const known = byId.get(target.id)
    byId.set(target.id, {id: target.id, name: target.name ?? known?.name})
  }
  for (const id of accountIds(request.accounts, '--accounts')) add({id})
  if (request.accountsFile) for (const target of readAccountsFile(request.accountsFile)) add(target)
  if (request.org || (request.ou && request.ou.length > 0)) for (const target of await organizationAccounts(request)) add(target)
  const excluded = new Set(accountIds(request.excludeAccounts, '--exclude-accounts'))
  const targets = [...byId.values()].filter((target) => !excluded.has(target.id) && inShard(target.id, shard))
  return targets.sort((a, b) => a.id.localeCompare(b.id))
}

/** Active accounts of the organisation, or of the given OUs and every OU below them. */
async function organizationAccounts(request: TargetRequest): Promise<Target[]> {
  const client = new OrganizationsClient(awsClientConfig({profile: request.profile, region: 'us-east-1'}))
  recordCallSites(client, 'organizations')
  const targets: Target[] = []
  const keep = (accounts: Array<{Id?: string; Name?: string; Status?: string; State?: string}> | undefined): void => {
    for (const account of accounts ?? []) {
      // Suspended and closed accounts cannot be read; ACTIVE is spelled in Status (older) and State (newer).
      const state = account.State ?? account.Status
      if (account.Id && (state === undefined || state === 'ACTIVE')) targets.push({id: account.Id, name: account.Name})
    }
  }
  try {
    if (!request.ou || request.ou.length === 0) {
      let token: string | undefined
      do {
        const page = await client.send(new ListAccountsCommand({NextToken: token}))
        keep(page.Accounts)
        token = page.NextToken
      } while (token)
      return targets
    }
    const pending = [...request.ou]
    const seen = new Set<string>()
    for (let parent = pending.shift(); parent; parent = pending.shift()) {
      if (seen.has(parent)) continue
      seen.add(parent)
      let token: string | undefined
      do {
        const page = await client.send(new ListAccountsForParentCommand({ParentId: parent, NextToken: token}))
        keep(page.Accounts)
        token = page.NextToken
      } while (token)
      do {
        const page = await client.send(new ListChildrenCommand({ParentId: parent, ChildType: 'ORGANIZATIONAL_UNIT', NextToken: token}))
        for (const child of page.Children ?? []) if (child.Id) pending.push(child.Id)
        token = page.NextToken
      } while (token)
    }
    return targets
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError(explainAwsError(error, {profile: request.profile}) ?? `cannot list the organisation's accounts (run from the management account or a delegated administrator): ${describeError(error)}`)
  } finally {
    client.destroy()
  }
}
