// EventInvokeConfig of AWS::Serverless::Function: the invoke config, the queue or topic SAM creates for a destination, and the role's access.
import {get, isRecord} from '../intrinsics.js'
import type {ResourceDecl} from '../template.js'
import {type Expansion, generated, identity, type Props, samLocator} from './expansion.js'
import {resolveParameterRefs, samHash} from './ids.js'
import type {GeneratedPolicy} from './roles.js'

/** The statements SAM's IAMRolePolicies give the function for each destination type, and the policy name's suffix. */
export const DESTINATION_ACCESS: Record<string, {suffix: string; statements: (arn: unknown) => Props[]}> = {
  SQS: {suffix: 'SQSPolicy', statements: (arn) => [{Action: 'sqs:SendMessage', Effect: 'Allow', Resource: arn}]},
  SNS: {suffix: 'SNSPolicy', statements: (arn) => [{Action: 'sns:publish', Effect: 'Allow', Resource: arn}]},
  EventBridge: {suffix: 'EventBridgePolicy', statements: (arn) => [{Action: 'events:PutEvents', Effect: 'Allow', Resource: arn}]},
  Lambda: {suffix: 'LambdaPolicy', statements: (arn) => [{Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: arn}]},
  S3Bucket: {
    suffix: 'S3Policy',
    statements: (arn) => [
      {Action: 's3:PutObject', Effect: 'Allow', Resource: {'Fn::Join': ['/', [arn, '*']]}},
      {Action: 's3:ListBucket', Effect: 'Allow', Resource: arn},
    ],
  },
}

const isNoValue = (value: unknown): boolean => get(value, 'Ref') === 'AWS::NoValue'

/** Adds a condition to the template (SAM adds the ones it generates to Conditions). */
function addCondition(expansion: Expansion, name: string, value: unknown): void {
  const conditions = isRecord(expansion.template.Conditions) ? expansion.template.Conditions : (expansion.template.Conditions = {})
  ;(conditions as Props)[name] = value
}

/** `_make_gen_condition_name`: a condition name SAM derives from a base and a hash of the config's logical id. */
const generatedConditionName = (name: string, hashed: string): string => `${name}${samHash(hashed)}`.slice(0, 255)

/**
 * `_get_or_make_condition`: a destination `!If [C, !Ref AWS::NoValue, arn]` means SAM creates the queue or topic
 * only when C holds; `!If [C, arn, !Ref AWS::NoValue]` only when it does not (under a NOT condition SAM adds).
 */
function destinationCondition(expansion: Expansion, destination: unknown, configId: string): {condition?: string; otherwise?: unknown} {
  const branches = get(destination, 'Fn::If')
  if (!Array.isArray(branches) || branches.length !== 3 || typeof branches[0] !== 'string') return {}
  const [condition, whenTrue, whenFalse] = branches as [string, unknown, unknown]
  if (isNoValue(whenTrue) && isNoValue(whenFalse)) return {}
  if (isNoValue(whenTrue)) return {condition, otherwise: whenFalse}
  if (isNoValue(whenFalse)) {
    const negated = generatedConditionName(`NOT${condition}`, configId)
    addCondition(expansion, negated, {'Fn::Not': [{Condition: condition}]})
    return {condition: negated, otherwise: whenTrue}
  }
  return {}
}

/**
 * The invoke config SAM generates (`{Function}EventInvokeConfig`) and the queues or topics it creates for destinations
 * given only a type; returns the policies the function's role gets, which SAM writes before the user's own.
 */
export function expandEventInvokeConfig(expansion: Expansion, decl: ResourceDecl, written: Props, aliasName: unknown, aliasId: string | undefined): GeneratedPolicy[] {
  const id = decl.id
  const configId = `${id}EventInvokeConfig`
  const config = resolveParameterRefs(expansion.template, written) as Props
  const configLocate = samLocator(expansion, decl, 'Function', identity, ['EventInvokeConfig'])
  const policies: GeneratedPolicy[] = []
  const destinationConfig: Props = {}
  for (const outcome of ['OnSuccess', 'OnFailure'] as const) {
    const entry = get(config, 'DestinationConfig', outcome)
    if (!isRecord(entry) || typeof entry.Type !== 'string' || !(entry.Type in DESTINATION_ACCESS)) continue
    const type = entry.Type
    const source = ['EventInvokeConfig', 'DestinationConfig', outcome]
    let destination = entry.Destination
    const {condition, otherwise} = destinationCondition(expansion, destination, configId)
    if (destination === undefined || condition !== undefined) {
      if (type !== 'SQS' && type !== 'SNS') continue
      const resourceId = `${configId}${outcome}${type === 'SQS' ? 'Queue' : 'Topic'}`
      const resource = generated(
        decl,
        resourceId,
        type === 'SQS' ? 'AWS::SQS::Queue' : 'AWS::SNS::Topic',
        {},
        samLocator(expansion, decl, 'Function', () => ['Type'], source),
      )
      resource.dependsOn = undefined
      if (condition !== undefined) {
        if (decl.condition === undefined) resource.condition = condition
        else {
          const combined = generatedConditionName(`${decl.condition}AND${condition}`, id)
          addCondition(expansion, combined, {'Fn::And': [{Condition: decl.condition}, {Condition: condition}]})
          resource.condition = combined
        }
      }
      expansion.out.push(resource)
      const arn = type === 'SQS' ? {'Fn::GetAtt': [resourceId, 'Arn']} : {Ref: resourceId}
      destination = condition === undefined ? arn : {'Fn::If': [condition, arn, otherwise]}
    }
    destinationConfig[outcome] = {Destination: destination}
    const access = DESTINATION_ACCESS[type]!
    policies.push({name: `${configId}${outcome}${access.suffix}`, statements: access.statements(destination), source, unversioned: true})
  }
  const invokeConfig = generated(
    decl,
    configId,
    'AWS::Lambda::EventInvokeConfig',
    {
      FunctionName: {Ref: id},
      Qualifier: typeof aliasName === 'string' && aliasName !== '' ? aliasName : '$LATEST',
      MaximumEventAgeInSeconds: config.MaximumEventAgeInSeconds,
      MaximumRetryAttempts: config.MaximumRetryAttempts,
      DestinationConfig: destinationConfig,
    },
    (path, scope) => (path[0] === 'FunctionName' || path[0] === 'Qualifier' ? configLocate([], scope) : configLocate(path, scope)),
  )
  // SAM makes the config wait for the alias it qualifies.
  invokeConfig.dependsOn = aliasId === undefined ? undefined : [aliasId]
  expansion.out.push(invokeConfig)
  return policies
}
