// DDB002: fixtures and cases for provisioned tables without auto scaling.
import {describe, expect, it} from 'vitest'

import {run, runFixture} from '../apigateway/fixture.js'

describe('DDB002 dynamodb-provisioned-table-without-autoscaling', () => {
  it('reports the dimension that is not scaled, on ProvisionedThroughput', () => {
    expect(runFixture('DDB002', 'fail.yaml')).toEqual([{messageId: 'fixed', data: {table: 'Orders', missing: 'write'}, resource: 'Orders', line: 7}])
  })

  it('reports an explicit PROVISIONED table without scaling (JSON)', () => {
    expect(runFixture('DDB002', 'fail.json')).toEqual([{messageId: 'fixed', data: {table: 'Orders', missing: 'read and write'}, resource: 'Orders', line: 6}])
  })

  it('passes scaled (Sub and Join resource ids) and on-demand tables', () => {
    expect(runFixture('DDB002', 'pass.yaml')).toEqual([])
    expect(runFixture('DDB002', 'pass.json')).toEqual([])
  })

  it('matches a literal resource id by table name and skips unresolved billing modes', () => {
    const table = (billing: string, target = '') => `Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: orders
${billing}      ProvisionedThroughput: {ReadCapacityUnits: 1, WriteCapacityUnits: 1}
${target}`
    const target = (dimension: string) =>
      `  ${dimension}:\n    Type: AWS::ApplicationAutoScaling::ScalableTarget\n    Properties: {ServiceNamespace: dynamodb, ResourceId: table/orders, ScalableDimension: 'dynamodb:table:${dimension}', MinCapacity: 1, MaxCapacity: 10}\n`
    expect(run('DDB002', table('', target('ReadCapacityUnits') + target('WriteCapacityUnits')))).toEqual([])
    expect(run('DDB002', table('      BillingMode: !Ref Billing\n'))).toEqual([])
  })
})
