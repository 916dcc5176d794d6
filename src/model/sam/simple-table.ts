// AWS::Serverless::SimpleTable: a DynamoDB table with one hash key.
import {isRecord} from '../intrinsics.js'
import type {ResourceDecl} from '../template.js'
import {type Expansion, generated, type Props, samLocator, tagList} from './expansion.js'

export function expandSimpleTable(expansion: Expansion, decl: ResourceDecl, props: Props): void {
  const primaryKey = isRecord(props.PrimaryKey) ? props.PrimaryKey : {Name: 'id', Type: 'String'}
  const attributeType = primaryKey.Type === 'Number' ? 'N' : primaryKey.Type === 'Binary' ? 'B' : 'S'
  const table = generated(
    decl,
    decl.id,
    'AWS::DynamoDB::Table',
    {
      TableName: props.TableName,
      AttributeDefinitions: [{AttributeName: primaryKey.Name, AttributeType: attributeType}],
      KeySchema: [{AttributeName: primaryKey.Name, KeyType: 'HASH'}],
      BillingMode: props.ProvisionedThroughput === undefined ? 'PAY_PER_REQUEST' : undefined,
      ProvisionedThroughput: props.ProvisionedThroughput,
      SSESpecification: props.SSESpecification,
      PointInTimeRecoverySpecification: props.PointInTimeRecoverySpecification,
      Tags: tagList(props.Tags),
    },
    samLocator(expansion, decl, 'SimpleTable', (path) => (path[0] === 'AttributeDefinitions' || path[0] === 'KeySchema' ? ['PrimaryKey'] : path)),
  )
  table.deletionPolicy = decl.deletionPolicy
  table.updateReplacePolicy = decl.updateReplacePolicy
  expansion.out.push(table)
}
