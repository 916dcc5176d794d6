// APS001: AppSync GraphQL APIs should have X-Ray tracing enabled.
import type {ResourceGraph} from '../../model/graph.js'
import {literal, literalBoolean} from '../../model/intrinsics.js'
import type {GraphNode} from '../../model/types.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'

/** AppSync APIs, raw and as declared with SAM (AWS::Serverless::GraphQLApi is kept as written). */
export function graphqlApis(graph: ResourceGraph): GraphNode[] {
  return [...graph.ofKind('graphqlApi'), ...graph.ofType('AWS::Serverless::GraphQLApi')]
}

export default defineRule({
  meta: {
    id: 'APS001',
    name: 'appsync-tracing-disabled',
    title: 'AppSync GraphQL API without X-Ray tracing',
    severity: 'warning',
    service: 'appsync',
    // No audit collector reads these resources, so the rule cannot see them on a live account.
    sources: ['template'],
    status: 'stable',
    recommended: true,
    practices: ['P-OBS-1'],
    messages: {
      notEnabled: 'GraphQL API {{api}} has XrayEnabled {{value}}; set it to true to trace resolvers and data sources.',
    },
    fixable: 'unsafe',
    fixUnsafeReason: 'X-Ray traces of GraphQL requests are billed.',
    cdkFix: 'xrayEnabled: true',
    equivalents: {'serverless-rules': ['WS3000'], 'cdk-nag': ['Serverless-AppSyncTracing']},
    docs: {
      what: 'Finds `AWS::AppSync::GraphQLApi` (and SAM `AWS::Serverless::GraphQLApi`) resources whose `XrayEnabled` is not `true`.',
      why: 'A GraphQL request fans out to several resolvers and data sources; tracing shows which of them made the request slow or failed.',
      failing: 'Resources:\n  Api:\n    Type: AWS::AppSync::GraphQLApi\n    Properties:\n      Name: orders\n      AuthenticationType: AWS_IAM',
      fixed: 'Resources:\n  Api:\n    Type: AWS::AppSync::GraphQLApi\n    Properties:\n      Name: orders\n      AuthenticationType: AWS_IAM\n      XrayEnabled: true',
      whenNotToUse: 'APIs traced by another tool.',
      references: ['https://docs.aws.amazon.com/appsync/latest/devguide/x-ray-tracing.html'],
    },
  },
  check({graph, report}) {
    for (const api of graphqlApis(graph)) {
      const enabled = api.props.XrayEnabled
      if (literalBoolean(enabled) === true) continue
      if (enabled !== undefined && literal(enabled) === undefined) continue
      report({
        node: api,
        path: enabled === undefined ? [] : ['XrayEnabled'],
        messageId: 'notEnabled',
        data: {api: displayName(api), value: enabled === undefined ? 'unset (off)' : String(literal(enabled))},
        fix: 'Set XrayEnabled: true.',
        autofix: (fixer) => fixer.propose('Turn on X-Ray tracing', [fixer.setProperty(api, ['XrayEnabled'], true, {path: ['XrayEnabled'], value: true, resource: 'GraphQLApi'})]),
      })
    }
  },
})
