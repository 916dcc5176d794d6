// Versions, aliases, layers and CodeDeploy deployments as SAM generates them; expected ids and values come from SAM's translator 1.110.
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {graphOf} from '../../helpers/lint.js'
import {expandedTemplate} from '../../../src/transform/transform.js'

const template = (name: string): string => readFileSync(new URL(`templates/${name}`, import.meta.url), 'utf8')
const idsOf = (text: string): string[] =>
  graphOf(text)
    .nodes.map((node) => `${node.id} ${node.type}`)
    .sort()

describe('function versions, aliases and layers', () => {
  const text = template('function-versions.yaml')
  const graph = graphOf(text)
  const node = (id: string) => graph.nodes.find((candidate) => candidate.id === id)

  it('names versions, aliases and layers with the hashes and cleaned names SAM uses', () => {
    expect(idsOf(text)).toEqual([
      'Billing AWS::Lambda::Function',
      'BillingAliaslive AWS::Lambda::Alias',
      'BillingRole AWS::IAM::Role',
      'BillingVersion0a1b2c3d4e AWS::Lambda::Version',
      'Orders AWS::Lambda::Function',
      'OrdersAliasblueUgreenD2 AWS::Lambda::Alias',
      'OrdersRole AWS::IAM::Role',
      'OrdersVersiona56fa68d52 AWS::Lambda::Version',
      'SharedLibs52533a5283 AWS::Lambda::LayerVersion',
      'Shipping AWS::Lambda::Function',
      'ShippingAliaslive AWS::Lambda::Alias',
      'ShippingRole AWS::IAM::Role',
      'ShippingVersion8da3f2cb44 AWS::Lambda::Version',
    ])
  })

  it('resolves the alias name from its parameter and keeps it as the alias Name', () => {
    expect(node('OrdersAliasblueUgreenD2')?.props.Name).toBe('blue_green-2')
  })

  it('appends AutoPublishCodeSha256 to the description, as SAM does to force a new version', () => {
    expect(node('Billing')?.props.Description).toBe('Bills customers 0a1b2c3d4e5f67890a1b2c3d4e5f67890a1b2c3d4e5f67890a1b2c3d4e5f6789')
  })

  it('points references at the renamed layer and at the generated alias and version', () => {
    expect(node('Orders')?.props.Layers).toEqual([{Ref: 'SharedLibs52533a5283'}])
    expect(node('Shipping')?.props.Environment).toEqual({Variables: {ORDERS_ALIAS: {Ref: 'OrdersAliasblueUgreenD2'}, ORDERS_VERSION: {'Fn::Sub': '${OrdersVersiona56fa68d52}'}}})
  })

  it('keeps the layer under RetentionPolicy (any case) and names it after the SAM resource', () => {
    const layer = node('SharedLibs52533a5283')
    expect(layer?.deletionPolicy).toBe('Delete')
    expect(layer?.props).toEqual({LayerName: 'SharedLibs', Content: {S3Bucket: 'artefacts', S3Key: 'libs.zip'}, CompatibleRuntimes: ['python3.12']})
    expect(node('OrdersVersiona56fa68d52')?.deletionPolicy).toBe('Retain')
  })
})

describe('DeploymentPreference', () => {
  const text = template('deployment-preference.yaml')
  const graph = graphOf(text)
  const node = (id: string) => graph.nodes.find((candidate) => candidate.id === id)

  it('adds one CodeDeploy application and service role, and a deployment group per enabled preference', () => {
    const generated = idsOf(text).filter((pair) => /CodeDeploy/.test(pair))
    expect(generated).toEqual([
      'CheckoutDeploymentGroup AWS::CodeDeploy::DeploymentGroup',
      'CodeDeployServiceRole AWS::IAM::Role',
      'ReportsDeploymentGroup AWS::CodeDeploy::DeploymentGroup',
      'ServerlessDeploymentApplication AWS::CodeDeploy::Application',
    ])
    expect(node('ServerlessDeploymentApplication')?.props).toEqual({ComputePlatform: 'Lambda'})
    expect(node('CodeDeployServiceRole')?.props.ManagedPolicyArns).toEqual(['arn:aws:iam::aws:policy/service-role/AWSCodeDeployRoleForLambda'])
  })

  it('wires alarms, the deployment type and the role into the group', () => {
    expect(node('CheckoutDeploymentGroup')?.props).toEqual({
      AlarmConfiguration: {Alarms: [{Name: {Ref: 'ErrorsAlarm'}}], Enabled: true},
      ApplicationName: {Ref: 'ServerlessDeploymentApplication'},
      AutoRollbackConfiguration: {Enabled: true, Events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM', 'DEPLOYMENT_STOP_ON_REQUEST']},
      DeploymentConfigName: {'Fn::Sub': ['CodeDeployDefault.Lambda${ConfigName}', {ConfigName: 'Canary10Percent5Minutes'}]},
      DeploymentStyle: {DeploymentOption: 'WITH_TRAFFIC_CONTROL', DeploymentType: 'BLUE_GREEN'},
      ServiceRoleArn: {'Fn::GetAtt': ['CodeDeployServiceRole', 'Arn']},
    })
    expect(node('ReportsDeploymentGroup')?.props.ServiceRoleArn).toBe('arn:aws:iam::123456789012:role/deployer')
    expect(node('ReportsDeploymentGroup')?.condition).toBe('InProduction')
    expect(node('CheckoutDeploymentGroup')?.condition).toBeUndefined()
  })

  it("gives the alias CodeDeploy's UpdatePolicy, hooks included, and prints it in the transformed template", () => {
    expect(node('CheckoutAliaslive')?.updatePolicy).toEqual({
      CodeDeployLambdaAliasUpdate: {ApplicationName: {Ref: 'ServerlessDeploymentApplication'}, BeforeAllowTrafficHook: {Ref: 'PreTrafficCheck'}, DeploymentGroupName: {Ref: 'CheckoutDeploymentGroup'}},
    })
    expect(node('DisabledAliaslive')?.updatePolicy).toBeUndefined()
    const printed = expandedTemplate(graph).Resources as Record<string, Record<string, unknown>>
    expect(printed.ReportsAliaslive?.UpdatePolicy).toEqual({CodeDeployLambdaAliasUpdate: {ApplicationName: {Ref: 'ServerlessDeploymentApplication'}, DeploymentGroupName: {Ref: 'ReportsDeploymentGroup'}}})
  })

  it('points the generated group at the DeploymentPreference the user wrote', () => {
    expect(node('CheckoutDeploymentGroup')?.locate(['DeploymentConfigName'])?.line).toBe(text.split('\n').findIndex((line) => line.includes('Type: Canary10Percent5Minutes')) + 1)
  })
})

describe('null properties and self references', () => {
  const graph = graphOf(template('null-properties.yaml'))

  it('treats Events: null and Tracing: null as absent, as SAM does', () => {
    expect(idsOf(template('null-properties.yaml'))).toEqual([
      'Flow AWS::StepFunctions::StateMachine',
      'FlowRole AWS::IAM::Role',
      'Fn AWS::Lambda::Function',
      'FnAliaslive AWS::Lambda::Alias',
      'FnRole AWS::IAM::Role',
      'FnVersion7f519d7246 AWS::Lambda::Version',
    ])
    expect(graph.get('Fn')?.props.TracingConfig).toBeUndefined()
  })

  it('resolves ${Fn.Alias} and ${Fn.Version} inside Fn::Sub to the generated alias and version', () => {
    expect(graph.get('Fn')?.props.Environment).toEqual({Variables: {SELF: {'Fn::Sub': '${FnAliaslive}'}, VERSION: {'Fn::Sub': '${FnVersion7f519d7246}'}}})
  })
})

describe('IgnoreGlobals', () => {
  const graph = graphOf(template('ignore-globals.yaml'))
  const pick = (id: string) => {
    const props = graph.get(id)?.props ?? {}
    return [props.Runtime, props.Handler, props.MemorySize]
  }

  it("leaves out all of Globals for '*', and the properties listed otherwise, as SAM does", () => {
    expect(pick('Zipped')).toEqual(['python3.12', 'app.handler', 512])
    expect(pick('Container')).toEqual([undefined, undefined, undefined])
    expect(pick('Sized')).toEqual([undefined, undefined, 512])
  })
})
