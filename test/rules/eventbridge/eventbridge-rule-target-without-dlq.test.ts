// EVB001: table-driven cases and fixtures for rule targets without a dead-letter queue.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const rule = (target: string, state = 'ENABLED') => `Resources:
  Rule:
    Type: AWS::Events::Rule
    Properties:
      State: ${state}
      EventPattern: {source: [shop]}
      Targets:
        - Id: billing
          Arn: arn:aws:lambda:eu-west-1:123456789012:function:billing
${target}
`

describe('EVB001 eventbridge-rule-target-without-dlq', () => {
  it('reports a target without DeadLetterConfig at its entry', () => {
    expect(runRule('EVB001', rule(''))).toMatchObject([{messageId: 'noDlq', data: {rule: 'Rule', target: 'billing'}, resource: {id: 'Rule'}, location: {line: 8}}])
  })

  it.each([
    ['a DLQ ARN', rule('          DeadLetterConfig: {Arn: arn:aws:sqs:eu-west-1:123456789012:dlq}')],
    ['a DLQ from a parameter', rule('          DeadLetterConfig: {Arn: !Ref DlqArn}')],
    ['a disabled rule', rule('', 'DISABLED')],
  ])('passes %s', (_name, text) => {
    expect(runRule('EVB001', text)).toEqual([])
  })

  it("reports a SAM EventBridgeRule event without DeadLetterConfig at the event, and accepts SAM's Type: SQS", () => {
    const sam = (dlq: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: .
      Events:
        Placed:
          Type: EventBridgeRule
          Properties:
            Pattern: {source: [shop]}
${dlq}
`
    expect(runRule('EVB001', sam(''))).toMatchObject([{data: {rule: 'Fn', target: 'FnPlacedLambdaTarget'}, resource: {id: 'FnPlaced'}, location: {line: 12}}])
    expect(runRule('EVB001', sam('            DeadLetterConfig: {Type: SQS}'))).toEqual([])
  })
})
