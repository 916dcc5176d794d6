// DDB002: a provisioned-capacity table should scale its capacity automatically (or use on-demand billing).
import type {ResourceGraph} from '../../model/graph.js'
import {get, literal} from '../../model/intrinsics.js'
import type {GraphNode} from '../../model/types.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'

/** The DynamoDB table dimensions that application auto scaling targets cover for a table. */
function scaledDimensions(graph: ResourceGraph, table: GraphNode): Set<string> {
  const dimensions = new Set<string>()
  const name = literal(table.props.TableName)
  for (const target of graph.ofKind('scalableTarget')) {
    if (literal(target.props.ServiceNamespace) !== 'dynamodb') continue
    const resourceId = target.props.ResourceId
    const points = graph.resolve(resourceId)?.id === table.id || (typeof name === 'string' && resourceId === `table/${name}`)
    if (!points) continue
    const dimension = literal(target.props.ScalableDimension)
    if (typeof dimension === 'string') dimensions.add(dimension)
    else dimensions.add('unknown')
  }
  return dimensions
}

export default defineRule({
  meta: {
    id: 'DDB002',
    name: 'dynamodb-provisioned-table-without-autoscaling',
    title: 'DynamoDB provisioned table without auto scaling',
    severity: 'warning',
    service: 'dynamodb',
    sources: ['template'],
    status: 'stable',
    recommended: true,
    practices: ['P-DATA-1'],
    messages: {
      fixed: 'Table {{table}} uses provisioned capacity without auto scaling of its {{missing}} capacity: a traffic peak is throttled and a quiet night is paid for in full.',
    },
    equivalents: {},
    docs: {
      what: 'Finds `AWS::DynamoDB::Table` resources with provisioned billing (`BillingMode: PROVISIONED`, the default) that no `AWS::ApplicationAutoScaling::ScalableTarget` (namespace `dynamodb`, `ResourceId` `table/<table>`) scales, for read or write capacity.',
      why: 'Fixed capacity is either too small for peaks (throttled writes become retries, DLQ messages and lost events) or too big the rest of the time. On-demand billing or auto scaling keep capacity in line with traffic.',
      failing:
        'Resources:\n  Orders:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]\n      KeySchema: [{AttributeName: pk, KeyType: HASH}]\n      ProvisionedThroughput: {ReadCapacityUnits: 5, WriteCapacityUnits: 5}',
      fixed:
        'Resources:\n  Orders:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]\n      KeySchema: [{AttributeName: pk, KeyType: HASH}]',
      whenNotToUse: 'Tables with a flat, well-known load where fixed provisioned capacity is the cheapest option, or tables whose scaling is managed outside the template.',
      references: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/AutoScaling.html', 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/capacity-mode.html'],
      limitations: 'Global secondary indexes and `AWS::DynamoDB::GlobalTable` (whose auto scaling is declared inline) are not checked.',
    },
  },
  check({graph, report}) {
    for (const table of graph.ofType('AWS::DynamoDB::Table')) {
      const billing = table.props.BillingMode
      if (billing !== undefined && literal(billing) === undefined) continue
      if (billing !== undefined && billing !== 'PROVISIONED') continue
      const scaled = scaledDimensions(graph, table)
      if (scaled.has('unknown')) continue
      const missing = [scaled.has('dynamodb:table:ReadCapacityUnits') ? undefined : 'read', scaled.has('dynamodb:table:WriteCapacityUnits') ? undefined : 'write'].filter(
        (value): value is string => value !== undefined,
      )
      if (missing.length === 0) continue
      report({
        node: table,
        path: billing !== undefined ? ['BillingMode'] : get(table.props, 'ProvisionedThroughput') !== undefined ? ['ProvisionedThroughput'] : [],
        messageId: 'fixed',
        data: {table: displayName(table), missing: missing.join(' and ')},
        fix: 'Set BillingMode: PAY_PER_REQUEST, or add ScalableTargets and TargetTrackingScaling policies for dynamodb:table:ReadCapacityUnits and WriteCapacityUnits.',
      })
    }
  },
})
