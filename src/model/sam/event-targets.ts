// EventBridge rule and Scheduler targets shared by function and state machine events: dead-letter queues, rule paths, ScheduleV2.
import {isRecord} from '../intrinsics.js'
import type {ResourceDecl} from '../template.js'
import type {Locator, PropPath} from '../types.js'
import {type Expansion, generated, type Props, samLocator, stripUndefined} from './expansion.js'
import {type GeneratedPolicy, trustPolicy} from './roles.js'
import {samStatement} from '../sam-policy-templates.js'

/** An SQS queue SAM creates for a dead-letter config given as `{Type: SQS}`, and the policy letting the service send to it. */
function generatedQueue(expansion: Expansion, decl: ResourceDecl, queueId: string, policyId: string, locate: Locator, policy?: {principal: string; sourceArn: unknown}): Props {
  expansion.out.push(generated(decl, queueId, 'AWS::SQS::Queue', {}, locate))
  if (policy) {
    expansion.out.push(
      generated(
        decl,
        policyId,
        'AWS::SQS::QueuePolicy',
        {
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {Action: 'sqs:SendMessage', Effect: 'Allow', Principal: {Service: policy.principal}, Resource: {'Fn::GetAtt': [queueId, 'Arn']}, Condition: {ArnEquals: {'aws:SourceArn': policy.sourceArn}}},
            ],
          },
          Queues: [{Ref: queueId}],
        },
        locate,
        true,
      ),
    )
  }
  return {'Fn::GetAtt': [queueId, 'Arn']}
}

/** The dead-letter config of an EventBridge target or schedule: the user's ARN, or a queue SAM creates for `Type: SQS`. */
export function deadLetterArn(expansion: Expansion, decl: ResourceDecl, generatedId: string, config: unknown, locate: Locator, policy?: {principal: string; sourceArn: unknown}): unknown {
  if (!isRecord(config)) return undefined
  if (config.Arn !== undefined) return config.Arn
  if (config.Type !== 'SQS') return undefined
  const queueId = typeof config.QueueLogicalId === 'string' ? config.QueueLogicalId : `${generatedId}Queue`
  // The queue may be named by QueueLogicalId; its policy is always named after the rule or schedule.
  return generatedQueue(expansion, decl, queueId, `${generatedId}QueuePolicy`, locate, policy)
}

export function renameRulePath(path: PropPath): PropPath {
  if (path[0] === 'Targets') {
    const field = path[2]
    if (field === 'Arn' || field === 'Id' || field === undefined) return []
    return path.slice(2)
  }
  if (path[0] === 'EventPattern') return ['Pattern', ...path.slice(1)]
  if (path[0] === 'ScheduleExpression') return ['Schedule']
  if (path[0] === 'Name') return ['RuleName']
  return path
}

export interface ScheduleTarget {
  arn: unknown
  roleAction: string
  roleResource: unknown
  policySuffix: string
}

export function expandScheduleV2(expansion: Expansion, decl: ResourceDecl, eventName: string, p: Props, target: ScheduleTarget): void {
  const generatedId = `${decl.id}${eventName}`
  const eventPrefix: PropPath = ['Events', eventName, 'Properties']
  const dlqLocate = samLocator(expansion, decl, undefined, () => ['DeadLetterConfig'], eventPrefix)
  const deadLetter = deadLetterArn(expansion, decl, generatedId, p.DeadLetterConfig, dlqLocate)
  const roleId = `${generatedId}Role`
  if (p.RoleArn === undefined) {
    const statements: GeneratedPolicy[] = [{name: `${generatedId}${target.policySuffix}`, statements: [{Action: target.roleAction, Effect: 'Allow', Resource: target.roleResource}]}]
    if (deadLetter !== undefined) statements.push({name: `${generatedId}SQSPolicy`, statements: [{Action: 'sqs:SendMessage', Effect: 'Allow', Resource: deadLetter}]})
    const role = generated(
      decl,
      roleId,
      'AWS::IAM::Role',
      {
        AssumeRolePolicyDocument: trustPolicy('scheduler.amazonaws.com'),
        Policies: statements.map(({name, statements: s}) => ({PolicyName: name, PolicyDocument: {Statement: s.map((x) => samStatement(x, name))}})),
        PermissionsBoundary: p.PermissionsBoundary,
      },
      samLocator(expansion, decl, undefined, () => [], eventPrefix),
      true,
    )
    expansion.out.push(role)
  }
  const rename = (path: PropPath): PropPath => {
    if (path[0] !== 'Target') return path
    if (path[1] === 'Arn' || path[1] === undefined) return []
    return path.slice(1)
  }
  expansion.out.push(
    generated(
      decl,
      generatedId,
      'AWS::Scheduler::Schedule',
      {
        ScheduleExpression: p.ScheduleExpression,
        ScheduleExpressionTimezone: p.ScheduleExpressionTimezone,
        FlexibleTimeWindow: p.FlexibleTimeWindow ?? {Mode: 'OFF'},
        Name: p.Name ?? generatedId,
        State: p.State,
        Description: p.Description,
        StartDate: p.StartDate,
        EndDate: p.EndDate,
        GroupName: p.GroupName,
        KmsKeyArn: p.KmsKeyArn,
        Target: stripUndefined({
          Arn: target.arn,
          RoleArn: p.RoleArn ?? {'Fn::GetAtt': [roleId, 'Arn']},
          Input: p.Input,
          DeadLetterConfig: deadLetter === undefined ? undefined : {Arn: deadLetter},
          RetryPolicy: p.RetryPolicy,
        }),
      },
      samLocator(expansion, decl, undefined, rename, eventPrefix),
    ),
  )
}
