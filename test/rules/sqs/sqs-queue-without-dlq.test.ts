// SQS001: fixtures and table-driven cases for queues without a dead-letter queue.
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/rules/SQS001/${name}`, import.meta.url), 'utf8')

describe('SQS001 sqs-queue-without-dlq', () => {
  it('reports a queue without RedrivePolicy at its logical id', () => {
    const findings = runRule('SQS001', fixture('fail.yaml'))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ruleId: 'SQS001', messageId: 'noRedrive', data: {queue: 'Orders'}, resource: {id: 'Orders'}, location: {line: 3, column: 3}})
  })

  it('passes a queue with a DLQ and exempts the DLQ itself', () => {
    expect(runRule('SQS001', fixture('pass.yaml'))).toEqual([])
  })

  it('exempts a queue that is a function dead-letter queue in SAM', () => {
    const findings = runRule(
      'SQS001',
      `Transform: AWS::Serverless-2016-10-31
Resources:
  FnDlq:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: .
      DeadLetterQueue:
        Type: SQS
        TargetArn: !GetAtt FnDlq.Arn
`,
    )
    expect(findings).toEqual([])
  })

  it('reads JSON templates and points at the line of the logical id', () => {
    const findings = runRule('SQS001', JSON.stringify({Resources: {Q: {Type: 'AWS::SQS::Queue'}}}, null, 2), {}, 'template.json')
    expect(findings[0]?.location).toMatchObject({file: 'template.json', line: 3})
  })
})
