// SFN001: fixtures and table-driven cases for state machines without X-Ray tracing.
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {runRuleLive} from '../cloudwatch/live-graph.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/rules/SFN001/${name}`, import.meta.url), 'utf8')

const sam = (properties: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  Checkout:
    Type: AWS::Serverless::StateMachine
    Properties:
${properties}
      DefinitionUri: statemachine.asl.json
`

const cfn = (tracing: string) => `Parameters:
  Trace:
    Type: String
Resources:
  Checkout:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/checkout
      DefinitionS3Location: {Bucket: b, Key: k}
${tracing}
`

describe('SFN001 stepfunctions-tracing-disabled', () => {
  it('reports a SAM state machine without Tracing at its logical id', () => {
    const findings = runRule('SFN001', fixture('fail-sam.yaml'))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({
      ruleId: 'SFN001',
      severity: 'warning',
      messageId: 'notEnabled',
      data: {stateMachine: 'Checkout', value: 'off (not configured)'},
      resource: {id: 'Checkout', type: 'AWS::StepFunctions::StateMachine', declaredType: 'AWS::Serverless::StateMachine'},
      location: {line: 3, column: 3},
    })
    expect(findings[0]!.fix).toMatch(/Enabled: true/)
  })

  it('reports Enabled: false in raw CloudFormation JSON on the Enabled line', () => {
    const findings = runRule('SFN001', fixture('fail-cfn.json'), {}, 'template.json')
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({data: {stateMachine: 'Checkout', value: 'Enabled: false'}, location: {file: 'template.json', line: 8}})
  })

  it('passes the fixed fixtures', () => {
    expect(runRule('SFN001', fixture('pass-sam.yaml'))).toEqual([])
    expect(runRule('SFN001', fixture('pass-cfn.json'), {}, 'template.json')).toEqual([])
  })

  it.each([
    ['SAM Tracing.Enabled false, located on the SAM property', sam('      Tracing:\n        Enabled: false'), 'Enabled: false', 7],
    ['SAM Tracing without Enabled, located on Tracing', sam('      Tracing: {}'), 'off (not configured)', 6],
    ['a junk literal', sam('      Tracing:\n        Enabled: yes please'), 'Enabled: yes please', 7],
    ['CFN without TracingConfiguration', cfn(''), 'off (not configured)', 5],
    ['CFN Enabled "false" as a string', cfn('      TracingConfiguration:\n        Enabled: "false"'), 'Enabled: false', 11],
  ])('reports %s', (_name, template, value, line) => {
    const findings = runRule('SFN001', template)
    expect(findings.map((f) => ({messageId: f.messageId, data: f.data, id: f.resource?.id, line: f.location?.line}))).toEqual([
      {messageId: 'notEnabled', data: {stateMachine: 'Checkout', value}, id: 'Checkout', line},
    ])
  })

  it.each([
    ['SAM Tracing.Enabled true', sam('      Tracing:\n        Enabled: true')],
    ['CFN Enabled "true" as a string', cfn('      TracingConfiguration:\n        Enabled: "true"')],
    ['an unresolved parameter', cfn('      TracingConfiguration:\n        Enabled: !Ref Trace')],
    ['a condition', cfn('      TracingConfiguration:\n        Enabled: !If [Prod, true, false]')],
  ])('passes %s', (_name, template) => {
    expect(runRule('SFN001', template)).toEqual([])
  })

  it('checks live state machines by their ARN', () => {
    const arn = 'arn:aws:states:eu-west-1:123456789012:stateMachine:checkout'
    const findings = runRuleLive('SFN001', [{arn, type: 'AWS::StepFunctions::StateMachine', props: {TracingConfiguration: {Enabled: false}}}])
    expect(findings).toMatchObject([{messageId: 'notEnabled', data: {stateMachine: 'checkout', value: 'Enabled: false'}, source: 'live', resource: {id: arn, arn}}])
    expect(runRuleLive('SFN001', [{arn, type: 'AWS::StepFunctions::StateMachine', props: {TracingConfiguration: {Enabled: true}}}])).toEqual([])
  })
})
