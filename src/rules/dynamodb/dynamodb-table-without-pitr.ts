// DDB001: tables that hold state of record should have point-in-time recovery.
import {asArray, get, isIntrinsic, literal, literalBoolean} from '../../model/intrinsics.js'
import type {PropPath} from '../../model/types.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'

export default defineRule({
  meta: {
    id: 'DDB001',
    name: 'dynamodb-table-without-pitr',
    title: 'DynamoDB table without point-in-time recovery',
    severity: 'warning',
    service: 'dynamodb',
    // No audit collector reads these resources, so the rule cannot see them on a live account.
    sources: ['template'],
    status: 'stable',
    recommended: true,
    practices: ['P-DATA-1'],
    messages: {
      noPitr: 'Table {{table}}{{replica}} has point-in-time recovery {{value}}: a bad deployment or a buggy consumer that overwrites items cannot be undone.',
    },
    fixable: 'unsafe',
    fixUnsafeReason: 'Point-in-time recovery is billed per GB of table data each month.',
    cdkFix: 'pointInTimeRecoverySpecification: {pointInTimeRecoveryEnabled: true}',
    equivalents: {checkov: ['CKV_AWS_28']},
    docs: {
      what: 'Finds `AWS::DynamoDB::Table` (and SAM `SimpleTable`) resources without `PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true`, and `AWS::DynamoDB::GlobalTable` replicas without it.',
      why: 'Point-in-time recovery restores a table to any second of the last 35 days. Event stores, order tables and other state of record cannot be rebuilt from elsewhere once a defect has overwritten or deleted items.',
      failing:
        'Resources:\n  Orders:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]\n      KeySchema: [{AttributeName: pk, KeyType: HASH}]',
      fixed:
        'Resources:\n  Orders:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]\n      KeySchema: [{AttributeName: pk, KeyType: HASH}]\n      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: true',
      whenNotToUse: 'Caches, idempotency or session tables and projections that can be rebuilt from a source of truth; suppress with that reason.',
      references: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Point-in-time-recovery.html'],
    },
  },
  check({graph, report}) {
    for (const table of graph.ofKind('table')) {
      const specs: Array<{spec: unknown; path: PropPath; replica: string}> =
        table.type === 'AWS::DynamoDB::GlobalTable'
          ? asArray(table.props.Replicas).map((replica, index) => ({
              spec: get(replica, 'PointInTimeRecoverySpecification'),
              path: ['Replicas', index, 'PointInTimeRecoverySpecification'],
              replica: ` (replica ${String(literal(get(replica, 'Region')) ?? index)})`,
            }))
          : [{spec: table.props.PointInTimeRecoverySpecification, path: ['PointInTimeRecoverySpecification'], replica: ''}]
      for (const {spec, path, replica} of specs) {
        const enabled = get(spec, 'PointInTimeRecoveryEnabled')
        if (literalBoolean(enabled) === true) continue
        if (enabled !== undefined && literal(enabled) === undefined) continue
        if (isIntrinsic(spec)) continue
        report({
          node: table,
          path: enabled !== undefined ? [...path, 'PointInTimeRecoveryEnabled'] : spec !== undefined ? path : table.type === 'AWS::DynamoDB::GlobalTable' ? path.slice(0, 2) : [],
          messageId: 'noPitr',
          data: {table: displayName(table), replica, value: enabled === undefined ? 'off (not configured)' : `PointInTimeRecoveryEnabled: ${String(literal(enabled))}`},
          fix: 'Set PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true.',
          // Replicas of a global table are items of a list; those are fixed by hand.
          autofix: (fixer) =>
            table.type === 'AWS::DynamoDB::Table'
              ? fixer.propose('Turn on point-in-time recovery', [fixer.setProperty(table, ['PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled'], true)])
              : undefined,
        })
      }
    }
  },
})
