// DDB001: fixtures and cases for tables without point-in-time recovery.
import {describe, expect, it} from 'vitest'

import {run, runFixture} from '../apigateway/fixture.js'
import {runRuleLive} from '../cloudwatch/live-graph.js'

describe('DDB001 dynamodb-table-without-pitr', () => {
  it('reports a SAM SimpleTable without PITR at its logical id', () => {
    expect(runFixture('DDB001', 'fail-sam.yaml')).toEqual([{messageId: 'noPitr', data: {table: 'Orders', replica: '', value: 'off (not configured)'}, resource: 'Orders', line: 3}])
  })

  it('reports PointInTimeRecoveryEnabled false on its line (JSON)', () => {
    expect(runFixture('DDB001', 'fail-cfn.json')).toEqual([{messageId: 'noPitr', data: {table: 'Orders', replica: '', value: 'PointInTimeRecoveryEnabled: false'}, resource: 'Orders', line: 9}])
  })

  it('passes enabled tables', () => {
    expect(runFixture('DDB001', 'pass-sam.yaml')).toEqual([])
    expect(runFixture('DDB001', 'pass-cfn.json')).toEqual([])
  })

  it('checks each replica of a global table and is lenient with intrinsics', () => {
    const text = `Resources:
  Global:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
      Replicas:
        - Region: eu-west-1
          PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}
        - Region: us-east-1
        - Region: eu-central-1
          PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: !Ref Pitr}
`
    expect(run('DDB001', text)).toEqual([{messageId: 'noPitr', data: {table: 'Global', replica: ' (replica us-east-1)', value: 'off (not configured)'}}])
  })

  it('checks live tables', () => {
    const arn = 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders'
    expect(runRuleLive('DDB001', [{arn, type: 'AWS::DynamoDB::Table', props: {TableName: 'orders'}}])).toMatchObject([{data: {table: 'orders'}}])
  })
})
