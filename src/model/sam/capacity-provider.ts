// AWS::Serverless::CapacityProvider: a Lambda capacity provider (Lambda Managed Instances) and, unless given one, its operator role.
import {isRecord} from '../intrinsics.js'
import type {ResourceDecl} from '../template.js'
import {type Expansion, generated, type Props, samLocator} from './expansion.js'
import {isIntrinsicLike} from './globals.js'

const CREATED_BY = {Key: 'lambda:createdBy', Value: 'SAM'}

/** The user's tags, then SAM's `lambda:createdBy` (SAM builds the list from one dict, so a user's own `lambda:createdBy` is replaced). */
function tagsWithSam(tags: unknown): Props[] {
  const own = isRecord(tags) && !isIntrinsicLike(tags) ? Object.entries(tags).filter(([key]) => key !== CREATED_BY.Key) : []
  return [...own.map(([Key, Value]) => ({Key, Value})), CREATED_BY]
}

/** SAM's PropagateTags for this type: the user's tags are added to every generated resource's tags, keeping SAM's. */
function propagated(list: Props[], tags: unknown, propagate: unknown): Props[] {
  if (propagate !== true || !isRecord(tags) || isIntrinsicLike(tags)) return list
  const merged = new Map<unknown, unknown>(list.map((tag) => [tag.Key, tag.Value]))
  for (const [key, value] of Object.entries(tags)) merged.set(key, value)
  return [...merged].map(([Key, Value]) => ({Key, Value}))
}

function scalingConfig(scaling: unknown): Props | undefined {
  if (!isRecord(scaling) || Object.keys(scaling).length === 0) return undefined
  const result: Props = {}
  if (scaling.MaxVCpuCount !== undefined && scaling.MaxVCpuCount !== null) result.MaxVCpuCount = scaling.MaxVCpuCount
  if (scaling.AverageCPUUtilization !== undefined && scaling.AverageCPUUtilization !== null) {
    result.ScalingMode = 'Manual'
    result.ScalingPolicies = [{PredefinedMetricType: 'LambdaCapacityProviderAverageCPUUtilization', TargetValue: scaling.AverageCPUUtilization}]
  } else {
    result.ScalingMode = 'Auto'
  }
  return result
}

function instanceRequirements(requirements: unknown): Props | undefined {
  if (!isRecord(requirements) || Object.keys(requirements).length === 0) return undefined
  const result: Props = {}
  if (requirements.Architectures !== undefined && requirements.Architectures !== null) result.Architectures = requirements.Architectures
  if (requirements.AllowedTypes !== undefined && requirements.AllowedTypes !== null) result.AllowedInstanceTypes = requirements.AllowedTypes
  if (requirements.ExcludedTypes !== undefined && requirements.ExcludedTypes !== null) result.ExcludedInstanceTypes = requirements.ExcludedTypes
  return result
}

export function expandCapacityProvider(expansion: Expansion, decl: ResourceDecl, props: Props): void {
  const {out} = expansion
  const rename = (path: readonly (string | number)[]): (string | number)[] => {
    const [head, ...rest] = path
    if (head === 'PermissionsConfig') return ['OperatorRole']
    if (head === 'CapacityProviderScalingConfig') return ['ScalingConfig', ...rest]
    if (head === 'InstanceRequirements' && rest[0] === 'AllowedInstanceTypes') return ['InstanceRequirements', 'AllowedTypes', ...rest.slice(1)]
    if (head === 'InstanceRequirements' && rest[0] === 'ExcludedInstanceTypes') return ['InstanceRequirements', 'ExcludedTypes', ...rest.slice(1)]
    return [...path]
  }
  let operatorRole = props.OperatorRole
  if (!operatorRole) {
    const roleId = `${decl.id}OperatorRole`
    const role = generated(
      decl,
      roleId,
      'AWS::IAM::Role',
      {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: {Service: ['lambda.amazonaws.com']}}],
        },
        ManagedPolicyArns: ['arn:aws:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator'],
        Tags: propagated([CREATED_BY], props.Tags, props.PropagateTags),
      },
      samLocator(expansion, decl, 'CapacityProvider', () => []),
      true,
    )
    // SAM passes only Condition to the role, not DependsOn.
    role.dependsOn = undefined
    out.push(role)
    operatorRole = {'Fn::GetAtt': [roleId, 'Arn']}
  }
  const vpc = isRecord(props.VpcConfig) ? props.VpcConfig : undefined
  const provider = generated(
    decl,
    decl.id,
    'AWS::Lambda::CapacityProvider',
    {
      CapacityProviderName: props.CapacityProviderName || undefined,
      VpcConfig: vpc ? {SubnetIds: vpc.SubnetIds, SecurityGroupIds: vpc.SecurityGroupIds ?? undefined} : undefined,
      PermissionsConfig: {CapacityProviderOperatorRoleArn: operatorRole},
      Tags: propagated(tagsWithSam(props.Tags), props.Tags, props.PropagateTags),
      InstanceRequirements: instanceRequirements(props.InstanceRequirements),
      CapacityProviderScalingConfig: scalingConfig(props.ScalingConfig),
      KmsKeyArn: props.KmsKeyArn || undefined,
    },
    samLocator(expansion, decl, 'CapacityProvider', rename),
  )
  provider.deletionPolicy = decl.deletionPolicy
  provider.updateReplacePolicy = decl.updateReplacePolicy
  out.push(provider)
}
