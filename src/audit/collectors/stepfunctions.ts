// Step Functions: state machines with their definition, tracing and logging, in AWS::StepFunctions::StateMachine's shape.
import {type DescribeStateMachineCommandOutput, DescribeStateMachineCommand, ListStateMachinesCommand} from '@aws-sdk/client-sfn'

import {dropUndefined, parseJsonText} from '../collection.js'
import {allPages, essential, perResource, type RegionContext} from '../context.js'
import {isNotFound} from '../errors.js'

export async function listStepFunctions(context: RegionContext): Promise<string[]> {
  const client = context.clients.get('sfn', context.region)
  const pages = await essential('sfn', 'ListStateMachines', () =>
    allPages(
      (nextToken) => client.send(new ListStateMachinesCommand({nextToken, maxResults: 1000})),
      (page) => page.nextToken,
    ),
  )
  return pages.flatMap((page) => page.stateMachines ?? []).flatMap((machine) => (machine.stateMachineArn ? [machine.stateMachineArn] : []))
}

export async function detailStepFunctions(context: RegionContext, arns: string[]): Promise<number> {
  const {region, accountId, collection} = context
  const client = context.clients.get('sfn', region)
  const wanted = arns.filter((arn) => context.wanted('AWS::StepFunctions::StateMachine', [arn]))
  let count = 0
  await Promise.all(
    wanted.map(async (arn) => {
      const machine = await perResource(context, 'sfn', 'DescribeStateMachine', async () => {
        try {
          return await client.send(new DescribeStateMachineCommand({stateMachineArn: arn}))
        } catch (error) {
          if (isNotFound(error)) return undefined
          throw error
        }
      })
      if (!machine) return
      count++
      const name = machine.name ?? arn.split(':').pop()!
      collection.add({arn, type: 'AWS::StepFunctions::StateMachine', props: stateMachineProps(machine), region, accountId, names: [name], physicalIds: [arn]})
    }),
  )
  return count
}

export function stateMachineProps(machine: DescribeStateMachineCommandOutput): Record<string, unknown> {
  const logging = machine.loggingConfiguration
  return dropUndefined({
    StateMachineName: machine.name,
    StateMachineType: machine.type,
    RoleArn: machine.roleArn,
    Definition: parseJsonText(machine.definition),
    LoggingConfiguration: logging
      ? dropUndefined({
          Level: logging.level,
          IncludeExecutionData: logging.includeExecutionData,
          Destinations: logging.destinations?.length ? logging.destinations.map((destination) => ({CloudWatchLogsLogGroup: {LogGroupArn: destination.cloudWatchLogsLogGroup?.logGroupArn}})) : undefined,
        })
      : undefined,
    TracingConfiguration: machine.tracingConfiguration ? {Enabled: machine.tracingConfiguration.enabled === true} : undefined,
    EncryptionConfiguration: machine.encryptionConfiguration ? dropUndefined({Type: machine.encryptionConfiguration.type, KmsKeyId: machine.encryptionConfiguration.kmsKeyId}) : undefined,
  })
}
