// CloudFormation: which stack owns which resource (ListStackResources, which unlike DescribeStackResources does not stop at 100), and CDK paths when asked.
import {GetTemplateCommand, ListStackResourcesCommand, ListStacksCommand, type StackStatus, type StackSummary} from '@aws-sdk/client-cloudformation'

import {get, isRecord} from '../../model/intrinsics.js'
import {parseTemplateText} from '../../model/parse.js'
import {allPages, essential, perResource, type RegionContext} from '../context.js'

/** Every status of a stack that still has resources. */
const LIVE_STATUSES: StackStatus[] = [
  'CREATE_IN_PROGRESS',
  'CREATE_COMPLETE',
  'ROLLBACK_IN_PROGRESS',
  'ROLLBACK_FAILED',
  'DELETE_IN_PROGRESS',
  'DELETE_FAILED',
  'UPDATE_IN_PROGRESS',
  'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
  'UPDATE_COMPLETE',
  'UPDATE_FAILED',
  'UPDATE_ROLLBACK_IN_PROGRESS',
  'UPDATE_ROLLBACK_FAILED',
  'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
  'UPDATE_ROLLBACK_COMPLETE',
  'REVIEW_IN_PROGRESS',
  'IMPORT_IN_PROGRESS',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_IN_PROGRESS',
  'IMPORT_ROLLBACK_FAILED',
  'IMPORT_ROLLBACK_COMPLETE',
]

export interface Owner {
  stack: string
  /** The top-level stack, for nested stacks. */
  rootStack: string
  logicalId: string
  cdkPath?: string
  /** The resource's Metadata in the deployed template (suppressions), when templates were read. */
  metadata?: Record<string, unknown>
}

/** Which stack owns a resource, looked up by CloudFormation type and physical id. */
export class Ownership {
  private readonly index = new Map<string, Owner[]>()
  readonly stacks = new Set<string>()

  add(type: string, physicalId: string, owner: Owner): void {
    const key = `${type}|${physicalId}`
    const list = this.index.get(key)
    if (list) list.push(owner)
    else this.index.set(key, [owner])
  }

  lookup(type: string, physicalIds: readonly string[]): Owner[] {
    return physicalIds.flatMap((id) => this.index.get(`${type}|${id}`) ?? [])
  }

  get size(): number {
    return this.index.size
  }
}

export interface CloudFormationOptions {
  /** Only these stacks (and stacks nested in them). */
  stacks?: ReadonlySet<string>
  /** Read deployed templates for `aws:cdk:path` metadata. */
  cdkPaths?: boolean
}

function stackName(idOrArn: string | undefined): string | undefined {
  if (!idOrArn) return undefined
  return idOrArn.startsWith('arn:') ? idOrArn.split('/')[1] : idOrArn
}

export async function collectCloudFormation(context: RegionContext, options: CloudFormationOptions): Promise<Ownership> {
  const client = context.clients.get('cloudformation', context.region)
  const pages = await essential('cloudformation', 'ListStacks', () =>
    allPages(
      (NextToken) => client.send(new ListStacksCommand({NextToken, StackStatusFilter: LIVE_STATUSES})),
      (page) => page.NextToken,
    ),
  )
  const summaries = pages.flatMap((page) => page.StackSummaries ?? []).filter((stack): stack is StackSummary & {StackName: string} => Boolean(stack.StackName))
  const chosen = summaries.filter((stack) => !options.stacks || options.stacks.has(stack.StackName) || options.stacks.has(stackName(stack.RootId) ?? ''))
  const ownership = new Ownership()
  let done = 0
  await Promise.all(
    chosen.map(async (stack) => {
      const stackId = stack.StackId ?? stack.StackName
      const [resourcePages, template] = await Promise.all([
        perResource(context, 'cloudformation', 'ListStackResources', () =>
          allPages(
            (NextToken) => client.send(new ListStackResourcesCommand({StackName: stackId, NextToken})),
            (page) => page.NextToken,
          ),
        ),
        options.cdkPaths ? perResource(context, 'cloudformation', 'GetTemplate', () => client.send(new GetTemplateCommand({StackName: stackId, TemplateStage: 'Original'}))) : undefined,
      ])
      done++
      if (done % 20 === 0) context.progress.update(context.region, 'cloudformation', `stacks ${done}/${chosen.length}`)
      if (!resourcePages) return
      ownership.stacks.add(stack.StackName)
      const resources = template?.TemplateBody ? templateResources(stack.StackName, template.TemplateBody) : {}
      for (const resource of resourcePages.flatMap((page) => page.StackResourceSummaries ?? [])) {
        if (!resource.PhysicalResourceId || !resource.ResourceType || !resource.LogicalResourceId) continue
        const declared = resources[resource.LogicalResourceId]
        const metadata = isRecord(get(declared, 'Metadata')) ? (get(declared, 'Metadata') as Record<string, unknown>) : undefined
        const cdkPath = metadata?.['aws:cdk:path']
        ownership.add(resource.ResourceType, resource.PhysicalResourceId, {
          stack: stack.StackName,
          rootStack: stackName(stack.RootId) ?? stack.StackName,
          logicalId: resource.LogicalResourceId,
          cdkPath: typeof cdkPath === 'string' ? cdkPath : undefined,
          metadata,
        })
      }
    }),
  )
  return ownership
}

/** The Resources section of a deployed template (JSON or YAML with short tags); empty when it cannot be read. */
function templateResources(stack: string, body: string): Record<string, unknown> {
  try {
    const resources = get(parseTemplateText(`${stack}.template`, body).value, 'Resources')
    return isRecord(resources) ? resources : {}
  } catch {
    return {}
  }
}
