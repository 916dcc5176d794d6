// DDB003: tables, queues, streams, buckets and log groups should say what happens to their data on stack deletion or replacement.
import type {ResourceGraph} from '../../model/graph.js'
import {get} from '../../model/intrinsics.js'
import type {GraphNode} from '../../model/types.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'

const STATEFUL_KINDS = ['table', 'queue', 'stream', 'bucket', 'logGroup'] as const

/** A resource's policies; SAM-generated resources take their SAM resource's attributes (SAM propagates them). */
function policies(graph: ResourceGraph, node: GraphNode): {deletion: unknown; replace: unknown} {
  let deletion = node.deletionPolicy
  let replace = node.updateReplacePolicy
  const written = node.origin.logicalId
  if (written !== undefined && written !== graph.localId(node)) {
    const {template} = graph.contextOf(node)
    deletion ??= get(template, 'Resources', written, 'DeletionPolicy')
    replace ??= get(template, 'Resources', written, 'UpdateReplacePolicy')
  }
  return {deletion, replace}
}

export default defineRule({
  meta: {
    id: 'DDB003',
    name: 'dynamodb-stateful-resource-not-retained',
    title: 'Stateful resource (table, queue, stream, bucket, log group) without a DeletionPolicy and UpdateReplacePolicy',
    severity: 'info',
    service: 'dynamodb',
    sources: ['template'],
    status: 'stable',
    recommended: false,
    practices: ['P-DATA-2'],
    messages: {
      notRetained: '{{kind}} {{resource}} has no {{missing}}: deleting the stack or a replacing update deletes its data; set Retain (or Snapshot where supported).',
    },
    fixable: 'unsafe',
    fixUnsafeReason: 'A retained resource outlives its stack: deleting or replacing the stack leaves it (and its bill) behind, and a fixed name then collides on the next create.',
    cdkFix: 'removalPolicy: cdk.RemovalPolicy.RETAIN',
    equivalents: {'cfn-lint': ['I3011']},
    docs: {
      what: 'Finds DynamoDB tables, SQS queues, Kinesis streams, S3 buckets and CloudWatch Logs log groups without `DeletionPolicy` or `UpdateReplacePolicy` (SAM-generated resources take those of their SAM resource). An explicit `Delete` is a decision and is accepted.',
      why: 'CloudFormation deletes a resource when it leaves the template, when the stack is deleted, and when an update replaces it (a renamed table, a changed key schema): the data goes with it. `Retain` keeps it for a deliberate clean-up.',
      failing:
        'Resources:\n  Orders:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]\n      KeySchema: [{AttributeName: pk, KeyType: HASH}]',
      fixed:
        'Resources:\n  Orders:\n    Type: AWS::DynamoDB::Table\n    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]\n      KeySchema: [{AttributeName: pk, KeyType: HASH}]',
      whenNotToUse: 'Short-lived stacks (pull-request previews, tests) whose data is disposable; write `DeletionPolicy: Delete` to say so.',
      references: [
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html',
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-updatereplacepolicy.html',
      ],
    },
  },
  check({graph, report}) {
    const kindNames: Record<(typeof STATEFUL_KINDS)[number], string> = {table: 'Table', queue: 'Queue', stream: 'Stream', bucket: 'Bucket', logGroup: 'Log group'}
    for (const kind of STATEFUL_KINDS) {
      for (const node of graph.ofKind(kind)) {
        if (node.managed) continue
        const {deletion, replace} = policies(graph, node)
        const missing = [deletion === undefined ? 'DeletionPolicy' : undefined, replace === undefined ? 'UpdateReplacePolicy' : undefined].filter((value): value is string => value !== undefined)
        if (missing.length === 0) continue
        report({
          node,
          path: [],
          messageId: 'notRetained',
          data: {kind: kindNames[kind], resource: displayName(node), missing: missing.join(' or ')},
          fix: `Add ${missing.map((key) => `${key}: Retain`).join(' and ')} to ${displayName(node)}.`,
          autofix: (fixer) => fixer.propose(`Add ${missing.join(' and ')}: Retain`, [fixer.setAttributes(node, Object.fromEntries(missing.map((key) => [key, 'Retain'])))]),
        })
      }
    }
  },
})
