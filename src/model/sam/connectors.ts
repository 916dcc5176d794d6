// AWS::Serverless::Connector and embedded Connectors: the policies and permissions SAM's connector profiles grant.
import {asArray, get, isRecord} from '../intrinsics.js'
import connectorProfiles from '../sam-connector-profiles.json' with {type: 'json'}
import type {ResourceDecl} from '../template.js'
import type {PropPath, SourceLocation} from '../types.js'
import {type Expansion, generated, type Props, samLocator, stripUndefined} from './expansion.js'

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
  type: string
  values: Record<string, unknown>
  /** The role name a managed policy is attached to, when the endpoint runs as a role of this template. */
  role?: unknown
}

/** What a connector's Source or Destination names: a resource of the template by Id, or one described by Type and Arn. */
function connectorEndpoint(expansion: Expansion, endpoint: unknown): ConnectorEndpoint | undefined {
  if (!isRecord(endpoint)) return undefined
  const id = endpoint.Id
  if (typeof id === 'string') {
    const declared = get(expansion.resources, id, 'Type')
    if (typeof declared !== 'string') return undefined
    const type = CONNECTOR_TYPE[declared] ?? declared
    const cfn = PROFILES.CfnResourceProperties[type]
    const outputs = profileReplace(cfn?.Outputs ?? {}, {logicalId: id}) as Props
    let role: unknown
    const generatedRole = expansion.roles.get(id)
    if (generatedRole) {
      role = {Ref: generatedRole.id}
    } else {
      const roleProperty = get(cfn, 'Inputs', 'Role')
      const samRoleProperty = declared.startsWith('AWS::Serverless::') ? 'Role' : roleProperty
      const written = typeof samRoleProperty === 'string' ? get(expansion.resources, id, 'Properties', samRoleProperty) : undefined
      const getAtt = get(written, 'Fn::GetAtt')
      if (Array.isArray(getAtt) && getAtt[1] === 'Arn') role = {Ref: getAtt[0] as unknown}
    }
    return {type, role, values: {Arn: outputs.Arn, Name: outputs.Name, QueueUrl: outputs.Url, Qualifier: outputs.Qualifier, ResourceId: outputs.Id}}
  }
  if (typeof endpoint.Type !== 'string') return undefined
  return {
    type: endpoint.Type,
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

/** \`AWS::Serverless::Connector\`: the policies or resource permissions SAM's connector profiles give the source on the destination. */
export function expandConnector(expansion: Expansion, decl: ResourceDecl): void {
  const props = decl.props
  const source = connectorEndpoint(expansion, props.Source)
  if (!source) return
  const destinations = asArray(props.Destination)
  const multiple = Array.isArray(props.Destination)
  const permissions = asArray(props.Permissions).filter((permission): permission is string => typeof permission === 'string')
  const permissionsLocate = samLocator(expansion, decl, undefined, () => ['Permissions'])
  destinations.forEach((spec, index) => {
    const destination = connectorEndpoint(expansion, spec)
    if (!destination) return
    const profile = PROFILES.Permissions[source.type]?.[destination.type]
    if (!profile) return
    const values: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(source.values)) values[`Source.${key}`] = value
    for (const [key, value] of Object.entries(destination.values)) values[`Destination.${key}`] = value
    const categories = profile.Properties.AccessCategories
    const chosen = permissions.filter((permission) => isRecord(categories[permission]))
    if (chosen.length === 0) return
    const suffix = multiple ? `Destination${index}` : ''
    const locate = samLocator(expansion, decl, undefined, () => (multiple ? ['Destination', index] : ['Destination']))
    const statements = (): unknown[] => chosen.flatMap((permission) => asArray(profileReplace(categories[permission]!.Statement, values)))
    const owner = profile.Properties.SourcePolicy ? source : destination
    switch (profile.Type) {
      case 'AWS_IAM_ROLE_MANAGED_POLICY':
        if (owner.role === undefined) return
        expansion.out.push(
          generated(
            decl,
            multiple ? `${decl.id}PolicyDestination${index}` : `${decl.id}Policy`,
            'AWS::IAM::ManagedPolicy',
            {PolicyDocument: {Version: '2012-10-17', Statement: statements()}, Roles: [owner.role]},
            (path, scope) => (path[0] === 'PolicyDocument' ? permissionsLocate([], scope) : locate(path, scope)),
          ),
        )
        return
      case 'AWS_LAMBDA_PERMISSION':
        for (const permission of chosen) {
          const replaced = profileReplace(categories[permission], values) as Props
          expansion.out.push(
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
        expansion.out.push(
          generated(decl, `${decl.id}QueuePolicy${suffix}`, 'AWS::SQS::QueuePolicy', {PolicyDocument: {Version: '2012-10-17', Statement: statements()}, Queues: [owner.values.QueueUrl]}, locate, true),
        )
        return
      case 'AWS_SNS_TOPIC_POLICY':
        expansion.out.push(
          generated(decl, `${decl.id}TopicPolicy${suffix}`, 'AWS::SNS::TopicPolicy', {PolicyDocument: {Version: '2012-10-17', Statement: statements()}, Topics: [owner.values.Arn]}, locate, true),
        )
        return
      default:
        return
    }
  })
}
