// CWA006: fixtures and cases for alarms that notify nobody, directly or through a composite alarm.
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {runRuleLive} from './live-graph.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/rules/CWA006/${name}`, import.meta.url), 'utf8')

const alarm = (name: string, extra = '') => `  ${name}:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions: [{Name: FunctionName, Value: worker}]
${extra}`

const reported = (text: string) => runRule('CWA006', `Parameters:\n  Topic:\n    Type: String\nResources:\n${text}`).map((f) => [f.data.alarm, f.messageId])

describe('CWA006 cloudwatch-alarm-without-action', () => {
  it('reports an alarm without AlarmActions at its logical id', () => {
    expect(runRule('CWA006', fixture('fail.yaml'))).toMatchObject([{ruleId: 'CWA006', messageId: 'noActions', data: {alarm: 'WorkerErrors'}, location: {line: 2}}])
  })

  it('reports ActionsEnabled false on its line (JSON)', () => {
    expect(runRule('CWA006', fixture('fail.json'), {}, 'template.json')).toMatchObject([{messageId: 'disabled', data: {alarm: 'WorkerErrors'}, location: {line: 8}}])
  })

  it('passes children of a composite alarm that carries the action', () => {
    expect(runRule('CWA006', fixture('pass.yaml'))).toEqual([])
  })

  it.each([
    ['an empty action list', alarm('A', '      AlarmActions: []\n'), [['A', 'noActions']]],
    ['an action from a parameter', alarm('A', '      AlarmActions: [!Ref Topic]\n'), []],
    ['actions from a condition', alarm('A', '      AlarmActions: !If [Prod, [!Ref Topic], []]\n'), []],
    [
      'a composite without actions over a child without actions',
      `${alarm('A')}  Parent:\n    Type: AWS::CloudWatch::CompositeAlarm\n    Properties:\n      AlarmRule: !Sub ALARM(\${A})\n`,
      [
        ['A', 'noActions'],
        ['Parent', 'noActions'],
      ],
    ],
    [
      'a composite naming its child literally',
      `${alarm('A', '      AlarmName: worker-errors\n')}  Parent:\n    Type: AWS::CloudWatch::CompositeAlarm\n    Properties:\n      AlarmRule: ALARM("worker-errors")\n      AlarmActions: [!Ref Topic]\n`,
      [],
    ],
    [
      'two levels of composites, the top one notifying',
      `${alarm('A')}  Mid:\n    Type: AWS::CloudWatch::CompositeAlarm\n    Properties:\n      AlarmRule: !Sub ALARM(\${A})\n  Top:\n    Type: AWS::CloudWatch::CompositeAlarm\n    Properties:\n      AlarmRule: !Join ['', ['ALARM(', !GetAtt Mid.Arn, ')']]\n      AlarmActions: [!Ref Topic]\n`,
      [],
    ],
  ])('handles %s', (_name, text, expected) => {
    expect(reported(text)).toEqual(expected)
  })

  it('resolves composite rules live by alarm ARN', () => {
    const child = {arn: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:child', type: 'AWS::CloudWatch::Alarm', props: {AlarmName: 'child', MetricName: 'Errors', Namespace: 'AWS/Lambda'}, aliases: ['child']}
    const parent = {
      arn: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:parent',
      type: 'AWS::CloudWatch::CompositeAlarm',
      props: {AlarmName: 'parent', AlarmRule: 'ALARM("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:child")', AlarmActions: ['arn:aws:sns:eu-west-1:123456789012:alerts']},
    }
    expect(runRuleLive('CWA006', [child, parent])).toEqual([])
    expect(runRuleLive('CWA006', [child])).toMatchObject([{data: {alarm: 'child'}}])
  })
})
