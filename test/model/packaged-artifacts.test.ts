// Templates meant for `aws cloudformation package` / `sam package` (local artefact paths) and registry modules are accepted as CloudFormation's tooling accepts them.
import {describe, expect, it} from 'vitest'

import {PACKAGED_ARTIFACT_PROPERTIES} from '../../src/model/packaged-artifacts.js'
import {runCatalogue} from '../helpers/lint.js'

/** Every packaged property of every type, as a local path, on otherwise complete resources. */
const LOCAL_PATHS = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  RestApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      BodyS3Location: ./openapi.yaml
  HttpApiV2:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      BodyS3Location: ./openapi.yaml
  Function:
    Type: AWS::AppSync::FunctionConfiguration
    Properties: {ApiId: x, Name: f, DataSourceName: d, CodeS3Location: ./fn.js, RequestMappingTemplateS3Location: ./req.vtl, ResponseMappingTemplateS3Location: ./res.vtl}
  Schema:
    Type: AWS::AppSync::GraphQLSchema
    Properties: {ApiId: x, DefinitionS3Location: ./schema.graphql}
  Resolver:
    Type: AWS::AppSync::Resolver
    Properties: {ApiId: x, TypeName: Query, FieldName: f, CodeS3Location: ./r.js, RequestMappingTemplateS3Location: ./req.vtl, ResponseMappingTemplateS3Location: ./res.vtl}
  Module:
    Type: AWS::CloudFormation::ModuleVersion
    Properties: {ModuleName: My::Org::Thing::MODULE, ModulePackage: ./module.zip}
  Extension:
    Type: AWS::CloudFormation::ResourceVersion
    Properties: {TypeName: My::Org::Thing, SchemaHandlerPackage: ./handler.zip}
  Nested:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./nested/template.yaml
  Bundle:
    Type: AWS::ElasticBeanstalk::ApplicationVersion
    Properties: {ApplicationName: app, SourceBundle: ./bundle.zip}
  Job:
    Type: AWS::Glue::Job
    Properties: {Role: arn:aws:iam::123456789012:role/glue, Command: {ScriptLocation: ./job.py}}
  Plain:
    Type: AWS::Lambda::Function
    Properties: {Code: ./src, Handler: index.handler, Runtime: nodejs22.x, Role: arn:aws:iam::123456789012:role/fn}
  PlainLayer:
    Type: AWS::Lambda::LayerVersion
    Properties: {Content: ./layer}
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties: {DefinitionS3Location: ./machine.asl.json, RoleArn: arn:aws:iam::123456789012:role/sfn}
  SamApi:
    Type: AWS::Serverless::Api
    Properties: {StageName: prod, DefinitionUri: ./openapi.yaml}
  SamApp:
    Type: AWS::Serverless::Application
    Properties: {Location: ./app/template.yaml}
  SamFunction:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: ./src, Handler: index.handler, Runtime: nodejs22.x}
  SamHttp:
    Type: AWS::Serverless::HttpApi
    Properties: {DefinitionUri: ./openapi.yaml}
  SamLayer:
    Type: AWS::Serverless::LayerVersion
    Properties: {ContentUri: ./layer}
  SamMachine:
    Type: AWS::Serverless::StateMachine
    Properties: {DefinitionUri: ./machine.asl.json}
`

describe('local artefact paths', () => {
  it('the test template covers every packaged property', () => {
    for (const [type, properties] of Object.entries(PACKAGED_ARTIFACT_PROPERTIES)) {
      expect(LOCAL_PATHS, type).toContain(`Type: ${type}\n`)
      for (const property of properties) expect(LOCAL_PATHS, `${type} ${property}`).toContain(`${property.split('.').at(-1)}: ./`)
    }
  })

  it('are accepted wherever the packaging tools accept them', () => {
    const findings = runCatalogue(LOCAL_PATHS).filter((finding) => finding.ruleId.startsWith('TPL') || finding.ruleId === 'SLS001')
    expect(findings.map((finding) => `${finding.ruleId} ${finding.message}`)).toEqual([])
  })

  it('a string where the packaging tools take none is still reported', () => {
    const text =
      'Resources:\n  Plain:\n    Type: AWS::Lambda::Function\n    Properties: {Code: ./src, VpcConfig: ./vpc.json, Handler: index.handler, Runtime: nodejs22.x, Role: arn:aws:iam::123456789012:role/fn}\n'
    expect(
      runCatalogue(text)
        .filter((finding) => finding.ruleId === 'TPL003')
        .map((finding) => finding.data.property),
    ).toEqual(['VpcConfig'])
  })
})

describe('modules', () => {
  it('are not unknown types: an info finding says their resources were not checked', () => {
    const text = 'Resources:\n  Network:\n    Type: MyOrg::Network::Vpc::MODULE\n    Properties:\n      CidrBlock: 10.0.0.0/16\n  Typo:\n    Type: MyOrg::Network::Vpc::MODULES\n'
    const findings = runCatalogue(text)
    expect(findings.filter((finding) => finding.ruleId === 'TPL001').map((finding) => finding.resource?.id)).toEqual(['Typo'])
    expect(findings.filter((finding) => finding.ruleId === 'SLS004')).toEqual([
      expect.objectContaining({severity: 'info', messageId: 'module', data: {resource: 'Network', type: 'MyOrg::Network::Vpc::MODULE'}, location: expect.objectContaining({line: 3})}),
    ])
  })
})
