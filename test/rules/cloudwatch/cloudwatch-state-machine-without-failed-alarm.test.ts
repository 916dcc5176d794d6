// CWA004: fixtures and cases for state machines without an ExecutionsFailed alarm.
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {runRuleLive} from './live-graph.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/rules/CWA004/${name}`, import.meta.url), 'utf8')

describe('CWA004 cloudwatch-state-machine-without-failed-alarm', () => {
  it('reports a SAM state machine without alarms at its logical id', () => {
    expect(runRule('CWA004', fixture('fail.yaml'))).toMatchObject([{ruleId: 'CWA004', messageId: 'noAlarm', data: {stateMachine: 'Checkout'}, location: {line: 3}}])
  })

  it('does not count an alarm on another States metric (JSON)', () => {
    expect(runRule('CWA004', fixture('fail.json'), {}, 'template.json')).toMatchObject([{data: {stateMachine: 'Checkout'}, location: {line: 3}}])
  })

  it('passes an ExecutionsFailed alarm with StateMachineArn: !Ref', () => {
    expect(runRule('CWA004', fixture('pass.yaml'))).toEqual([])
  })

  it('matches a literal state machine ARN to the state machine name', () => {
    const text = `Resources:
  Checkout:
    Type: AWS::StepFunctions::StateMachine
    Properties: {StateMachineName: checkout, RoleArn: r, DefinitionS3Location: {Bucket: b, Key: k}}
  Failed:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/States
      MetricName: ExecutionsFailed
      Dimensions: [{Name: StateMachineArn, Value: 'arn:aws:states:eu-west-1:123456789012:stateMachine:checkout'}]
`
    expect(runRule('CWA004', text)).toEqual([])
  })

  it('matches live alarms by state machine ARN', () => {
    const arn = 'arn:aws:states:eu-west-1:123456789012:stateMachine:checkout'
    const machine = {arn, type: 'AWS::StepFunctions::StateMachine', props: {StateMachineName: 'checkout'}}
    expect(runRuleLive('CWA004', [machine])).toMatchObject([{data: {stateMachine: 'checkout'}}])
    const alarm = {
      arn: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:f',
      type: 'AWS::CloudWatch::Alarm',
      props: {Namespace: 'AWS/States', MetricName: 'ExecutionsFailed', Dimensions: [{Name: 'StateMachineArn', Value: arn}]},
    }
    expect(runRuleLive('CWA004', [machine, alarm])).toEqual([])
  })
})
