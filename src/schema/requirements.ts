// Requirements between properties that CloudFormation enforces and the specification package does not carry (it marks single properties required only): one of several, several together, one when another has a value.
import {isNoValue} from '../model/conditional.js'
import {isIntrinsic, isRecord, literal} from '../model/intrinsics.js'
import type {PropPath} from '../model/types.js'
import type {SchemaIssue} from './validate.js'

/** What one object of a resource type must hold beyond its required properties. */
export type Requirement =
  /** At least one of the names. */
  | {oneOf: string[]; source: string}
  /** All of the names, once any of them is set. */
  | {together: string[]; source: string}
  /** `property`, when `when` has one of `values` (or is absent, if `absentToo`). */
  | {property: string; when: string; values: string[]; absentToo?: boolean; source: string}

const EVENTS_PUT_RULE = 'https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html'
const LAMBDA_FUNCTION_CODE = 'https://docs.aws.amazon.com/lambda/latest/api/API_FunctionCode.html'
const LAMBDA_ESM = 'https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html'
const SFN_STATE_MACHINE = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-stepfunctions-statemachine.html'
const DYNAMODB_TABLE = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html'
const SQS_REDRIVE = 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html'

/** By resource type, then the path of the object inside Properties (`[]` for Properties itself). */
export const REQUIREMENTS: Readonly<Record<string, ReadonlyArray<{at: PropPath; requirement: Requirement}>>> = {
  'AWS::Events::Rule': [{at: [], requirement: {oneOf: ['EventPattern', 'ScheduleExpression'], source: EVENTS_PUT_RULE}}],
  'AWS::Lambda::Function': [
    {at: ['Code'], requirement: {oneOf: ['ZipFile', 'S3Bucket', 'ImageUri'], source: LAMBDA_FUNCTION_CODE}},
    {at: ['Code'], requirement: {together: ['S3Bucket', 'S3Key'], source: LAMBDA_FUNCTION_CODE}},
  ],
  'AWS::Lambda::EventSourceMapping': [{at: [], requirement: {oneOf: ['EventSourceArn', 'SelfManagedEventSource'], source: LAMBDA_ESM}}],
  'AWS::StepFunctions::StateMachine': [{at: [], requirement: {oneOf: ['Definition', 'DefinitionString', 'DefinitionS3Location'], source: SFN_STATE_MACHINE}}],
  // PROVISIONED is the default billing mode.
  'AWS::DynamoDB::Table': [{at: [], requirement: {property: 'ProvisionedThroughput', when: 'BillingMode', values: ['PROVISIONED'], absentToo: true, source: DYNAMODB_TABLE}}],
  'AWS::SQS::Queue': [{at: ['RedrivePolicy'], requirement: {together: ['deadLetterTargetArn', 'maxReceiveCount'], source: SQS_REDRIVE}}],
}

/** The object at `path` under Properties, when it is written out (not an intrinsic, not a JSON string). */
function objectAt(properties: unknown, path: PropPath): Record<string, unknown> | undefined {
  let current = properties
  for (const segment of path) current = isRecord(current) && !isIntrinsic(current) ? current[segment] : undefined
  return isRecord(current) && !isIntrinsic(current) ? current : undefined
}

const isSet = (object: Record<string, unknown>, name: string): boolean => object[name] !== undefined && object[name] !== null && !isNoValue(object[name])

/** Issues of one resource against its type's requirements; values given by intrinsics count as set. */
function resourceIssues(id: string, type: string, properties: unknown): SchemaIssue[] {
  const issues: SchemaIssue[] = []
  for (const {at, requirement} of REQUIREMENTS[type] ?? []) {
    // No Properties at all holds none of the names (a missing nested object is the required-property check's); Properties
    // chosen by an intrinsic cannot be judged.
    const object = properties === undefined || properties === null ? (at.length === 0 ? {} : undefined) : objectAt(properties, at)
    if (!object) continue
    const where = ['Resources', id, 'Properties', ...at]
    const owner = at.length === 0 ? type : `${type} ${at.join('.')}`
    if ('oneOf' in requirement) {
      if (requirement.oneOf.some((name) => isSet(object, name))) continue
      issues.push({kind: 'missingRequired', at: where, messageId: 'missingOneOf', data: {type: owner, properties: requirement.oneOf.join(', '), resource: id, source: requirement.source}})
    } else if ('together' in requirement) {
      const set = requirement.together.filter((name) => isSet(object, name))
      const missing = requirement.together.filter((name) => !isSet(object, name))
      if (set.length === 0 || missing.length === 0) continue
      issues.push({kind: 'missingRequired', at: where, messageId: 'missingTogether', data: {type: owner, set: set.join(', '), property: missing.join(', '), resource: id, source: requirement.source}})
    } else {
      const value = object[requirement.when]
      if (value !== undefined && isIntrinsic(value)) continue
      const text = literal(value)
      const applies = value === undefined ? requirement.absentToo === true : typeof text === 'string' && requirement.values.includes(text)
      if (!applies || isSet(object, requirement.property)) continue
      const condition = value === undefined ? `without ${requirement.when} (${requirement.values.join(' or ')} by default)` : `with ${requirement.when} ${String(text)}`
      issues.push({kind: 'missingRequired', at: where, messageId: 'missingWhen', data: {type: owner, property: requirement.property, condition, resource: id, source: requirement.source}})
    }
  }
  return issues
}

/** Every requirement issue of a template's resources. */
export function requirementIssues(template: Record<string, unknown>): SchemaIssue[] {
  const resources = template.Resources
  if (!isRecord(resources)) return []
  return Object.entries(resources).flatMap(([id, resource]) => {
    if (!isRecord(resource) || typeof resource.Type !== 'string' || !(resource.Type in REQUIREMENTS)) return []
    return resourceIssues(id, resource.Type, resource.Properties)
  })
}
