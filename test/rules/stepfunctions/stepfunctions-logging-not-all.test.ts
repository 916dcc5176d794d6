// SFN002: fixtures and table-driven cases for state machines not logging at level ALL.
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {runRuleLive} from '../cloudwatch/live-graph.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/rules/SFN002/${name}`, import.meta.url), 'utf8')

const cfn = (logging: string) => `Parameters:
  Level:
    Type: String
Resources:
  Checkout:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/checkout
      DefinitionS3Location: {Bucket: b, Key: k}
${logging}
`

describe('SFN002 stepfunctions-logging-not-all', () => {
  it('reports a SAM Logging level ERROR on the Level line', () => {
    const findings = runRule('SFN002', fixture('fail-sam.yaml'))
    expect(findings).toMatchObject([{ruleId: 'SFN002', messageId: 'level', data: {stateMachine: 'Checkout', level: 'ERROR'}, resource: {id: 'Checkout'}, location: {line: 11}}])
  })

  it('reports a CloudFormation state machine without LoggingConfiguration at its logical id (JSON)', () => {
    const findings = runRule('SFN002', fixture('fail-cfn.json'), {}, 'template.json')
    expect(findings).toMatchObject([{messageId: 'noLogging', data: {stateMachine: 'Checkout'}, location: {line: 3}}])
  })

  it('passes the fixed fixtures', () => {
    expect(runRule('SFN002', fixture('pass-sam.yaml'))).toEqual([])
    expect(runRule('SFN002', fixture('pass-cfn.json'), {}, 'template.json')).toEqual([])
  })

  it.each([
    ['Level missing (defaults to OFF)', '      LoggingConfiguration:\n        Destinations: []', 'level', {level: 'OFF (the default)'}, 10],
    ['Level OFF', '      LoggingConfiguration:\n        Level: OFF', 'level', {level: 'OFF'}, 11],
    ['Level FATAL', '      LoggingConfiguration:\n        Level: FATAL', 'level', {level: 'FATAL'}, 11],
    ['Level ALL without destinations', '      LoggingConfiguration:\n        Level: ALL', 'noDestination', {}, 10],
  ])('reports %s', (_name, logging, messageId, data, line) => {
    const findings = runRule('SFN002', cfn(logging))
    expect(findings.map((f) => ({messageId: f.messageId, data: f.data, line: f.location?.line}))).toEqual([{messageId, data: {stateMachine: 'Checkout', ...data}, line}])
  })

  it('is lenient with an unresolved level', () => {
    expect(runRule('SFN002', cfn('      LoggingConfiguration:\n        Level: !Ref Level'))).toEqual([])
  })

  it('checks live state machines', () => {
    const arn = 'arn:aws:states:eu-west-1:123456789012:stateMachine:checkout'
    expect(
      runRuleLive('SFN002', [{arn, type: 'AWS::StepFunctions::StateMachine', props: {LoggingConfiguration: {Level: 'ERROR', Destinations: [{CloudWatchLogsLogGroup: {LogGroupArn: 'arn:aws:logs:x'}}]}}}]),
    ).toMatchObject([{messageId: 'level', data: {stateMachine: 'checkout', level: 'ERROR'}}])
  })
})
