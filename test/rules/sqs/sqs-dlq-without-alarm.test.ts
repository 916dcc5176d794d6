// SQS002: table-driven cases and fixtures for dead-letter queues without a depth alarm.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const queues = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  DlqName: {Type: String}
Resources:
  Orders:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy: {deadLetterTargetArn: !GetAtt OrdersDlq.Arn, maxReceiveCount: 5}
  OrdersDlq:
    Type: AWS::SQS::Queue
    Properties:
      MessageRetentionPeriod: 1209600
  Other:
    Type: AWS::SQS::Queue
`

const alarm = (dimension: string, metric = 'ApproximateNumberOfMessagesVisible') => `  DlqAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/SQS
      MetricName: ${metric}
      Dimensions:
        - Name: QueueName
          Value: ${dimension}
      Statistic: Maximum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 0
      ComparisonOperator: GreaterThanThreshold
`

describe('SQS002 sqs-dlq-without-alarm', () => {
  it('reports a DLQ without any alarm, naming its source, at its logical id', () => {
    const findings = runRule('SQS002', queues)
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ruleId: 'SQS002', messageId: 'noAlarm', data: {queue: 'OrdersDlq', sources: 'Orders'}, resource: {id: 'OrdersDlq'}, location: {line: 9}})
  })

  it.each([
    ['!GetAtt Q.QueueName', '!GetAtt OrdersDlq.QueueName'],
    ['!Sub on the queue name', '!Sub "${OrdersDlq.QueueName}"'],
    ['!Join on the queue name', "!Join ['', [!GetAtt OrdersDlq.QueueName]]"],
    ['a parameter (cannot tell, lenient)', '!Ref DlqName'],
    ['an import (cannot tell, lenient)', '!ImportValue shared-dlq-name'],
  ])('passes an alarm with QueueName %s', (_name, dimension) => {
    expect(runRule('SQS002', queues + alarm(dimension))).toEqual([])
  })

  it.each([
    ['another queue', '!GetAtt Other.QueueName'],
    ['an unrelated literal name', 'some-other-queue'],
  ])('reports when the only alarm watches %s', (_name, dimension) => {
    expect(runRule('SQS002', queues + alarm(dimension))).toMatchObject([{messageId: 'noAlarm', resource: {id: 'OrdersDlq'}}])
  })

  it('reports when the alarm watches another metric of the DLQ', () => {
    expect(runRule('SQS002', queues + alarm('!GetAtt OrdersDlq.QueueName', 'NumberOfMessagesSent'))).toMatchObject([{messageId: 'noAlarm'}])
  })

  it('reports an alarm whose QueueName is the queue URL (!Ref), on the alarm', () => {
    const findings = runRule('SQS002', queues + alarm('!Ref OrdersDlq'))
    expect(findings).toMatchObject([{messageId: 'alarmOnUrl', data: {alarm: 'DlqAlarm', queue: 'OrdersDlq', sources: 'Orders'}, resource: {id: 'DlqAlarm'}, location: {line: 15}}])
  })

  it('matches a literal name written on both the queue and the alarm', () => {
    const named = queues.replace('MessageRetentionPeriod: 1209600', 'MessageRetentionPeriod: 1209600\n      QueueName: orders-dlq')
    expect(runRule('SQS002', named + alarm('orders-dlq'))).toEqual([])
    expect(runRule('SQS002', named + alarm('orders-dlq-2'))).toHaveLength(1)
  })

  it('matches the same !Sub expression on the queue and the alarm', () => {
    const named = queues.replace('MessageRetentionPeriod: 1209600', 'MessageRetentionPeriod: 1209600\n      QueueName: !Sub "${AWS::StackName}-dlq"')
    expect(runRule('SQS002', named + alarm('!Sub "${AWS::StackName}-dlq"'))).toEqual([])
  })

  it('accepts a metric math alarm and a metrics-insights alarm', () => {
    const math = `  MathAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      EvaluationPeriods: 1
      Threshold: 0
      ComparisonOperator: GreaterThanThreshold
      Metrics:
        - Id: total
          Expression: m1 + m2
        - Id: m1
          ReturnData: false
          MetricStat:
            Stat: Maximum
            Period: 60
            Metric:
              Namespace: AWS/SQS
              MetricName: ApproximateNumberOfMessagesVisible
              Dimensions: [{Name: QueueName, Value: !GetAtt OrdersDlq.QueueName}]
`
    expect(runRule('SQS002', queues + math)).toEqual([])
    const insights = `  InsightsAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      EvaluationPeriods: 1
      Threshold: 0
      ComparisonOperator: GreaterThanThreshold
      Metrics:
        - Id: q
          Period: 60
          Expression: SELECT MAX(ApproximateNumberOfMessagesVisible) FROM SCHEMA("AWS/SQS", QueueName)
`
    expect(runRule('SQS002', queues + insights)).toEqual([])
  })

  it('accepts a DLQ whose alarm is the child of a composite alarm', () => {
    const composite = `  Composite:
    Type: AWS::CloudWatch::CompositeAlarm
    Properties:
      AlarmRule: !Sub ALARM(\${DlqAlarm})
      AlarmActions: [arn:aws:sns:eu-west-1:123456789012:ops]
`
    expect(runRule('SQS002', queues + alarm('!GetAtt OrdersDlq.QueueName') + composite)).toEqual([])
  })

  it('names every source: a SAM function DLQ, an EventBridge target and an SNS subscription', () => {
    const findings = runRule(
      'SQS002',
      `Transform: AWS::Serverless-2016-10-31
Resources:
  Failures:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: .
      DeadLetterQueue: {Type: SQS, TargetArn: !GetAtt Failures.Arn}
  Rule:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: {source: [app]}
      Targets:
        - Id: fn
          Arn: !GetAtt Fn.Arn
          DeadLetterConfig: {Arn: !GetAtt Failures.Arn}
  Sub:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: arn:aws:sns:eu-west-1:123456789012:t
      Protocol: lambda
      Endpoint: !GetAtt Fn.Arn
      RedrivePolicy: {deadLetterTargetArn: !GetAtt Failures.Arn}
`,
    )
    expect(findings).toMatchObject([{messageId: 'noAlarm', data: {queue: 'Failures', sources: 'Fn, Rule, Sub'}, location: {line: 3}}])
  })

  it("ignores queues that are nobody's DLQ", () => {
    expect(runRule('SQS002', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n')).toEqual([])
  })
})
