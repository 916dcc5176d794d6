// APS002: AppSync GraphQL APIs should log requests to CloudWatch Logs.
import {get, isIntrinsic, literal} from '../../model/intrinsics.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {graphqlApis} from './appsync-tracing-disabled.js'

export default defineRule({
  meta: {
    id: 'APS002',
    name: 'appsync-logging-disabled',
    title: 'AppSync GraphQL API without request logging',
    severity: 'warning',
    service: 'appsync',
    // No audit collector reads these resources, so the rule cannot see them on a live account.
    sources: ['template'],
    status: 'stable',
    recommended: true,
    practices: ['P-OBS-2', 'P-OBS-4'],
    messages: {
      noLogConfig: 'GraphQL API {{api}} has no {{property}}: failed resolvers leave no log.',
      levelNone: 'GraphQL API {{api}} logs at FieldLogLevel NONE; set ERROR (or ALL while debugging) so resolver failures are logged.',
    },
    equivalents: {'cdk-nag': ['AwsSolutions-ASC3']},
    docs: {
      what: 'Finds GraphQL APIs without `LogConfig` (SAM `AWS::Serverless::GraphQLApi`: `Logging`), or with `FieldLogLevel: NONE` (also the default when unset).',
      why: 'Resolver errors are returned to the client inside a 200 response; without logs the team never sees them.',
      failing: 'Resources:\n  Api:\n    Type: AWS::AppSync::GraphQLApi\n    Properties:\n      Name: orders\n      AuthenticationType: AWS_IAM',
      fixed:
        'Resources:\n  Api:\n    Type: AWS::AppSync::GraphQLApi\n    Properties:\n      Name: orders\n      AuthenticationType: AWS_IAM\n      LogConfig:\n        CloudWatchLogsRoleArn: !GetAtt AppSyncLogsRole.Arn\n        FieldLogLevel: ERROR',
      whenNotToUse: 'APIs whose resolvers handle data that must never be logged, with errors reported otherwise.',
      references: ['https://docs.aws.amazon.com/appsync/latest/devguide/monitoring.html#cwl'],
    },
  },
  check({graph, report}) {
    for (const api of graphqlApis(graph)) {
      // SAM writes LogConfig from `Logging`: level ALL and a role unless `Logging: false`.
      const sam = api.type === 'AWS::Serverless::GraphQLApi' || api.origin.declaredType === 'AWS::Serverless::GraphQLApi'
      const property = sam ? 'Logging' : 'LogConfig'
      const key = api.type === 'AWS::Serverless::GraphQLApi' ? 'Logging' : 'LogConfig'
      const config = api.props[key]
      if (isIntrinsic(config)) continue
      if (sam && config === true) continue
      if (config === undefined || config === false) {
        report({
          node: api,
          path: config === undefined ? [] : [key],
          messageId: 'noLogConfig',
          data: {api: displayName(api), property},
          fix: `Add ${property} with FieldLogLevel ERROR (and a CloudWatchLogsRoleArn).`,
        })
        continue
      }
      const level = get(config, 'FieldLogLevel')
      if (level !== undefined && literal(level) === undefined) continue
      if (level === undefined || level === 'NONE') {
        report({node: api, path: level === undefined ? [key] : [key, 'FieldLogLevel'], messageId: 'levelNone', data: {api: displayName(api)}, fix: `Set ${property}.FieldLogLevel to ERROR or ALL.`})
      }
    }
  },
})
