// LMB014: functions should write structured JSON logs so that they can be queried by field.
import {get, literal, textOf} from '../../model/intrinsics.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'

export default defineRule({
  meta: {
    id: 'LMB014',
    name: 'lambda-logs-not-structured',
    title: 'Lambda function logs in plain text',
    severity: 'info',
    service: 'lambda',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: false,
    practices: ['P-OBS-2'],
    messages: {
      text: 'Function {{function}} has log format {{format}}; set LoggingConfig.LogFormat: JSON so that logs carry the request id and can be queried by field.',
    },
    equivalents: {},
    docs: {
      what: 'Finds functions whose `LoggingConfig.LogFormat` is not `JSON` (the default is `Text`).',
      why: 'JSON logs put the request id, level and your own fields in queryable keys (CloudWatch Logs Insights, metric filters), lets you filter by `ApplicationLogLevel`/`SystemLogLevel`, and correlate a request across functions.',
      failing: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      LoggingConfig:\n        LogFormat: JSON',
      whenNotToUse: "Functions whose logger already writes JSON lines itself (e.g. Powertools Logger) and that do not need Lambda's log-level filtering.",
      references: ['https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-advanced.html'],
    },
  },
  check({graph, report}) {
    for (const fn of graph.ofKind('function')) {
      const format = get(fn.props, 'LoggingConfig', 'LogFormat')
      if (format === 'JSON') continue
      if (format !== undefined && literal(format) === undefined) continue
      report({
        node: fn,
        path: format === undefined ? [] : ['LoggingConfig', 'LogFormat'],
        messageId: 'text',
        data: {function: displayName(fn), format: format === undefined ? 'Text (the default)' : textOf(format)},
        fix: 'Set LoggingConfig.LogFormat to JSON (SAM: on the function or in Globals.Function).',
      })
    }
  },
})
