// AWS SAM resource types as a user writes them: read from sam-spec.json, which scripts/gen-sam-spec.mjs derives from SAM's own JSON schema.
//
// The CloudFormation specification package carries SAM types too, but from an old SAM specification:
// it lacks newer types and properties and marks optional ones as required, which would turn correct
// templates into findings. So SAM types are described from SAM itself. A property SAM passes straight
// through to the resource it generates borrows that resource's shape from the specification (`cfn`),
// which keeps nested checks, allowed values and ranges current.
import samSpec from './sam-spec.json' with {type: 'json'}

/**
 * s string, n number, i integer, b boolean, j anything, o any object. `cfn` borrows a CloudFormation
 * property: `path[0]` of the resource type, or of its nested definition `def` when given; with `scalar`,
 * only when that property is a scalar (SAM may reshape objects it passes on), else anything.
 */
export type SamShape =
  | 's'
  | 'n'
  | 'i'
  | 'b'
  | 'j'
  | 'o'
  | {cfn: string; def?: string; path: string[]; scalar?: boolean}
  | {list: SamShape}
  | {map: SamShape}
  | {anyOf: SamShape[]}
  | {object: Record<string, SamShape>; required?: string[]; open?: boolean}
  | {events: Record<string, SamShape>}

export interface SamResourceType {
  properties: Record<string, SamShape>
  required?: string[]
  /** Resource keys besides Type and Properties that SAM's schema lists (Connectors among them where SAM embeds connectors). */
  keys: string[]
}

interface SamSpec {
  samVersion: string
  types: Record<string, SamResourceType>
  globals: Record<string, string>
  connectorSources: string[]
}

const spec = samSpec as unknown as SamSpec

/** The SAM version the description was generated from. */
export const SAM_VERSION = spec.samVersion

export const SAM_TYPES: Record<string, SamResourceType> = spec.types

/** Globals sections and the SAM type whose properties each may set. */
export const SAM_GLOBALS: Record<string, string> = spec.globals

/** CloudFormation types on which SAM accepts embedded Connectors (the sources of its connector profiles). */
export const SAM_CONNECTOR_SOURCES: string[] = spec.connectorSources

/**
 * The CloudFormation type SAM resolves Fn::GetAtt on a SAM resource to (the resource it generates under the
 * same logical id). Not part of SAM's schema: it follows from what each SAM type generates.
 */
export const SAM_GETATT_TYPES: Record<string, string> = {
  'AWS::Serverless::Function': 'AWS::Lambda::Function',
  'AWS::Serverless::StateMachine': 'AWS::StepFunctions::StateMachine',
  'AWS::Serverless::Api': 'AWS::ApiGateway::RestApi',
  'AWS::Serverless::HttpApi': 'AWS::ApiGatewayV2::Api',
  'AWS::Serverless::WebSocketApi': 'AWS::ApiGatewayV2::Api',
  'AWS::Serverless::SimpleTable': 'AWS::DynamoDB::Table',
  'AWS::Serverless::LayerVersion': 'AWS::Lambda::LayerVersion',
  'AWS::Serverless::Application': 'AWS::CloudFormation::Stack',
  'AWS::Serverless::GraphQLApi': 'AWS::AppSync::GraphQLApi',
  'AWS::Serverless::CapacityProvider': 'AWS::Lambda::CapacityProvider',
}
