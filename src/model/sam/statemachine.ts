// AWS::Serverless::StateMachine: the state machine, its role, and its EventBridge, schedule and Api events.
import {get, isRecord} from '../intrinsics.js'
import type {ResourceDecl} from '../template.js'
import type {PropPath} from '../types.js'
import {addApiPath} from './api-events.js'
import {deadLetterArn, expandScheduleV2, renameRulePath} from './event-targets.js'
import {type Expansion, generated, type Props, s3Location, samLocator, stripUndefined, tagList} from './expansion.js'
import {SAM_MANAGED_POLICIES, samRole, trustPolicy} from './roles.js'
import {samStatement} from '../sam-policy-templates.js'
import {propertiesAreAMap, validateStateMachine} from './validation.js'

export function expandStateMachine(expansion: Expansion, decl: ResourceDecl, props: Props): void {
  if (!propertiesAreAMap(expansion, decl)) return
  validateStateMachine(expansion, decl, props)
  const {out} = expansion
  const id = decl.id
  const rename = (path: PropPath): PropPath => {
    const head = String(path[0])
    if (head === 'TracingConfiguration') return ['Tracing', ...path.slice(1)]
    if (head === 'LoggingConfiguration') return ['Logging', ...path.slice(1)]
    if (head === 'StateMachineType') return ['Type']
    if (head === 'RoleArn') return ['Role']
    if (head === 'StateMachineName') return ['Name']
    if (head === 'DefinitionS3Location') return ['DefinitionUri']
    return path
  }
  const roleId = `${id}Role`
  out.push(
    generated(
      decl,
      id,
      'AWS::StepFunctions::StateMachine',
      {
        Definition: props.Definition,
        DefinitionS3Location: s3Location(props.DefinitionUri, {bucket: 'Bucket', key: 'Key', version: 'Version'}) ?? props.DefinitionUri,
        DefinitionSubstitutions: props.DefinitionSubstitutions,
        LoggingConfiguration: props.Logging,
        TracingConfiguration: props.Tracing,
        StateMachineType: props.Type,
        StateMachineName: props.Name,
        RoleArn: props.Role ?? {'Fn::GetAtt': [roleId, 'Arn']},
        Tags: tagList(props.Tags, 'stateMachine:createdBy'),
      },
      samLocator(expansion, decl, 'StateMachine', rename),
    ),
  )
  // AutoPublishAlias: a version retained across updates and an alias that shifts traffic to it (all at once by default).
  let eventTarget: unknown = {Ref: id}
  if (typeof props.AutoPublishAlias === 'string' && props.AutoPublishAlias !== '') {
    const versionId = `${id}Version`
    const aliasId = `${id}Alias${props.AutoPublishAlias}`
    const aliasLocate = samLocator(expansion, decl, 'StateMachine', (path) => (path[0] === 'DeploymentPreference' ? path : ['AutoPublishAlias']))
    const version = generated(decl, versionId, 'AWS::StepFunctions::StateMachineVersion', {StateMachineArn: {Ref: id}, StateMachineRevisionId: {'Fn::GetAtt': [id, 'StateMachineRevisionId']}}, aliasLocate)
    version.deletionPolicy = decl.deletionPolicy ?? 'Retain'
    version.updateReplacePolicy = decl.updateReplacePolicy ?? 'Retain'
    out.push(version)
    const preference = isRecord(props.DeploymentPreference) ? props.DeploymentPreference : {Type: 'ALL_AT_ONCE'}
    out.push(generated(decl, aliasId, 'AWS::StepFunctions::StateMachineAlias', {Name: props.AutoPublishAlias, DeploymentPreference: {...preference, StateMachineVersionArn: {Ref: versionId}}}, aliasLocate))
    if (props.UseAliasAsEventTarget === true) eventTarget = {Ref: aliasId}
  }
  if (props.Role === undefined) {
    const role = samRole(expansion, decl, roleId, props, undefined, trustPolicy('states.amazonaws.com'), [], [])
    // SAM adds X-Ray's managed policy after the user's when tracing is enabled.
    const managedArns = role.props.ManagedPolicyArns as unknown[]
    if (get(props, 'Tracing', 'Enabled') === true && !managedArns.includes(SAM_MANAGED_POLICIES.xray)) managedArns.push(SAM_MANAGED_POLICIES.xray)
    if (props.RolePath !== undefined) role.props.Path = props.RolePath
    role.props.Tags = tagList(props.Tags, 'stateMachine:createdBy')
    out.push(role)
    expansion.roles.set(id, role)
  }
  const events = isRecord(props.Events) ? props.Events : {}
  for (const [eventName, event] of Object.entries(events)) {
    if (!isRecord(event)) continue
    const p = isRecord(event.Properties) ? event.Properties : {}
    const generatedId = `${id}${eventName}`
    const eventPrefix: PropPath = ['Events', eventName, 'Properties']
    const startExecutionRole = (principal: string): void => {
      out.push(
        generated(
          decl,
          `${generatedId}Role`,
          'AWS::IAM::Role',
          {
            AssumeRolePolicyDocument: trustPolicy(principal),
            Policies: [
              {
                PolicyName: `${generatedId}RoleStartExecutionPolicy`,
                PolicyDocument: {Statement: [samStatement({Action: 'states:StartExecution', Effect: 'Allow', Resource: eventTarget}, `${generatedId}RoleStartExecutionPolicy`)]},
              },
            ],
            PermissionsBoundary: props.PermissionsBoundary,
          },
          samLocator(expansion, decl, undefined, () => [], eventPrefix),
          true,
        ),
      )
    }
    if (event.Type === 'EventBridgeRule' || event.Type === 'CloudWatchEvent' || event.Type === 'Schedule') {
      const dlqLocate = samLocator(expansion, decl, undefined, () => ['DeadLetterConfig'], eventPrefix)
      const deadLetter = deadLetterArn(expansion, decl, generatedId, p.DeadLetterConfig, dlqLocate, {principal: 'events.amazonaws.com', sourceArn: {'Fn::GetAtt': [generatedId, 'Arn']}})
      const target = stripUndefined({
        Arn: eventTarget,
        Id: get(p, 'Target', 'Id') ?? `${generatedId}StepFunctionsTarget`,
        // A schedule may name its own role; SAM then generates none.
        RoleArn: event.Type === 'Schedule' && p.RoleArn !== undefined ? p.RoleArn : {'Fn::GetAtt': [`${generatedId}Role`, 'Arn']},
        DeadLetterConfig: deadLetter === undefined ? undefined : {Arn: deadLetter},
        RetryPolicy: p.RetryPolicy,
        Input: p.Input,
        InputPath: p.InputPath,
        InputTransformer: p.InputTransformer,
      })
      const ruleProps: Props =
        event.Type === 'Schedule'
          ? {ScheduleExpression: p.Schedule, State: p.State ?? (p.Enabled === undefined ? undefined : p.Enabled === false ? 'DISABLED' : 'ENABLED'), Name: p.Name, Description: p.Description, Targets: [target]}
          : {EventPattern: p.Pattern, EventBusName: p.EventBusName, State: p.State, Name: p.RuleName, Targets: [target]}
      out.push(generated(decl, generatedId, 'AWS::Events::Rule', ruleProps, samLocator(expansion, decl, undefined, renameRulePath, eventPrefix)))
      if (event.Type !== 'Schedule' || p.RoleArn === undefined) startExecutionRole('events.amazonaws.com')
    } else if (event.Type === 'ScheduleV2') {
      expandScheduleV2(expansion, decl, eventName, p, {arn: eventTarget, roleAction: 'states:StartExecution', roleResource: eventTarget, policySuffix: 'StartExecutionPolicy'})
    } else if (event.Type === 'Api') {
      addApiPath(expansion, decl, eventName, p, {
        kind: 'rest',
        integration: {
          httpMethod: 'POST',
          type: 'aws',
          uri: {'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/StartExecution'},
          credentials: {'Fn::GetAtt': [`${generatedId}Role`, 'Arn']},
        },
      })
      startExecutionRole('apigateway.amazonaws.com')
    }
  }
}
