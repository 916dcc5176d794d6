// LOG001: every log group should expire its events instead of keeping them (and billing for them) forever.
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'

export default defineRule({
  meta: {
    id: 'LOG001',
    name: 'logs-group-without-retention',
    title: 'CloudWatch Logs log group without retention',
    severity: 'warning',
    service: 'logs',
    // No audit collector reads these resources, so the rule cannot see them on a live account.
    sources: ['template'],
    status: 'stable',
    recommended: true,
    practices: ['P-OBS-2'],
    messages: {
      noRetention: 'Log group {{group}} has no RetentionInDays: its events are kept, and billed, forever.',
    },
    fixable: 'unsafe',
    fixUnsafeReason: 'Log events older than 30 days are deleted from then on.',
    cdkFix: 'retention: logs.RetentionDays.ONE_MONTH',
    equivalents: {'serverless-rules': ['WS1004'], 'cdk-nag': ['Serverless-CloudWatchLogGroupRetentionPeriod'], checkov: ['CKV_AWS_66'], cfn_nag: ['W86']},
    docs: {
      what: 'Finds `AWS::Logs::LogGroup` resources (and, live, log groups) without `RetentionInDays`.',
      why: 'Logs without retention grow without bound: storage cost rises every month, and personal data in logs outlives any retention policy you promised.',
      failing: 'Resources:\n  WorkerLogs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      LogGroupName: !Sub /aws/lambda/${Worker}',
      fixed: 'Resources:\n  WorkerLogs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      LogGroupName: !Sub /aws/lambda/${Worker}\n      RetentionInDays: 30',
      whenNotToUse: 'Audit logs that must be kept indefinitely by regulation; suppress with that reason (and consider exporting them to cheaper storage).',
      references: [
        'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention',
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-logs-loggroup.html',
      ],
    },
  },
  check({graph, report}) {
    for (const group of graph.ofKind('logGroup')) {
      if (group.props.RetentionInDays !== undefined) continue
      report({
        node: group,
        path: [],
        messageId: 'noRetention',
        data: {group: displayName(group)},
        fix: 'Set RetentionInDays, e.g. 30.',
        autofix: (fixer) => fixer.propose('Keep log events 30 days', [fixer.setProperty(group, ['RetentionInDays'], 30)]),
      })
    }
  },
})
