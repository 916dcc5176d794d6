// TPL003: values of the wrong shape; numbers and booleans written as strings, and intrinsics, are fine.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const queue = (props: string) => `Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n${props}`
const fn = (props: string) => `Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: r\n      Code: {ZipFile: x}\n${props}`

describe('TPL003 template-invalid-value-type', () => {
  it.each([
    ['a word for a number', queue('      VisibilityTimeout: two minutes\n'), 'VisibilityTimeout', 'an integer', 'the string "two minutes"', 5],
    ['a list for a number', queue('      VisibilityTimeout: [1]\n'), 'VisibilityTimeout', 'an integer', 'a list', 5],
    ['a word for a boolean', queue('      FifoQueue: yes please\n'), 'FifoQueue', 'a boolean', 'the string "yes please"', 5],
    ['a mapping for a string', queue('      QueueName: {a: b}\n'), 'QueueName', 'a string', 'a mapping', 5],
    ['a string for a list', fn('      Layers: arn:aws:lambda:eu-west-1:1:layer:x:1\n'), 'Layers', 'a list', 'the string "arn:aws:lambda:eu-west-1:1:layer:x:1"', 7],
    ['a string for an object', fn('      TracingConfig: Active\n'), 'TracingConfig', 'an object', 'the string "Active"', 7],
    ['a list item of the wrong shape', fn('      Layers:\n        - [a]\n'), 'Layers', 'a string', 'a list', 8],
    ['a mapping value of the wrong shape', fn('      Environment:\n        Variables:\n          A: [x]\n'), 'A', 'a string', 'a list', 9],
  ])('reports %s', (_, text, property, expected, actual, line) => {
    const findings = runRule('TPL003', text)
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({messageId: 'wrongType', data: {property, expected, actual}, location: {line}})
  })

  it.each([
    ['numbers as strings', queue('      VisibilityTimeout: "120"\n')],
    ['booleans as strings', queue('      FifoQueue: "True"\n      ContentBasedDeduplication: "false"\n')],
    ['numbers and booleans for strings', queue('      QueueName: 12\n      KmsMasterKeyId: true\n')],
    ['intrinsics anywhere', fn('      Layers: !Split [",", !Ref Layers]\n      MemorySize: !FindInMap [M, !Ref AWS::Region, m]\n      TracingConfig: !If [C, {Mode: Active}, !Ref AWS::NoValue]\n')],
    ['json properties with any value', queue('      RedrivePolicy: \'{"maxReceiveCount": 5}\'\n      RedriveAllowPolicy: {redrivePermission: allowAll}\n')],
  ])('accepts %s', (_, text) => {
    expect(runRule('TPL003', text)).toEqual([])
  })

  it('checks SAM properties as written and SAM event types, with did-you-mean', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      CodeUri: src/
      Timeout: thirty
      Events:
        Work:
          Type: SQSS
          Properties:
            Queue: arn:aws:sqs:eu-west-1:123456789012:q
`
    const findings = runRule('TPL003', text)
    expect(findings.map((f) => [f.messageId, f.data.property, f.location?.line, f.resource?.id])).toEqual([
      ['wrongType', 'Timeout', 9, 'Worker'],
      ['notAllowedDidYouMean', 'Type', 12, 'Worker'],
    ])
    expect(findings[1]?.data.suggestion).toBe('SQS')
  })

  it('checks values in Globals', () => {
    const text = 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    MemorySize: lots\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n'
    expect(runRule('TPL003', text)[0]).toMatchObject({data: {property: 'MemorySize', type: 'AWS::Serverless::Function'}, location: {line: 4}})
  })

  it('points at the property in JSON templates', () => {
    const text = JSON.stringify({Resources: {Orders: {Type: 'AWS::SQS::Queue', Properties: {VisibilityTimeout: 'two'}}}}, null, 2)
    expect(runRule('TPL003', text, {}, 'template.json')[0]?.location).toMatchObject({line: 6})
  })
})
