// DeploymentPreference of AWS::Serverless::Function: the CodeDeploy application, service role and deployment groups SAM generates.
import {isRecord} from '../intrinsics.js'
import type {ResourceDecl} from '../template.js'
import {type Expansion, generated, type Props, samLocator, stripUndefined, tagList} from './expansion.js'
import {resolveParameterRefs} from './ids.js'
import {trustPolicy} from './roles.js'

const APPLICATION_ID = 'ServerlessDeploymentApplication'
const SERVICE_ROLE_ID = 'CodeDeployServiceRole'
const COMBINED_CONDITION = 'ServerlessCodeDeployCondition'
/** Deployment types SAM turns into CodeDeploy's predefined configuration names. */
const PREDEFINED_CONFIGURATIONS = new Set([
  'Canary10Percent5Minutes',
  'Canary10Percent10Minutes',
  'Canary10Percent15Minutes',
  'Canary10Percent30Minutes',
  'Linear10PercentEvery1Minute',
  'Linear10PercentEvery2Minutes',
  'Linear10PercentEvery3Minutes',
  'Linear10PercentEvery10Minutes',
  'AllAtOnce',
])

/** One function's deployment preference as SAM's DeploymentPreferenceCollection keeps it. */
export interface DeploymentPreference {
  decl: ResourceDecl
  enabled: boolean
  type?: unknown
  preTrafficHook?: unknown
  postTrafficHook?: unknown
  alarms?: unknown
  role?: unknown
  triggerConfigurations?: unknown
  /** The function's Condition, when PassthroughCondition is true. */
  condition?: string
  /** The function's Tags, when PropagateTags is true. */
  tags?: Props
}

/** `Fn::FindInMap` with literal keys resolved from the template's Mappings, as SAM's mappings resolver does. */
function resolveMappings(template: Props, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveMappings(template, item))
  if (!isRecord(value)) return value
  const find = value['Fn::FindInMap']
  if (Object.keys(value).length === 1 && Array.isArray(find) && find.length === 3) {
    const keys = find.map((key) => resolveMappings(template, key))
    if (!keys.every((key) => typeof key === 'string')) return value
    const [map, top, second] = keys as string[]
    const level = (template.Mappings as Props | undefined)?.[map!]
    if (!isRecord(level) || !isRecord(level[top!]) || !(second! in (level[top!] as Props))) return value
    return (level[top!] as Props)[second!]
  }
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, resolveMappings(template, child)]))
}

function resolved(expansion: Expansion, value: unknown): unknown {
  return resolveMappings(expansion.template, resolveParameterRefs(expansion.template, value))
}

/**
 * Records a function's DeploymentPreference (SAM's `DeploymentPreferenceCollection.add`) and returns the alias's
 * UpdatePolicy when the preference is enabled.
 */
export function addDeploymentPreference(expansion: Expansion, decl: ResourceDecl, props: Props): Props | undefined {
  const written = props.DeploymentPreference
  if (!isRecord(written)) return undefined
  let enabled: unknown = 'Enabled' in written ? resolved(expansion, written.Enabled) : true
  if (enabled === 'false' || enabled === 'False') enabled = false
  const groupId = `${decl.id}DeploymentGroup`
  if (!enabled) {
    expansion.deploymentPreferences.set(decl.id, {decl, enabled: false})
    return undefined
  }
  const passthrough = resolved(expansion, written.PassthroughCondition)
  const hooks = isRecord(written.Hooks) ? written.Hooks : {}
  const preference: DeploymentPreference = {
    decl,
    enabled: true,
    type: resolved(expansion, written.Type),
    preTrafficHook: hooks.PreTraffic,
    postTrafficHook: hooks.PostTraffic,
    alarms: written.Alarms,
    role: written.Role,
    triggerConfigurations: written.TriggerConfigurations,
    condition: passthrough === true || passthrough === 'true' || passthrough === 'True' ? decl.condition : undefined,
    tags: props.PropagateTags === true && isRecord(props.Tags) && Object.keys(props.Tags).length > 0 ? props.Tags : undefined,
  }
  expansion.deploymentPreferences.set(decl.id, preference)
  return {
    CodeDeployLambdaAliasUpdate: stripUndefined({
      ApplicationName: {Ref: APPLICATION_ID},
      DeploymentGroupName: {Ref: groupId},
      BeforeAllowTrafficHook: preference.preTrafficHook ?? undefined,
      AfterAllowTrafficHook: preference.postTrafficHook ?? undefined,
    }),
  }
}

/** `_replace_deployment_types`: a predefined deployment type becomes `CodeDeployDefault.Lambda…` through Fn::Sub. */
function deploymentConfigName(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => deploymentConfigName(item))
  if (isRecord(value)) {
    const keys = Object.keys(value)
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0]!.startsWith('Fn::'))) return {[keys[0]!]: deploymentConfigName(value[keys[0]!], keys[0])}
    return value
  }
  if (typeof value === 'string' && PREDEFINED_CONFIGURATIONS.has(value)) {
    const sub = ['CodeDeployDefault.Lambda${ConfigName}', {ConfigName: value}]
    return key === 'Fn::Sub' ? sub : {'Fn::Sub': sub}
  }
  return value
}

function isNoValue(value: unknown): boolean {
  return isRecord(value) && value.Ref === 'AWS::NoValue'
}

/** `_convert_alarms`: the alarms as a deployment group's AlarmConfiguration, through an `Fn::If` when they are one. */
function alarmConfiguration(alarms: unknown): unknown {
  if (alarms === undefined || alarms === null || (Array.isArray(alarms) && alarms.length === 0) || isNoValue(alarms)) return undefined
  const build = (list: unknown): unknown => {
    if (!Array.isArray(list)) return list
    if (list.length === 0 || isNoValue(list[0])) return {}
    return {Enabled: true, Alarms: (list as unknown[]).map((alarm) => ({Name: alarm}))}
  }
  const branches = isRecord(alarms) ? alarms['Fn::If'] : undefined
  if (Array.isArray(branches) && branches.length === 3) return {'Fn::If': [branches[0], build(branches[1]), build(branches[2])]}
  return build(alarms)
}

/** The CodeDeploy resources SAM adds once every function is translated: one application, one service role, a group per function. */
export function finishDeploymentPreferences(expansion: Expansion): void {
  const preferences = [...expansion.deploymentPreferences.values()]
  const enabled = preferences.filter((preference) => preference.enabled)
  const first = enabled[0]
  if (!first) return
  // Shared resources are conditional only when every enabled preference is.
  const conditions = [...new Set(enabled.map((preference) => preference.condition).filter((condition): condition is string => condition !== undefined))]
  let sharedCondition: string | undefined
  if (enabled.every((preference) => preference.condition !== undefined)) {
    sharedCondition = conditions.length <= 1 ? conditions[0] : COMBINED_CONDITION
    if (conditions.length > 1) addCombinedCondition(expansion.template, conditions)
  }
  const mergedTags: Props = {}
  for (const preference of enabled) Object.assign(mergedTags, preference.tags ?? {})
  const sharedLocate = samLocator(expansion, first.decl, 'Function', () => ['DeploymentPreference'])
  const shared = (id: string, type: string, props: Props): ResourceDecl => {
    const decl = generated(first.decl, id, type, props, sharedLocate)
    decl.condition = sharedCondition
    decl.dependsOn = undefined
    return decl
  }
  expansion.out.push(shared(APPLICATION_ID, 'AWS::CodeDeploy::Application', {ComputePlatform: 'Lambda', Tags: tagList(mergedTags)}))
  if (!enabled.every((preference) => preference.role !== undefined)) {
    const role = shared(SERVICE_ROLE_ID, 'AWS::IAM::Role', {
      AssumeRolePolicyDocument: trustPolicy('codedeploy.amazonaws.com'),
      ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSCodeDeployRoleForLambda'],
      Tags: tagList(mergedTags),
    })
    role.managed = true
    expansion.out.push(role)
  }
  for (const preference of enabled) {
    const {decl} = preference
    const group = generated(
      decl,
      `${decl.id}DeploymentGroup`,
      'AWS::CodeDeploy::DeploymentGroup',
      {
        AlarmConfiguration: alarmConfiguration(preference.alarms),
        ApplicationName: {Ref: APPLICATION_ID},
        AutoRollbackConfiguration: {Enabled: true, Events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM', 'DEPLOYMENT_STOP_ON_REQUEST']},
        DeploymentConfigName: deploymentConfigName(structuredClone(preference.type) as unknown),
        DeploymentStyle: {DeploymentType: 'BLUE_GREEN', DeploymentOption: 'WITH_TRAFFIC_CONTROL'},
        ServiceRoleArn: preference.role ?? {'Fn::GetAtt': [SERVICE_ROLE_ID, 'Arn']},
        TriggerConfigurations: preference.triggerConfigurations,
        Tags: tagList(preference.tags),
      },
      samLocator(expansion, decl, 'Function', (path) => (path[0] === 'AlarmConfiguration' ? ['Alarms'] : path[0] === 'DeploymentConfigName' ? ['Type'] : path[0] === 'ServiceRoleArn' ? ['Role'] : []), [
        'DeploymentPreference',
      ]),
    )
    group.condition = preference.condition
    group.dependsOn = undefined
    expansion.out.push(group)
  }
}

/** `make_combined_condition`: one `Fn::Or` of the conditions (nested by tens, as Fn::Or takes at most ten). */
function addCombinedCondition(template: Props, conditions: string[]): void {
  const defined = isRecord(template.Conditions) ? template.Conditions : (template.Conditions = {})
  let remaining = [...conditions]
  let extra = Math.ceil((remaining.length - 1) / 9) - 1
  while (remaining.length > 1) {
    const name = extra > 0 ? `${COMBINED_CONDITION}${extra--}` : COMBINED_CONDITION
    ;(defined as Props)[name] = {'Fn::Or': remaining.slice(0, 10).map((condition) => ({Condition: condition}))}
    remaining = [...remaining.slice(10), name]
  }
}
