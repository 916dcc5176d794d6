// CWA006: an alarm that notifies nobody (directly or through a composite alarm) protects nothing.
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {notifiesSomeone} from './alarm-coverage.js'

export default defineRule({
  meta: {
    id: 'CWA006',
    name: 'cloudwatch-alarm-without-action',
    title: 'CloudWatch alarm with no action',
    severity: 'warning',
    service: 'cloudwatch',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-OBS-3'],
    messages: {
      noActions: 'Alarm {{alarm}} has no AlarmActions and no composite alarm with actions includes it: when it fires, nobody is told.',
      disabled: 'Alarm {{alarm}} has ActionsEnabled: false and no composite alarm with actions includes it: when it fires, nobody is told.',
    },
    equivalents: {'cdk-nag': ['NIST.800.53.R4-CloudWatchAlarmAction', 'NIST.800.53.R5-CloudWatchAlarmAction', 'HIPAA.Security-CloudWatchAlarmAction']},
    docs: {
      what: 'Finds metric and composite alarms without `AlarmActions` (or with `ActionsEnabled: false`). An alarm without actions passes when a composite alarm whose `AlarmRule` includes it (by `${Alarm}`, `!Ref` or name) has actions: the composite, not the child, may carry the action.',
      why: 'An alarm is only as good as the person it wakes up. A state change that goes to no SNS topic, no incident tool and no automation is seen only by someone who opens the console.',
      failing:
        "Resources:\n  WorkerErrors:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      Namespace: AWS/Lambda\n      MetricName: Errors\n      Dimensions: [{Name: FunctionName, Value: !Ref Worker}]\n      Statistic: Sum\n      Period: 60\n      EvaluationPeriods: 1\n      Threshold: 1\n      ComparisonOperator: GreaterThanOrEqualToThreshold\n  Worker:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      Role: arn:aws:iam::123456789012:role/worker\n      Code: {ZipFile: 'exports.handler = async () => {}'}",
      fixed:
        "Resources:\n  WorkerErrors:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      Namespace: AWS/Lambda\n      MetricName: Errors\n      Dimensions: [{Name: FunctionName, Value: !Ref Worker}]\n      Statistic: Sum\n      Period: 60\n      EvaluationPeriods: 1\n      Threshold: 1\n      ComparisonOperator: GreaterThanOrEqualToThreshold\n      AlarmActions:\n        - !Ref AlertsTopic\n  Worker:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      Role: arn:aws:iam::123456789012:role/worker\n      Code: {ZipFile: 'exports.handler = async () => {}'}\n  AlertsTopic:\n    Type: AWS::SNS::Topic",
      whenNotToUse: 'Alarms read by dashboards or by EventBridge rules on "CloudWatch Alarm State Change" events; suppress with a reason naming the consumer.',
      references: ['https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html', 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Create_Composite_Alarm.html'],
    },
  },
  check({graph, report}) {
    for (const alarm of graph.ofKind('alarm', 'compositeAlarm')) {
      if (notifiesSomeone(graph, alarm)) continue
      const disabled = alarm.props.ActionsEnabled === false || alarm.props.ActionsEnabled === 'false'
      report({
        node: alarm,
        path: disabled ? ['ActionsEnabled'] : alarm.props.AlarmActions !== undefined ? ['AlarmActions'] : [],
        messageId: disabled ? 'disabled' : 'noActions',
        data: {alarm: displayName(alarm)},
        fix: disabled ? 'Set ActionsEnabled: true.' : 'Add AlarmActions with an SNS topic (or include the alarm in a composite alarm that has actions).',
      })
    }
  },
})
