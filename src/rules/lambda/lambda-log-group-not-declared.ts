// LMB013: a function's logs should go to a log group the template declares, so that its retention is chosen.
import {displayName} from '../helpers.js'
import {logGroupsOf} from '../logs/log-groups.js'
import {defineRule} from '../types.js'

export default defineRule({
  meta: {
    id: 'LMB013',
    name: 'lambda-log-group-not-declared',
    title: 'Lambda function without a declared log group',
    severity: 'warning',
    service: 'lambda',
    sources: ['template'],
    status: 'stable',
    recommended: true,
    practices: ['P-OBS-2'],
    messages: {
      noLogGroup:
        'Function {{function}} has no LoggingConfig.LogGroup and no AWS::Logs::LogGroup named /aws/lambda/<function name>: Lambda creates the group on first run, without retention and outside the stack.',
    },
    fixable: 'unsafe',
    fixUnsafeReason:
      'Once the function has run, Lambda has created /aws/lambda/<name> itself: the stack update then fails with "already exists" until that group is deleted or imported. Log events older than 30 days are deleted.',
    cdkFix: "logGroup: new logs.LogGroup(this, 'Logs', {retention: logs.RetentionDays.ONE_MONTH})",
    equivalents: {'serverless-rules': ['WS1004']},
    docs: {
      what: 'Finds functions that neither set `LoggingConfig.LogGroup` nor have an `AWS::Logs::LogGroup` named after them (`/aws/lambda/<name>`, written e.g. `!Sub /aws/lambda/${Worker}`). The retention of the group itself is checked by LOG001.',
      why: 'A log group that Lambda creates on its own never expires its events, is not deleted with the stack, and cannot be given a retention, encryption key or subscription in the template.',
      failing: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n  WorkerLogs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      LogGroupName: !Sub /aws/lambda/${Worker}\n      RetentionInDays: 30',
      whenNotToUse: 'Accounts where a central automation sets retention on every new log group.',
      references: [
        'https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-loggroups.html',
        'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention',
      ],
      limitations: "Only templates; live, the retention of the function's log group is checked by LOG001.",
    },
  },
  check({graph, report}) {
    for (const fn of graph.ofKind('function')) {
      const {explicit, groups, unreadable} = logGroupsOf(graph, fn)
      if (explicit || groups.length > 0 || unreadable) continue
      report({
        node: fn,
        path: [],
        messageId: 'noLogGroup',
        data: {function: displayName(fn)},
        autofix: (fixer) => {
          const written = fixer.written(fn)
          if (!written || written.id !== fn.id) return undefined
          const id = fixer.newResourceId(`${written.id}LogGroup`)
          const group = {Type: 'AWS::Logs::LogGroup', Properties: {LogGroupName: {'Fn::Sub': `/aws/lambda/\${${written.id}}`}, RetentionInDays: 30}}
          return fixer.propose(`Declare log group ${id} with 30 days of retention`, [fixer.addResourceAfter(fn, id, group)])
        },
        fix: `Declare an AWS::Logs::LogGroup with LogGroupName !Sub /aws/lambda/\${${fn.id}} and RetentionInDays, or set LoggingConfig.LogGroup.`,
      })
    }
  },
})
