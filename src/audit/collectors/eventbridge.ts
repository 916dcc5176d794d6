// EventBridge: buses, rules and their targets (with DLQs and retry policies), in AWS::Events::EventBus and AWS::Events::Rule's shape.
import {ListArchivesCommand, ListEventBusesCommand, ListRulesCommand, ListTargetsByRuleCommand, type Rule, type Target} from '@aws-sdk/client-eventbridge'

import {dropUndefined, parseJsonText} from '../collection.js'
import {allPages, essential, perResource, type RegionContext} from '../context.js'
import {isNotFound} from '../errors.js'

export type EventBridgeListing = Rule[]

export async function listEventBridge(context: RegionContext): Promise<EventBridgeListing> {
  const {region, accountId, collection} = context
  const client = context.clients.get('eventbridge', region)
  const busPages = await essential('eventbridge', 'ListEventBuses', () =>
    allPages(
      (NextToken) => client.send(new ListEventBusesCommand({NextToken, Limit: 100})),
      (page) => page.NextToken,
    ),
  )
  const buses = busPages.flatMap((page) => page.EventBuses ?? []).filter((bus) => bus.Name && bus.Arn)
  for (const bus of buses) {
    // Templates never declare the default bus; it matters live only when someone gave it a policy.
    if (bus.Name === 'default' && !bus.Policy) continue
    collection.add({
      arn: bus.Arn!,
      type: 'AWS::Events::EventBus',
      props: dropUndefined({Name: bus.Name, Description: bus.Description, Policy: bus.Policy ? parseJsonText(bus.Policy) : undefined}),
      region,
      accountId,
      names: bus.Name === 'default' ? [] : [bus.Name!],
      physicalIds: [bus.Name!],
      managed: bus.Name === 'default' ? true : undefined,
    })
  }
  const archivePages = await essential('eventbridge', 'ListArchives', () =>
    allPages(
      (NextToken) => client.send(new ListArchivesCommand({NextToken, Limit: 100})),
      (page) => page.NextToken,
    ),
  )
  for (const archive of archivePages.flatMap((page) => page.Archives ?? [])) {
    if (!archive.ArchiveName) continue
    collection.add({
      arn: `arn:${context.partition}:events:${region}:${accountId}:archive/${archive.ArchiveName}`,
      type: 'AWS::Events::Archive',
      props: dropUndefined({ArchiveName: archive.ArchiveName, SourceArn: archive.EventSourceArn, RetentionDays: archive.RetentionDays}),
      region,
      accountId,
      physicalIds: [archive.ArchiveName],
      parent: archive.EventSourceArn,
    })
  }
  const rules: Rule[] = []
  await Promise.all(
    buses.map(async (bus) => {
      const pages = await essential('eventbridge', 'ListRules', () =>
        allPages(
          (NextToken) => client.send(new ListRulesCommand({EventBusName: bus.Name, NextToken, Limit: 100})),
          (page) => page.NextToken,
        ),
      )
      for (const rule of pages.flatMap((page) => page.Rules ?? [])) rules.push({...rule, EventBusName: rule.EventBusName ?? bus.Name})
    }),
  )
  return rules
}

/** Reads each rule's targets; `onTargets` hears of them as they arrive, so Lambda can start on the functions they invoke. */
export async function detailEventBridge(context: RegionContext, rules: EventBridgeListing, onTargets?: (targets: Target[]) => void): Promise<number> {
  const {region, accountId, collection} = context
  const client = context.clients.get('eventbridge', region)
  const wanted = rules.filter((rule) => rule.Name && rule.Arn && context.wanted('AWS::Events::Rule', physicalIdsOf(rule)))
  let done = 0
  await Promise.all(
    wanted.map(async (rule) => {
      const pages = await perResource(context, 'eventbridge', 'ListTargetsByRule', async () => {
        try {
          return await allPages(
            (NextToken) => client.send(new ListTargetsByRuleCommand({Rule: rule.Name, EventBusName: rule.EventBusName, NextToken, Limit: 100})),
            (page) => page.NextToken,
          )
        } catch (error) {
          if (isNotFound(error)) return []
          throw error
        }
      })
      done++
      if (done % 50 === 0) context.progress.update(region, 'eventbridge', `rule targets ${done}/${wanted.length}`)
      // Without its targets a rule would look like it delivers nowhere: leave it out instead.
      if (pages === undefined) return
      const targets = pages.flatMap((page) => page.Targets ?? [])
      onTargets?.(targets)
      collection.add({
        arn: rule.Arn!,
        type: 'AWS::Events::Rule',
        props: ruleProps(rule, targets),
        region,
        accountId,
        names: [rule.Name!],
        physicalIds: physicalIdsOf(rule),
        managed: rule.ManagedBy ? true : undefined,
      })
    }),
  )
  return wanted.length
}

/** CloudFormation names a rule on a custom bus "bus|rule", and one on the default bus by its name. */
function physicalIdsOf(rule: Rule): string[] {
  return [rule.Name!, `${rule.EventBusName ?? 'default'}|${rule.Name!}`]
}

export function ruleProps(rule: Rule, targets: Target[]): Record<string, unknown> {
  return dropUndefined({
    Name: rule.Name,
    EventBusName: rule.EventBusName,
    Description: rule.Description || undefined,
    EventPattern: rule.EventPattern ? parseJsonText(rule.EventPattern) : undefined,
    ScheduleExpression: rule.ScheduleExpression,
    State: rule.State,
    RoleArn: rule.RoleArn,
    Targets: targets.map((target) => targetProps(target)),
  })
}

function targetProps(target: Target): Record<string, unknown> {
  return dropUndefined({
    Id: target.Id,
    Arn: target.Arn,
    RoleArn: target.RoleArn,
    Input: target.Input,
    InputPath: target.InputPath,
    InputTransformer: target.InputTransformer ? dropUndefined({InputPathsMap: target.InputTransformer.InputPathsMap, InputTemplate: target.InputTransformer.InputTemplate}) : undefined,
    DeadLetterConfig: target.DeadLetterConfig?.Arn ? {Arn: target.DeadLetterConfig.Arn} : undefined,
    RetryPolicy: target.RetryPolicy ? dropUndefined({MaximumRetryAttempts: target.RetryPolicy.MaximumRetryAttempts, MaximumEventAgeInSeconds: target.RetryPolicy.MaximumEventAgeInSeconds}) : undefined,
    SqsParameters: target.SqsParameters?.MessageGroupId ? {MessageGroupId: target.SqsParameters.MessageGroupId} : undefined,
    HttpParameters: target.HttpParameters,
  })
}
