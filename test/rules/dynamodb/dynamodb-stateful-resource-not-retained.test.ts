// DDB003: fixtures and cases for stateful resources without deletion and replacement policies.
import {describe, expect, it} from 'vitest'

import {findRule} from '../../../src/rules/index.js'
import {run, runFixture} from '../apigateway/fixture.js'

describe('DDB003 dynamodb-stateful-resource-not-retained', () => {
  it('is advice outside the recommended preset', () => {
    expect(findRule('DDB003')!.meta).toMatchObject({severity: 'info', recommended: false, sources: ['template']})
  })

  it('names the policies each resource lacks', () => {
    expect(runFixture('DDB003', 'fail.yaml')).toEqual([
      {messageId: 'notRetained', data: {kind: 'Table', resource: 'Orders', missing: 'UpdateReplacePolicy'}, resource: 'Orders', line: 2},
      {messageId: 'notRetained', data: {kind: 'Queue', resource: 'Jobs', missing: 'DeletionPolicy or UpdateReplacePolicy'}, resource: 'Jobs', line: 9},
    ])
    expect(runFixture('DDB003', 'fail.json')).toEqual([{messageId: 'notRetained', data: {kind: 'Log group', resource: 'Logs', missing: 'DeletionPolicy or UpdateReplacePolicy'}, resource: 'Logs', line: 1}])
  })

  it('accepts Retain and an explicit Delete', () => {
    expect(runFixture('DDB003', 'pass.yaml')).toEqual([])
    expect(runFixture('DDB003', 'pass.json')).toEqual([])
  })

  it('reads the policies of the SAM resource for what SAM generates', () => {
    const table = (policies: string) => `Transform: AWS::Serverless-2016-10-31\nResources:\n  Orders:\n    Type: AWS::Serverless::SimpleTable\n${policies}`
    expect(run('DDB003', table('    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain\n'))).toEqual([])
    expect(run('DDB003', table(''))).toEqual([{messageId: 'notRetained', data: {kind: 'Table', resource: 'Orders', missing: 'DeletionPolicy or UpdateReplacePolicy'}}])
  })

  it('ignores resources that hold no data', () => {
    expect(run('DDB003', 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n')).toEqual([])
  })
})
