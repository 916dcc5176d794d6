// Reads a live account, region by region and service by service, into an inventory: the orchestration of every collector.
import {GetCallerIdentityCommand} from '@aws-sdk/client-sts'

import {isRecord} from '../model/intrinsics.js'
import {AwsClients, type ClientOptions, IAM_PREFIX, type ServiceName} from './clients.js'
import {Collection} from './collection.js'
import {type CloudFormationOptions, collectCloudFormation, type Owner, Ownership} from './collectors/cloudformation.js'
import {collectCloudWatch} from './collectors/cloudwatch.js'
import {detailEventBridge, listEventBridge} from './collectors/eventbridge.js'
import {collectIam} from './collectors/iam.js'
import {listLambda, readInvokeConfigs, readPolicies, unqualified} from './collectors/lambda.js'
import {detailHttpApis, detailRestApis, listHttpApis, listRestApis} from './collectors/apigateway.js'
import {detailSns, listSns} from './collectors/sns.js'
import {detailSqs, listSqs} from './collectors/sqs.js'
import {detailStepFunctions, listStepFunctions} from './collectors/stepfunctions.js'
import {type RegionContext, ServiceDenied} from './context.js'
import {describeError} from './errors.js'
import {type Inventory, inventoryOf} from './inventory.js'
import {type Progress, SILENT_PROGRESS} from './progress.js'

/** The lines of the progress display of each region, in the order services are read. */
export const REGION_TASKS = ['cloudformation', 'lambda', 'sqs', 'sns', 'eventbridge', 'stepfunctions', 'apigateway', 'cloudwatch'] as const
export type RegionTask = (typeof REGION_TASKS)[number]

export interface CollectOptions extends ClientOptions {
  regions: string[]
  /** Only resources of these stacks get per-resource reads, and only their findings are reported. */
  stacks?: string[]
  /** Read deployed templates for CDK construct paths (one GetTemplate per stack). */
  cdkPaths?: boolean
  progress?: Progress
  /** Injected for tests and benchmarks; built from the options otherwise. */
  clients?: AwsClients
  /** Regions audited at once. */
  regionConcurrency?: number
  now?: () => Date
}

export interface CollectResult {
  inventory: Inventory
  clients: AwsClients
  durationMs: number
}

export interface Identity {
  accountId: string
  partition: string
  arn: string
}

/** Who the credentials belong to; fails (with the SDK's message) when there are no usable credentials. */
export async function callerIdentity(clients: AwsClients, region: string): Promise<Identity> {
  const identity = await clients.get('sts', region).send(new GetCallerIdentityCommand({}))
  const arn = identity.Arn ?? ''
  return {accountId: identity.Account ?? '', partition: arn.split(':')[1] || 'aws', arn}
}

/** The regions enabled for the account (DescribeRegions without AllRegions lists only those). */
export async function enabledRegions(clients: AwsClients, region: string): Promise<string[]> {
  const {DescribeRegionsCommand} = await import('@aws-sdk/client-ec2')
  await clients.load('ec2')
  const result = await clients.get('ec2', region).send(new DescribeRegionsCommand({}))
  return (result.Regions ?? []).flatMap((r) => (r.RegionName && r.OptInStatus !== 'not-opted-in' ? [r.RegionName] : [])).sort()
}

/** The region the SDK's standard configuration names (AWS_REGION, the profile's region), if any. */
export async function configuredRegion(profile: string | undefined): Promise<string | undefined> {
  const {STSClient} = await import('@aws-sdk/client-sts')
  const client = new STSClient(profile ? {profile} : {})
  try {
    return await client.config.region()
  } catch {
    return undefined
  } finally {
    client.destroy()
  }
}

export async function collectAccount(options: CollectOptions, identity?: Identity): Promise<CollectResult> {
  const started = performance.now()
  const clients = options.clients ?? new AwsClients(options)
  const progress = options.progress ?? SILENT_PROGRESS
  const home = options.regions[0]!
  const who = identity ?? (await callerIdentity(clients, home))
  const collection = new Collection()
  const stacks = options.stacks && options.stacks.length > 0 ? new Set(options.stacks) : undefined
  const ownerships = new Map<string, Ownership>()
  const queue = [...options.regions]
  const worker = async (): Promise<void> => {
    for (let region = queue.shift(); region; region = queue.shift()) {
      const ownership = await collectRegion({region, clients, collection, progress, accountId: who.accountId, partition: who.partition}, {stacks, cdkPaths: options.cdkPaths})
      if (ownership) ownerships.set(region, ownership)
    }
  }
  await Promise.all(Array.from({length: Math.min(options.regionConcurrency ?? 4, options.regions.length)}, worker))

  // IAM is global: read once, for the roles the audited functions and state machines run as.
  const roles = rolesUsed(collection.nodes.filter((node) => !stacks || ownedBy(ownerships.get(node.origin.region ?? ''), node, collection, stacks)))
  const iamContext: RegionContext = {region: 'global', apiRegion: home, accountId: who.accountId, partition: who.partition, clients, collection, progress, wanted: () => true}
  await runService(iamContext, 'iam', 'iam', async () => {
    const result = await collectIam(iamContext, roles)
    return `${result.roles} roles, ${result.policies} customer-managed policies`
  })
  applyOwnership(collection, ownerships)
  const inventory = inventoryOf(collection, {accountId: who.accountId, partition: who.partition, regions: options.regions, collectedAt: (options.now ?? (() => new Date()))()})
  return {inventory, clients, durationMs: performance.now() - started}
}

/** The roles functions and state machines run as. */
function rolesUsed(nodes: ReadonlyArray<{type: string; props: Record<string, unknown>}>): Set<string> {
  const roles = new Set<string>()
  for (const node of nodes) {
    const role = node.type === 'AWS::Lambda::Function' ? node.props.Role : node.type === 'AWS::StepFunctions::StateMachine' ? node.props.RoleArn : undefined
    if (typeof role === 'string' && role.startsWith('arn:')) roles.add(role)
  }
  return roles
}

/** One region of an account read on its own: its inventory (owning stacks applied), the roles it uses and which stacks own them. */
export interface RegionPart {
  inventory: Inventory
  roles: string[]
  /** Owners of used roles by role ARN, as this region's stacks declare them (IAM itself is read once per account). */
  roleOwners: Record<string, Owner[]>
}

export interface PartOptions {
  clients: AwsClients
  identity: Identity
  cdkPaths?: boolean
  progress?: Progress
  now?: () => Date
}

/** Reads one region of an account, without IAM: what an organisation audit checkpoints per account and region. */
export async function collectRegionPart(region: string, options: PartOptions): Promise<RegionPart> {
  const {identity, clients} = options
  const collection = new Collection()
  const progress = options.progress ?? SILENT_PROGRESS
  const ownership = await collectRegion({region, clients, collection, progress, accountId: identity.accountId, partition: identity.partition}, {cdkPaths: options.cdkPaths})
  applyOwnership(collection, new Map(ownership ? [[region, ownership]] : []))
  const roles = [...rolesUsed(collection.nodes)].sort()
  const roleOwners: Record<string, Owner[]> = {}
  for (const arn of roles) {
    const owners = ownership?.lookup('AWS::IAM::Role', [arn.split('/').pop()!]) ?? []
    if (owners.length > 0) roleOwners[arn] = owners
  }
  const inventory = inventoryOf(collection, {accountId: identity.accountId, partition: identity.partition, regions: [region], collectedAt: (options.now ?? (() => new Date()))()})
  return {inventory, roles, roleOwners}
}

/** Reads the account's global part (the IAM roles its regions use) once, through `apiRegion`. */
export async function collectGlobalPart(parts: readonly RegionPart[], apiRegion: string, options: PartOptions): Promise<Inventory> {
  const {identity, clients} = options
  const collection = new Collection()
  const roles = new Set(parts.flatMap((part) => part.roles))
  const context: RegionContext = {
    region: 'global',
    apiRegion,
    accountId: identity.accountId,
    partition: identity.partition,
    clients,
    collection,
    progress: options.progress ?? SILENT_PROGRESS,
    wanted: () => true,
  }
  await runService(context, 'iam', 'iam', async () => {
    const result = await collectIam(context, roles)
    return `${result.roles} roles, ${result.policies} customer-managed policies`
  })
  const owners = new Ownership()
  for (const part of parts) for (const [arn, list] of Object.entries(part.roleOwners)) for (const owner of list) owners.add('AWS::IAM::Role', arn.split('/').pop()!, owner)
  applyOwnership(collection, new Map([['global', owners]]))
  return inventoryOf(collection, {accountId: identity.accountId, partition: identity.partition, regions: [], collectedAt: (options.now ?? (() => new Date()))()})
}

/**
 * Runs one service's collection; a refused list call makes it "not checked" in this region with the
 * action named, and any other failure is recorded the same way, so one service never stops the audit.
 */
async function runService<T>(context: RegionContext, task: string, service: ServiceName, work: () => Promise<string | T>, scope = context.region): Promise<T | string | undefined> {
  context.progress.start(scope, task)
  try {
    const summary = await work()
    context.progress.done(scope, task, typeof summary === 'string' ? summary : 'done')
    return summary
  } catch (error) {
    // A failure outside a known call (credentials expiring, a network error) leaves the whole service unchecked.
    const action = error instanceof ServiceDenied ? error.action : `${IAM_PREFIX[service]}:*`
    context.collection.deny({region: scope, service, action, message: error instanceof ServiceDenied ? error.message : describeError(error)})
    context.progress.skipped(scope, task, action)
    return undefined
  }
}

async function collectRegion(base: Omit<RegionContext, 'wanted'>, options: CloudFormationOptions): Promise<Ownership | undefined> {
  let ownership: Ownership | undefined
  const context: RegionContext = {
    ...base,
    wanted: (type, ids) => {
      if (!options.stacks) return true
      return (ownership?.lookup(type, ids) ?? []).some((owner) => options.stacks!.has(owner.stack) || options.stacks!.has(owner.rootStack))
    },
  }
  const {region} = context
  const cloudformation = runService(context, 'cloudformation', 'cloudformation', async () => {
    ownership = await collectCloudFormation(context, options)
    return `${ownership.stacks.size} stacks, ${ownership.size} resources`
  })
  // With --stack, per-resource reads wait for ownership so only the chosen stacks' resources are read.
  const ready = options.stacks ? cloudformation : Promise.resolve(undefined)
  const filtered = async <T>(list: () => Promise<T>): Promise<T> => {
    const [listed] = await Promise.all([list(), ready])
    return listed
  }

  const knownTriggers = new Set<string>()
  // Async functions are handed to Lambda as soon as they are known, so its paced per-function calls start early.
  const asyncFunctions = new Set<string>()
  let onAsync: ((arn: string) => void) | undefined
  const invokedAsync = (value: string): void => {
    const arn = unqualified(value)
    knownTriggers.add(arn)
    if (asyncFunctions.has(arn)) return
    asyncFunctions.add(arn)
    onAsync?.(arn)
  }
  const functionArnsIn = (value: unknown, into: Set<string>): void => {
    for (const text of strings(value)) if (/^arn:aws[a-z-]*:lambda:[^:]+:\d+:function:/.test(text)) into.add(unqualified(text))
  }

  const sqs = runService(context, 'sqs', 'sqs', async () => {
    const urls = await filtered(() => listSqs(context))
    context.progress.update(region, 'sqs', `${urls.length} queues, reading attributes`)
    return `${await detailSqs(context, urls)} queues`
  })
  const sns = runService(context, 'sns', 'sns', async () => {
    const listing = await filtered(() => listSns(context))
    for (const subscription of listing.subscriptions) {
      if (subscription.Protocol === 'lambda' && subscription.Endpoint) invokedAsync(subscription.Endpoint)
    }
    const counts = await detailSns(context, listing)
    return `${counts.topics} topics, ${counts.subscriptions} subscriptions`
  })
  const eventbridge = runService(context, 'eventbridge', 'eventbridge', async () => {
    const rules = await filtered(() => listEventBridge(context))
    context.progress.update(region, 'eventbridge', `${rules.length} rules, reading targets`)
    const count = await detailEventBridge(context, rules, (targets) => {
      for (const target of targets) if (target.Arn?.split(':')[2] === 'lambda') invokedAsync(target.Arn)
    })
    return `${count} rules`
  })
  const stepfunctions = runService(context, 'stepfunctions', 'sfn', async () => {
    const arns = await filtered(() => listStepFunctions(context))
    const count = await detailStepFunctions(context, arns)
    for (const machine of context.collection.ofType('AWS::StepFunctions::StateMachine', region)) functionArnsIn(machine.props.Definition, knownTriggers)
    return `${count} state machines`
  })
  const apigateway = runService(context, 'apigateway', 'apigateway', async () => {
    const [rest, http] = await Promise.all([
      filtered(() => listRestApis(context)),
      filtered(() => listHttpApis(context)).catch((error: unknown) => {
        // HTTP APIs have their own actions; a refusal there still leaves REST APIs audited.
        if (error instanceof ServiceDenied) {
          context.collection.deny({region, service: 'apigatewayv2', action: error.action, message: error.message})
          return []
        }
        throw error
      }),
    ])
    const [restFunctions, httpFunctions] = await Promise.all([detailRestApis(context, rest), detailHttpApis(context, http)])
    for (const arn of [...restFunctions, ...httpFunctions]) knownTriggers.add(unqualified(arn))
    return `${rest.length} REST, ${http.length} HTTP/WebSocket APIs`
  })
  const cloudwatch = runService(context, 'cloudwatch', 'cloudwatch', async () => `${await collectCloudWatch(context)} alarms`)
  const lambda = runService(context, 'lambda', 'lambda', async () => {
    const listing = await filtered(() => listLambda(context))
    const names = new Map(listing.functions.map((arn) => [arn, arn.split(':')[6]!]))
    const wanted = new Set(listing.functions.filter((arn) => context.wanted('AWS::Lambda::Function', [names.get(arn)!])))
    const configReads = new Map<string, Promise<number>>()
    const readConfigs = (arn: string): void => {
      if (wanted.has(arn) && !configReads.has(arn)) configReads.set(arn, readInvokeConfigs(context, arn))
    }
    for (const arn of asyncFunctions) readConfigs(arn)
    onAsync = readConfigs
    // Which functions nothing else explains is known only once every other source has been read.
    await Promise.all([sns, eventbridge, stepfunctions, apigateway])
    for (const mapping of context.collection.ofType('AWS::Lambda::EventSourceMapping', region)) {
      if (typeof mapping.props.FunctionName === 'string') knownTriggers.add(unqualified(mapping.props.FunctionName))
    }
    const policies = await readPolicies(
      context,
      [...wanted].filter((arn) => !knownTriggers.has(arn)),
    )
    for (const arn of policies.asyncFunctions) readConfigs(arn)
    const counts = await Promise.all(configReads.values())
    return `${listing.functions.length} functions, ${policies.policies} resource policies, ${counts.reduce((a, b) => a + b, 0)} event invoke configs`
  })
  await Promise.all([cloudformation, sqs, sns, eventbridge, stepfunctions, apigateway, cloudwatch, lambda])
  return ownership
}

/** Every string inside a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (isRecord(value)) return Object.values(value).flatMap(strings)
  return []
}

function ownedBy(ownership: Ownership | undefined, node: {type: string; id: string}, collection: Collection, stacks: ReadonlySet<string>): boolean {
  const extras = collection.extras.get(node.id)
  return (ownership?.lookup(node.type, extras?.physicalIds ?? []) ?? []).some((owner) => stacks.has(owner.stack) || stacks.has(owner.rootStack))
}

/**
 * Names each node's owning stack, logical id and CDK path. A physical id CloudFormation shares between
 * resources (a stage called "prod") is settled by the stack that owns the node's parent; nodes that no
 * stack declares (an API's methods, a function's event invoke config) take their parent's stack.
 */
function applyOwnership(collection: Collection, ownerships: Map<string, Ownership>): void {
  const ownerOf = new Map<string, {stack: string; rootStack: string}>()
  const nodes = collection.nodes
  const pending: typeof nodes = []
  // Global resources (IAM roles) may belong to a stack of any region.
  const lookup = (region: string | undefined, type: string, ids: readonly string[]) =>
    region === 'global' ? [...ownerships.values()].flatMap((ownership) => ownership.lookup(type, ids)) : (ownerships.get(region ?? '')?.lookup(type, ids) ?? [])
  for (const node of nodes) {
    const extras = collection.extras.get(node.id)!
    const candidates = lookup(node.origin.region, node.type, extras.physicalIds)
    if (candidates.length === 0) {
      pending.push(node)
      continue
    }
    if (candidates.length > 1) {
      pending.push(node)
      continue
    }
    assign(node, candidates[0]!)
  }
  for (const node of pending) {
    const extras = collection.extras.get(node.id)!
    const candidates = lookup(node.origin.region, node.type, extras.physicalIds)
    const parentOwner = extras.parent ? ownerOf.get(extras.parent) : undefined
    const chosen = candidates.length > 1 && parentOwner ? candidates.find((owner) => owner.stack === parentOwner.stack) : undefined
    if (chosen) assign(node, chosen)
    else if (parentOwner) {
      node.origin.stack = parentOwner.stack
      extras.rootStack = parentOwner.rootStack
      ownerOf.set(node.id, parentOwner)
    }
  }

  function assign(node: (typeof nodes)[number], owner: {stack: string; rootStack: string; logicalId: string; cdkPath?: string; metadata?: Record<string, unknown>}): void {
    node.origin.stack = owner.stack
    node.origin.logicalId = owner.logicalId
    if (owner.cdkPath) node.origin.cdkPath = owner.cdkPath
    if (owner.metadata) node.metadata = owner.metadata
    collection.extras.get(node.id)!.rootStack = owner.rootStack
    ownerOf.set(node.id, owner)
  }
}
