// Template shapes that other tools turn into CloudFormation before it sees them: local artefact paths that `aws cloudformation package` / `sam package` upload, and registry modules.
import type {PropPath} from './types.js'

/**
 * Properties the packaging tools upload when they hold a local path, writing the uploaded location back in
 * the shape CloudFormation expects (a string, or an S3 location object). From the AWS CLI's
 * `cloudformation package` documentation and SAM CLI's list of resources with local paths.
 */
export const PACKAGED_ARTIFACT_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  'AWS::ApiGateway::RestApi': ['BodyS3Location'],
  'AWS::ApiGatewayV2::Api': ['BodyS3Location'],
  'AWS::AppSync::FunctionConfiguration': ['CodeS3Location', 'RequestMappingTemplateS3Location', 'ResponseMappingTemplateS3Location'],
  'AWS::AppSync::GraphQLSchema': ['DefinitionS3Location'],
  'AWS::AppSync::Resolver': ['CodeS3Location', 'RequestMappingTemplateS3Location', 'ResponseMappingTemplateS3Location'],
  'AWS::CloudFormation::ModuleVersion': ['ModulePackage'],
  'AWS::CloudFormation::ResourceVersion': ['SchemaHandlerPackage'],
  'AWS::CloudFormation::Stack': ['TemplateURL'],
  'AWS::ElasticBeanstalk::ApplicationVersion': ['SourceBundle'],
  'AWS::Glue::Job': ['Command.ScriptLocation'],
  'AWS::Lambda::Function': ['Code'],
  'AWS::Lambda::LayerVersion': ['Content'],
  'AWS::Serverless::Api': ['DefinitionUri'],
  'AWS::Serverless::Application': ['Location'],
  'AWS::Serverless::Function': ['CodeUri'],
  'AWS::Serverless::HttpApi': ['DefinitionUri'],
  'AWS::Serverless::LayerVersion': ['ContentUri'],
  'AWS::Serverless::StateMachine': ['DefinitionUri'],
  'AWS::StepFunctions::StateMachine': ['DefinitionS3Location'],
}

/** True when `at` (an absolute path in the template: Resources, id, Properties, …) is where the packaging tools take a local path for this type. */
export function isPackagedArtifact(type: string, at: PropPath): boolean {
  const properties = PACKAGED_ARTIFACT_PROPERTIES[type]
  if (properties === undefined || at[0] !== 'Resources' || at[2] !== 'Properties') return false
  return properties.includes(at.slice(3).join('.'))
}

/** A CloudFormation module from the registry (`MyOrg::Network::Vpc::MODULE`): CloudFormation expands it at deployment. */
export function isModuleType(type: string): boolean {
  return /^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+::MODULE$/.test(type)
}
