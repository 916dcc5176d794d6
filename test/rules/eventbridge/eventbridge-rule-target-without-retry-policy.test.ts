// EVB002: table-driven cases and fixtures for rule targets without an explicit retry policy.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const rule = (target: string) => `Resources:
  Rule:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: {source: [shop]}
      Targets:
        - Arn: arn:aws:lambda:eu-west-1:123456789012:function:billing
          Id: !Ref TargetId
${target}
`

describe('EVB002 eventbridge-rule-target-without-retry-policy', () => {
  it('reports a target without RetryPolicy, naming it by position when its Id is not literal', () => {
    expect(runRule('EVB002', rule(''))).toMatchObject([{messageId: 'noRetryPolicy', data: {rule: 'Rule', target: '#1'}, resource: {id: 'Rule'}, location: {line: 7}}])
  })

  it('passes a target with a RetryPolicy', () => {
    expect(runRule('EVB002', rule('          RetryPolicy: {MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 600}'))).toEqual([])
  })
})
