// AWS::Serverless::Connector and embedded Connectors: the policies and permissions SAM's connector profiles grant.
import {asArray, get, isRecord} from '../intrinsics.js'
import connectorProfiles from '../sam-connector-profiles.json' with {type: 'json'}
import type {ResourceDecl} from '../template.js'
import type {PropPath, SourceLocation} from '../types.js'
import {type Expansion, generated, type Props, samLocator, stripUndefined} from './expansion.js'
import {reject, validateConnector} from './validation.js'

interface ConnectorProfile {
  Type: string
  Properties: {SourcePolicy: boolean; AccessCategories: Record<string, Props>}
}

const PROFILES = connectorProfiles as unknown as {Permissions: Record<string, Record<string, ConnectorProfile>>; CfnResourceProperties: Record<string, {Inputs?: Props; Outputs?: Props}>}

/**
 * Connectors written inside a resource's `Connectors` attribute: SAM turns each into a connector
 * named `{Resource}{Connector}` whose source is that resource.
 */
export function embeddedConnectors(expansion: Expansion, decl: ResourceDecl): ResourceDecl[] {
  const written = get(expansion.resources, decl.id, 'Connectors')
  if (!isRecord(written)) return []
  return Object.entries(written).flatMap(([name, connector]) => {
    const properties = get(connector, 'Properties')
    if (!isRecord(properties)) return []
    const at = (path: PropPath): SourceLocation | undefined => expansion.parsed.positions.locate(expansion.resources, [decl.id, 'Connectors', name, ...path])
    return [
      {
        ...decl,
        id: `${decl.id}${name}`,
        type: 'AWS::Serverless::Connector',
        props: {...properties, Source: {Id: decl.id}},
        origin: {...decl.origin, declaredType: 'AWS::Serverless::Connector'},
        locate: (path, scope = 'properties') => (scope === 'resource' ? at(path) : path.length === 0 ? at([]) : at(['Properties', ...path])),
      },
    ]
  })
}

/** SAM types as the CloudFormation type connector profiles are written for. */
const CONNECTOR_TYPE: Record<string, string> = {
  'AWS::Serverless::Function': 'AWS::Lambda::Function',
  'AWS::Serverless::StateMachine': 'AWS::StepFunctions::StateMachine',
  'AWS::Serverless::SimpleTable': 'AWS::DynamoDB::Table',
  'AWS::Serverless::Api': 'AWS::ApiGateway::RestApi',
  'AWS::Serverless::HttpApi': 'AWS::ApiGatewayV2::Api',
}

interface ConnectorEndpoint {
  /** The logical id, when the endpoint is a resource of the template. */
  id?: string
  type: string
  values: Record<string, unknown>
  /** The role name a managed policy is attached to, when the endpoint runs as a role of this template. */
  role?: unknown
}

/** `get_logical_id_from_intrinsic`: the logical id a `Ref` or `Fn::GetAtt` names. */
function logicalIdOf(value: unknown): string | undefined {
  const ref = get(value, 'Ref')
  if (typeof ref === 'string') return ref
  const getAtt = get(value, 'Fn::GetAtt')
  if (Array.isArray(getAtt) && getAtt.length === 2 && typeof getAtt[0] === 'string') return getAtt[0]
  if (typeof getAtt === 'string' && getAtt.includes('.')) return getAtt.slice(0, getAtt.indexOf('.'))
  return undefined
}

/**
 * The role a resource runs as, by the profile's `Inputs.Role`: a property of the resource, or for an EventBridge rule
 * the RoleArn of the target that points at the other end of the connector.
 */
function endpointRole(declared: ResourceDecl, roleInput: unknown, other: unknown): unknown {
  let role: unknown
  if (typeof roleInput === 'string') role = declared.props[roleInput]
  else if (get(roleInput, 'Function') === 'GetEventsRuleRole') {
    const otherId = get(other, 'Id')
    const otherArn = get(other, 'Arn')
    const target = asArray(declared.props.Targets).find((candidate) => {
      const arn = get(candidate, 'Arn')
      const targetId = logicalIdOf(arn)
      return (targetId !== undefined && targetId === otherId) || (otherArn !== undefined && JSON.stringify(arn) === JSON.stringify(otherArn))
    })
    role = get(target, 'RoleArn')
  }
  const roleId = logicalIdOf(role)
  return roleId === undefined ? undefined : {Ref: roleId}
}

/**
 * What a connector's Source or Destination names (`get_resource_reference`): a resource of the template by Id, read
 * as SAM reads it once every SAM resource is translated, or one described by Type and Arn.
 */
function connectorEndpoint(expansion: Expansion, endpoint: unknown, other: unknown): ConnectorEndpoint | undefined {
  if (!isRecord(endpoint)) return undefined
  const id = endpoint.Id
  if (typeof id === 'string') {
    const declared = expansion.out.find((decl) => decl.id === id)
    if (!declared) return undefined
    const type = declared.type
    const cfn = PROFILES.CfnResourceProperties[type]
    const outputs = profileReplace(cfn?.Outputs ?? {}, {logicalId: id}) as Props
    const qualifier = 'Qualifier' in endpoint ? endpoint.Qualifier : outputs.Qualifier
    return {id, type, role: endpointRole(declared, get(cfn, 'Inputs', 'Role'), other), values: {Arn: outputs.Arn, Name: outputs.Name, QueueUrl: outputs.Url, Qualifier: qualifier, ResourceId: outputs.Id}}
  }
  if (typeof endpoint.Type !== 'string') return undefined
  return {
    type: CONNECTOR_TYPE[endpoint.Type] ?? endpoint.Type,
    role: endpoint.RoleName,
    values: {Arn: endpoint.Arn, Name: endpoint.Name, QueueUrl: endpoint.QueueUrl, Qualifier: endpoint.Qualifier, ResourceId: endpoint.ResourceId},
  }
}

/** Replaces SAM profile placeholders (`%{Destination.Arn}`) the way SAM does: a whole value by the value, part of a string through Fn::Sub. */
function profileReplace(node: unknown, values: Record<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((item) => profileReplace(item, values))
  if (isRecord(node)) return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, profileReplace(value, values)]))
  if (typeof node !== 'string') return node
  let text = node
  const variables: Props = {}
  for (const [name, value] of Object.entries(values)) {
    const pattern = `%{${name}}`
    if (!text.includes(pattern)) continue
    if (text === pattern) return value
    const variable = name.replace(/[^A-Za-z0-9]/g, '')
    text = text.split(pattern).join(`\${${variable}}`)
    variables[variable] = value
  }
  if (/\$\{.+\}/.test(text)) return Object.keys(variables).length > 0 ? {'Fn::Sub': [text, variables]} : {'Fn::Sub': text}
  return text
}

/** Adds a name to a resource's DependsOn, once (`add_depends_on`). */
function addDependsOn(decl: ResourceDecl | undefined, name: string): void {
  if (!decl) return
  const current = decl.dependsOn ?? []
  if (!current.includes(name)) decl.dependsOn = [...current, name]
}

/** \`AWS::Serverless::Connector\`: the policies or resource permissions SAM's connector profiles give the source on the destination. */
export function expandConnector(expansion: Expansion, decl: ResourceDecl): void {
  const props = decl.props
  if (!validateConnector(expansion, decl)) return
  const destinations = asArray(props.Destination)
  const multiple = Array.isArray(props.Destination)
  const permissions = asArray(props.Permissions).filter((permission): permission is string => typeof permission === 'string')
  const permissionsLocate = samLocator(expansion, decl, undefined, () => ['Permissions'])
  const generatedIds: string[] = []
  const push = (resource: ResourceDecl): void => {
    expansion.out.push(resource)
    generatedIds.push(resource.id)
  }
  destinations.forEach((spec, index) => {
    const destination = connectorEndpoint(expansion, spec, props.Source)
    const source = connectorEndpoint(expansion, props.Source, spec)
    if (!destination || !source) return
    const profile = PROFILES.Permissions[source.type]?.[destination.type]
    if (!profile) {
      // Only between types this expansion translates: an endpoint still of a SAM type is one it does not know.
      if (!source.type.startsWith('AWS::Serverless::') && !destination.type.startsWith('AWS::Serverless::')) {
        reject(expansion, decl, `Unable to create connector from ${source.type} to ${destination.type}; it's not supported or the template is invalid.`, multiple ? ['Destination', index] : ['Destination'])
      }
      return
    }
    const values: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(source.values)) values[`Source.${key}`] = value
    for (const [key, value] of Object.entries(destination.values)) values[`Destination.${key}`] = value
    const categories = profile.Properties.AccessCategories
    const valid = Object.keys(categories).join(', ')
    if (permissions.length === 0) {
      reject(expansion, decl, `'Permissions' cannot be empty; valid values are: ${valid}.`, ['Permissions'])
      return
    }
    if (permissions.some((permission) => !(permission in categories))) {
      reject(expansion, decl, `Unsupported 'Permissions' provided for connector from ${source.type} to ${destination.type}; valid values are: ${valid}.`, ['Permissions'])
      return
    }
    // In the profile's order, whatever order the permissions are written in.
    const chosen = Object.keys(categories).filter((category) => permissions.includes(category) && isRecord(categories[category]))
    if (chosen.length === 0) return
    const suffix = multiple ? `Destination${index}` : ''
    const locate = samLocator(expansion, decl, undefined, () => (multiple ? ['Destination', index] : ['Destination']))
    const statements = (): unknown[] => chosen.flatMap((permission) => asArray(profileReplace(categories[permission]!.Statement, values)))
    const owner = profile.Properties.SourcePolicy ? source : destination
    switch (profile.Type) {
      case 'AWS_IAM_ROLE_MANAGED_POLICY': {
        if (owner.role === undefined) {
          reject(
            expansion,
            decl,
            `Unable to get IAM role name from '${profile.Properties.SourcePolicy ? 'Source' : 'Destination'}' resource.`,
            profile.Properties.SourcePolicy ? ['Source'] : multiple ? ['Destination', index] : ['Destination'],
          )
          return
        }
        const policyId = multiple ? `${decl.id}PolicyDestination${index}` : `${decl.id}Policy`
        push(
          generated(decl, policyId, 'AWS::IAM::ManagedPolicy', {PolicyDocument: {Version: '2012-10-17', Statement: statements()}, Roles: [owner.role]}, (path, scope) =>
            path[0] === 'PolicyDocument' ? permissionsLocate([], scope) : locate(path, scope),
          ),
        )
        // The access must exist before what uses it starts: an event source mapping polling the source, or the source itself.
        const dependedBy = (profile.Properties as {DependedBy?: string}).DependedBy
        if (dependedBy === 'DESTINATION_EVENT_SOURCE_MAPPING' && source.id !== undefined && destination.id !== undefined) {
          const mappings = expansion.out.filter(
            (candidate) => candidate.type === 'AWS::Lambda::EventSourceMapping' && logicalIdOf(candidate.props.FunctionName) === destination.id && logicalIdOf(candidate.props.EventSourceArn) === source.id,
          )
          if (mappings.length === 1) addDependsOn(mappings[0], policyId)
        }
        if (dependedBy === 'SOURCE' && source.id !== undefined)
          addDependsOn(
            expansion.out.find((candidate) => candidate.id === source.id),
            policyId,
          )
        return
      }
      case 'AWS_LAMBDA_PERMISSION':
        for (const permission of chosen) {
          const replaced = profileReplace(categories[permission], values) as Props
          push(
            generated(
              decl,
              `${decl.id}${permission}LambdaPermission${suffix}`,
              'AWS::Lambda::Permission',
              stripUndefined({Action: replaced.Action, FunctionName: owner.values.Arn, Principal: replaced.Principal, SourceArn: replaced.SourceArn, SourceAccount: replaced.SourceAccount}),
              locate,
              true,
            ),
          )
        }
        return
      case 'AWS_SQS_QUEUE_POLICY':
        push(generated(decl, `${decl.id}QueuePolicy${suffix}`, 'AWS::SQS::QueuePolicy', {PolicyDocument: {Version: '2012-10-17', Statement: statements()}, Queues: [owner.values.QueueUrl]}, locate, true))
        return
      case 'AWS_SNS_TOPIC_POLICY':
        push(generated(decl, `${decl.id}TopicPolicy${suffix}`, 'AWS::SNS::TopicPolicy', {PolicyDocument: {Version: '2012-10-17', Statement: statements()}, Topics: [owner.values.Arn]}, locate, true))
        return
      default:
        return
    }
  })
  // A DependsOn naming the connector waits for what it generated (`replace_depends_on_logical_id`).
  for (const other of expansion.out) {
    if (!other.dependsOn?.includes(decl.id)) continue
    const kept = other.dependsOn.filter((name) => name !== decl.id)
    other.dependsOn = [...kept, ...generatedIds.filter((id) => !kept.includes(id))]
  }
}
