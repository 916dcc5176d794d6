// Templates SAM's translator rejects: the checks it makes on functions, state machines, layers and connectors, in its own words.
import {asArray, get, isRecord} from '../intrinsics.js'
import {type ResourceDecl, TemplateError} from '../template.js'
import type {PropPath} from '../types.js'
import type {Expansion, Props} from './expansion.js'
import {resolveParameterRefs} from './ids.js'

/** One error SAM would report, with where it was written (a path under the resource, or under one of its events). */
export interface SamRejection {
  resource: ResourceDecl
  message: string
  /** The event's id as SAM names it in the message. */
  event?: string
  /** SAM reports some event errors of state machines without naming the resource. */
  bare?: boolean
  path: PropPath
}

/** SAM's own wording for a document it rejects: `Invalid Serverless Application Specification document. …`. */
export function rejectionMessage(rejections: readonly SamRejection[]): string {
  const errors = rejections.map(
    ({resource, event, bare, message}) => `${bare ? '' : `Resource with id [${resource.id}] is invalid. `}${event === undefined ? '' : `Event with id [${event}] is invalid. `}${message}`,
  )
  return `Invalid Serverless Application Specification document. Number of errors found: ${rejections.length}. ${errors.join(' ')}`
}

/** Throws the template error SAM's translator would raise, located at the first problem, when there is any. */
export function throwIfRejected(expansion: Expansion): void {
  const first = expansion.rejections[0]
  if (!first) return
  const at = first.resource.locate(first.path) ?? first.resource.locate([], 'resource')
  throw new TemplateError(rejectionMessage(expansion.rejections), at?.line, at?.column, 'sam')
}

/**
 * Records what SAM would report. SAM stops translating a resource at its first error, so a resource gets one.
 * `event` is the event's name under Events; `eventId` how SAM names it in the message when that differs.
 */
export function reject(expansion: Expansion, resource: ResourceDecl, message: string, path: PropPath = [], event?: string, eventId = event, bare = false): void {
  if (expansion.rejections.some((rejection) => rejection.resource.id === resource.id)) return
  expansion.rejections.push({resource, message, event: eventId, bare, path: event === undefined ? path : ['Events', event, ...path]})
}

const isIntrinsic = (value: unknown): boolean => isRecord(value) && Object.keys(value).length === 1 && (Object.keys(value)[0] === 'Ref' || Object.keys(value)[0]!.startsWith('Fn::'))

/** `Attribute 'Properties' should be a map.`: SAM reads nothing else of a resource whose Properties is not a mapping. */
export function propertiesAreAMap(expansion: Expansion, decl: ResourceDecl): boolean {
  const written = get(expansion.resources, decl.id)
  if (!isRecord(written) || !('Properties' in written) || written.Properties === null || isRecord(written.Properties)) return true
  reject(expansion, decl, "Attribute 'Properties' should be a map.", [])
  return false
}

const ALIAS_NAME = /^(?!^[0-9]+$)([a-zA-Z0-9\-_]+)$/
const DESTINATION_TYPES = ['SQS', 'SNS', 'EventBridge', 'Lambda', 'S3Bucket']

/** What SAM checks on an AWS::Serverless::Function before and while it translates it (Globals merged), in SAM's order. */
export function validateFunction(expansion: Expansion, decl: ResourceDecl, props: Props): void {
  if (props.CapacityProviderConfig && props.ProvisionedConcurrencyConfig) {
    reject(expansion, decl, "Cannot specify 'CapacityProviderConfig' and 'ProvisionedConcurrencyConfig' together.", ['ProvisionedConcurrencyConfig'])
  }
  if (isRecord(props.Tags) && 'lambda:createdBy' in props.Tags) {
    reject(expansion, decl, 'lambda:createdBy is a reserved Tag key name and cannot be set on your resource. Please change the tag key in the input.', ['Tags', 'lambda:createdBy'])
  }
  const packageType = props.PackageType ?? 'Zip'
  if (packageType === 'Zip' && props.ImageUri === undefined && (props.InlineCode !== undefined || props.CodeUri !== undefined) && (!props.Runtime || !props.Handler)) {
    reject(expansion, decl, 'Runtime and Handler needs to be present when PackageType is of type `Zip`', props.Runtime ? ['Handler'] : ['Runtime'])
  }
  if (props.ProvisionedConcurrencyConfig !== undefined && !props.AutoPublishAlias) {
    reject(expansion, decl, 'To set ProvisionedConcurrencyConfig AutoPublishALias must be defined on the function', ['ProvisionedConcurrencyConfig'])
  }
  const alias = props.AutoPublishAlias ? resolveParameterRefs(expansion.template, props.AutoPublishAlias) : undefined
  if (alias === '') reject(expansion, decl, 'Alias name is required to create an alias', ['AutoPublishAlias'])
  else if (typeof alias === 'string' && !ALIAS_NAME.test(alias)) {
    reject(expansion, decl, `AutoPublishAlias name ('${alias}') must contain only alphanumeric characters, hyphens, or underscores matching (?!^[0-9]+$)([a-zA-Z0-9-_]+) pattern.`, ['AutoPublishAlias'])
  }
  const preference = props.DeploymentPreference
  if (isRecord(preference)) {
    const enabled = 'Enabled' in preference ? resolveParameterRefs(expansion.template, preference.Enabled) : true
    if (enabled !== false && enabled !== 'false' && enabled !== 'False') {
      if (!('Type' in preference)) reject(expansion, decl, "'DeploymentPreference' is missing required Property 'Type'", ['DeploymentPreference'])
      else if ('Hooks' in preference && !isRecord(preference.Hooks)) reject(expansion, decl, "'Hooks' property of 'DeploymentPreference' must be a dictionary", ['DeploymentPreference', 'Hooks'])
      else if (!props.AutoPublishAlias) reject(expansion, decl, "'DeploymentPreference' requires AutoPublishAlias property to be specified.", ['DeploymentPreference'])
    }
  }
  for (const outcome of ['OnSuccess', 'OnFailure']) {
    const destination = get(props, 'EventInvokeConfig', 'DestinationConfig', outcome)
    if (!isRecord(destination)) continue
    const type = destination.Type
    if (typeof type !== 'string' || !DESTINATION_TYPES.includes(type)) {
      reject(expansion, decl, `'Type: ${typeof type === 'string' ? type : 'None'}' must be one of ['SQS', 'SNS', 'EventBridge', 'Lambda', 'S3Bucket']`, [
        'EventInvokeConfig',
        'DestinationConfig',
        outcome,
        'Type',
      ])
    } else if (destination.Destination === undefined && type !== 'SQS' && type !== 'SNS') {
      reject(expansion, decl, "Destination is required if Type is not ['SQS', 'SNS']", ['EventInvokeConfig', 'DestinationConfig', outcome])
    }
  }
  validateEvents(expansion, decl, props.Events, false)
}

/** What SAM checks on an AWS::Serverless::StateMachine before it translates it. */
export function validateStateMachine(expansion: Expansion, decl: ResourceDecl, props: Props): void {
  if (props.DeploymentPreference !== undefined && !props.AutoPublishAlias) {
    reject(expansion, decl, "'DeploymentPreference' requires 'AutoPublishAlias' property to be specified.", ['DeploymentPreference'])
  }
  if (props.UseAliasAsEventTarget && !props.AutoPublishAlias) {
    reject(expansion, decl, "'UseAliasAsEventTarget' requires 'AutoPublishAlias' property to be specified.", ['UseAliasAsEventTarget'])
  }
  validateEvents(expansion, decl, props.Events, true)
}

/** The checks SAM makes on the events it turns into rules and schedules: dead-letter configs and a schedule's state. */
function validateEvents(expansion: Expansion, decl: ResourceDecl, events: unknown, stateMachine: boolean): void {
  if (!isRecord(events)) return
  for (const [name, event] of Object.entries(events)) {
    if (!isRecord(event)) continue
    if (!isRecord(event.Properties)) {
      if ('Properties' in event && event.Properties !== null) reject(expansion, decl, 'Properties should be a map.', ['Properties'], name, name, stateMachine)
      continue
    }
    const p = event.Properties
    if (!['Schedule', 'ScheduleV2', 'EventBridgeRule', 'CloudWatchEvent'].includes(String(event.Type))) continue
    if (event.Type === 'Schedule' && p.State !== undefined && p.Enabled !== undefined) {
      reject(expansion, decl, 'State and Enabled Properties cannot both be specified.', ['Properties', 'State'], name, name, stateMachine)
    }
    const dlq = p.DeadLetterConfig
    if (!isRecord(dlq) || isIntrinsic(dlq)) continue
    const at: PropPath = ['Properties', 'DeadLetterConfig']
    // These come from the event source, which SAM names by its generated id.
    const problem = (message: string, path: PropPath): void => reject(expansion, decl, message, path, name, `${decl.id}${name}`, stateMachine)
    if (dlq.Arn !== undefined && dlq.Type !== undefined) problem("You can either define 'Arn' or 'Type' property of DeadLetterConfig.", at)
    else if (dlq.Arn === undefined && dlq.Type === undefined) problem("No 'Arn' or 'Type' property provided for DeadLetterConfig.", at)
    else if (dlq.Type !== undefined && dlq.Type !== 'SQS') problem("The only valid value for 'Type' property of DeadLetterConfig is 'SQS'.", [...at, 'Type'])
    else if (dlq.QueueLogicalId !== undefined && typeof dlq.QueueLogicalId !== 'string') problem('QueueLogicalId must be a string', [...at, 'QueueLogicalId'])
  }
}

/** `RetentionPolicy` of a layer: Retain or Delete in any case, and never an intrinsic (it becomes DeletionPolicy). */
export function validateLayerVersion(expansion: Expansion, decl: ResourceDecl, props: Props): void {
  const retention = resolveParameterRefs(expansion.template, props.RetentionPolicy)
  if (retention === undefined || retention === null) return
  if (isIntrinsic(retention)) {
    reject(expansion, decl, "'RetentionPolicy' does not accept intrinsic functions, please use one of the following options: ['Retain', 'Delete']", ['RetentionPolicy'])
  } else if (typeof retention !== 'string' || !['retain', 'delete'].includes(retention.toLowerCase())) {
    reject(expansion, decl, "'RetentionPolicy' must be one of the following options: ['Retain', 'Delete'].", ['RetentionPolicy'])
  }
}

/** The checks SAM makes on a connector's endpoints and permissions before it looks up a profile. */
export function validateConnector(expansion: Expansion, decl: ResourceDecl): boolean {
  const props = decl.props
  if (props.Permissions === undefined) {
    reject(expansion, decl, "Missing required property 'Permissions'.", [])
    return false
  }
  if (props.Destination === undefined) {
    reject(expansion, decl, "Missing required property 'Destination'.", [])
    return false
  }
  let valid = true
  for (const [endpoint, at] of [
    [props.Source, ['Source']],
    ...asArray(props.Destination).map((destination, index): [unknown, PropPath] => [destination, Array.isArray(props.Destination) ? ['Destination', index] : ['Destination']]),
  ] as Array<[unknown, PropPath]>) {
    if (!isRecord(endpoint)) continue
    const id = endpoint.Id
    const others = Object.keys(endpoint).filter((key) => key !== 'Id' && key !== 'Qualifier')
    if ((id !== undefined) === others.length > 0) {
      reject(expansion, decl, "Must provide 'Id' (with optional 'Qualifier') or a supported combination of other properties.", at)
      valid = false
    } else if (id !== undefined && (typeof id !== 'string' || id === '')) {
      reject(expansion, decl, "'Id' is missing or not a string.", [...at, 'Id'])
      valid = false
    } else if (typeof id === 'string' && !isRecord(get(expansion.resources, id))) {
      reject(expansion, decl, `Unable to find resource with logical ID '${id}'.`, [...at, 'Id'])
      valid = false
    } else if (id === undefined && (typeof endpoint.Type !== 'string' || endpoint.Type === '')) {
      reject(expansion, decl, "'Type' is missing or not a string.", at)
      valid = false
    }
  }
  return valid
}
