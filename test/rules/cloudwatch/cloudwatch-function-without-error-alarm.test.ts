// CWA001: fixtures and table-driven cases for functions without an alarm on Errors.
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {runRuleLive} from './live-graph.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/rules/CWA001/${name}`, import.meta.url), 'utf8')

/** A raw function named Worker (literal name worker-fn) plus whatever alarm text is given. */
const withAlarm = (alarm: string, functionName = 'worker-fn') => `Parameters:
  Watched:
    Type: String
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: ${functionName}
      Runtime: nodejs22.x
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/fn
      Code: {ZipFile: x}
  Other:
    Type: AWS::Lambda::Function
    Properties: {Runtime: nodejs22.x, Handler: index.handler, Role: arn:aws:iam::123456789012:role/fn, Code: {ZipFile: x}}
  WorkerLive:
    Type: AWS::Lambda::Alias
    Properties: {FunctionName: !Ref Worker, FunctionVersion: '1', Name: live}
  Alarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
${alarm}
      Statistic: Sum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
`

const single = (dimension: string, metric = 'Errors', namespace = 'AWS/Lambda') =>
  `      Namespace: ${namespace}\n      MetricName: ${metric}\n      Dimensions:\n        - Name: FunctionName\n          Value: ${dimension}`

const unwatched = (text: string) => runRule('CWA001', text).map((f) => f.data.function)

describe('CWA001 cloudwatch-function-without-error-alarm', () => {
  it('reports a SAM function whose only alarm is on Throttles, at its logical id', () => {
    expect(runRule('CWA001', fixture('fail.yaml'))).toMatchObject([
      {ruleId: 'CWA001', severity: 'warning', messageId: 'noAlarm', data: {function: 'Worker'}, resource: {id: 'Worker', declaredType: 'AWS::Serverless::Function'}, location: {line: 3}},
    ])
  })

  it('reports a raw JSON function without alarms', () => {
    expect(runRule('CWA001', fixture('fail.json'), {}, 'template.json')).toMatchObject([{data: {function: 'Worker'}, location: {file: 'template.json', line: 3}}])
  })

  it('passes an Errors alarm by Ref and an error-rate metric math alarm', () => {
    expect(runRule('CWA001', fixture('pass.yaml'))).toEqual([])
    expect(runRule('CWA001', fixture('pass-error-rate.json'), {}, 'template.json')).toEqual([])
  })

  it.each([
    ['!Ref', '!Ref Worker'],
    ['!Sub of the function', '!Sub "${Worker}"'],
    ['the literal function name', 'worker-fn'],
    ['the function name with an alias qualifier', 'worker-fn:live'],
    ['a Lambda alias of the function', '!Ref WorkerLive'],
  ])('counts an alarm that names the function by %s', (_name, dimension) => {
    expect(unwatched(withAlarm(single(dimension)))).toEqual(['Other'])
  })

  it('counts an alarm whose dimension is a parameter for every function (lenient: it may name any of them)', () => {
    expect(unwatched(withAlarm(single('!Ref Watched')))).toEqual([])
  })

  it('counts a dimension written the same way as the function name', () => {
    expect(unwatched(withAlarm(single('!Sub ${AWS::StackName}-worker'), '!Sub ${AWS::StackName}-worker'))).toEqual(['Other'])
  })

  it.each([
    ['another metric', single('!Ref Worker', 'Duration')],
    ['another namespace', single('!Ref Worker', 'Errors', 'Custom/App')],
    ['another function', single('!Ref Other').replace('Value: !Ref Other', 'Value: !Ref Other')],
    ['no dimension (the account-wide metric)', '      Namespace: AWS/Lambda\n      MetricName: Errors'],
    ['another literal name', single('someone-else')],
  ])('does not count an alarm on %s', (_name, alarm) => {
    const result = unwatched(withAlarm(alarm))
    expect(result).toContain('Worker')
  })

  it('counts a Metrics Insights query over Lambda errors', () => {
    const alarm = `      Metrics:\n        - Id: q\n          Expression: SELECT SUM(Errors) FROM SCHEMA("AWS/Lambda", FunctionName)\n          Period: 60`
    expect(unwatched(withAlarm(alarm))).toEqual([])
  })

  it('ignores functions SAM or a service creates on its own', () => {
    // Managed nodes come only from expansions; a plain template has none, so this checks the guard is harmless.
    expect(unwatched(withAlarm(single('!Ref Other')))).toEqual(['Worker'])
  })

  it('matches live alarms to live functions by name', () => {
    const fn = {arn: 'arn:aws:lambda:eu-west-1:123456789012:function:worker', type: 'AWS::Lambda::Function', props: {FunctionName: 'worker'}, aliases: ['worker']}
    const other = {arn: 'arn:aws:lambda:eu-west-1:123456789012:function:other', type: 'AWS::Lambda::Function', props: {FunctionName: 'other'}, aliases: ['other']}
    const alarm = {
      arn: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:worker-errors',
      type: 'AWS::CloudWatch::Alarm',
      props: {AlarmName: 'worker-errors', Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: [{Name: 'FunctionName', Value: 'worker'}], AlarmActions: ['arn:aws:sns:eu-west-1:123456789012:alerts']},
      aliases: ['worker-errors'],
    }
    expect(runRuleLive('CWA001', [fn, other, alarm])).toMatchObject([{data: {function: 'other'}, resource: {id: other.arn}, source: 'live'}])
  })
})
