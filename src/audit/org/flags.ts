// The flags of an organisation audit (`audit --org`, `--accounts`…), and the options they give `runOrgAudit`.
import {Flags} from '@oclif/core'

import type {Preset} from '../../engine/presets.js'
import type {Severity} from '../../rules/types.js'
import type {OrgFormat} from './report.js'
import type {OrgFlags} from './run.js'

const helpGroup = 'ORGANISATION'

export const ORG_FLAGS = {
  org: Flags.boolean({summary: 'Audit every active account of the AWS organisation (from the management or a delegated administrator account).', helpGroup}),
  ou: Flags.string({summary: 'Only accounts in this organisational unit or below it; repeatable.', multiple: true, helpGroup}),
  accounts: Flags.string({summary: 'Audit these accounts (ids separated by commas); repeatable.', multiple: true, helpGroup}),
  'accounts-file': Flags.string({summary: 'Audit the accounts listed in this file (one id a line, optional name after it).', helpGroup}),
  'exclude-accounts': Flags.string({summary: 'Leave these accounts out (ids separated by commas); repeatable.', multiple: true, helpGroup}),
  'role-name': Flags.string({summary: 'Role assumed in each account (sts:AssumeRole, session name sls-eda-audit-…).', helpGroup}),
  'external-id': Flags.string({summary: 'External id the role trust policy requires.', helpGroup}),
  regions: Flags.string({summary: '"all" (the regions enabled in each account) or regions separated by commas.', helpGroup}),
  concurrency: Flags.integer({summary: 'Accounts read at once.', default: 4, helpGroup}),
  'state-dir': Flags.string({summary: "Checkpoint each finished account-region here; a shard's output for `audit merge`.", helpGroup}),
  resume: Flags.boolean({summary: 'Continue the run in --state-dir, skipping what is done.', dependsOn: ['state-dir'], helpGroup}),
  shard: Flags.string({summary: 'Audit only part i of N of the accounts (e.g. 2/4), the same part on every machine.', helpGroup}),
}

/** Flags of a single-account audit: refused in an organisation audit rather than ignored. */
const SINGLE_ACCOUNT_ONLY = ['stack', 'baseline', 'write-baseline', 'save-inventory', 'from-inventory', 'cdk-paths', 'all-regions'] as const

/** The parsed flags of `sls-eda audit` an organisation audit reads. */
export interface AuditCommandFlags extends Partial<Record<(typeof SINGLE_ACCOUNT_ONLY)[number], unknown>> {
  org?: boolean
  ou?: string[]
  accounts?: string[]
  'accounts-file'?: string
  'exclude-accounts'?: string[]
  'role-name'?: string
  'external-id'?: string
  regions?: string
  region?: string[]
  concurrency: number
  'state-dir'?: string
  resume?: boolean
  shard?: string
  profile?: string
  output?: string
  config?: string
  rule?: string[]
  preset?: string
  format: string
  'fail-level': string
}

/** True when the flags ask for several accounts rather than the one the credentials belong to. */
export function isOrgAudit(flags: AuditCommandFlags): boolean {
  return Boolean(flags.org || flags.ou || flags.accounts || flags['accounts-file'])
}

export function orgOptions(flags: AuditCommandFlags, json: boolean): OrgFlags {
  return {
    org: flags.org,
    ou: flags.ou,
    accounts: flags.accounts,
    accountsFile: flags['accounts-file'],
    excludeAccounts: flags['exclude-accounts'],
    roleName: flags['role-name'],
    externalId: flags['external-id'],
    stateDir: flags['state-dir'],
    profile: flags.profile,
    region: flags.region,
    regions: flags.regions,
    concurrency: flags.concurrency,
    resume: flags.resume,
    shard: flags.shard,
    output: flags.output,
    config: flags.config,
    preset: flags.preset as Preset | undefined,
    rule: flags.rule,
    json,
    format: flags.format as OrgFormat,
    failLevel: flags['fail-level'] as Severity,
    singleAccountOnly: SINGLE_ACCOUNT_ONLY.filter((name) => flags[name] !== undefined && flags[name] !== false),
  }
}
