// TPL009: conditions nothing uses.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const head = 'Parameters:\n  Stage:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Stage, prod]\n  IsDev: !Equals [!Ref Stage, dev]\n'

describe('TPL009 template-unused-condition', () => {
  it('reports an unused condition at its name', () => {
    const findings = runRule('TPL009', `${head}Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Condition: IsProd\n`)
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({severity: 'info', messageId: 'unusedCondition', data: {condition: 'IsDev'}, location: {line: 6, column: 3}})
  })

  it.each([
    ['Fn::If', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: !If [IsProd, 0, !If [IsDev, 5, 1]]\n'],
    ['outputs and other conditions', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Condition: Either\nOutputs:\n  O:\n    Condition: IsDev\n    Value: x\n'],
  ])('counts uses in %s', (_, rest) => {
    const text = rest.includes('Either') ? `${head}  Either: !Or [!Condition IsProd, !Condition IsDev]\n${rest}` : `${head}${rest}`
    expect(runRule('TPL009', text)).toEqual([])
  })

  it('does not take an IAM policy Condition block for a use', () => {
    const text = `${head}Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Condition: IsProd\n  P:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n      Queues: [!Ref Q]\n      PolicyDocument:\n        Statement:\n          - Effect: Deny\n            Principal: '*'\n            Action: sqs:*\n            Resource: '*'\n            Condition: {Bool: {aws:SecureTransport: false}}\n`
    expect(runRule('TPL009', text).map((f) => f.data.condition)).toEqual(['IsDev'])
  })
})
