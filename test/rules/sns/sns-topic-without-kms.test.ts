// SNS002: table-driven cases and fixtures for topics without KMS encryption.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

describe('SNS002 sns-topic-without-kms', () => {
  it('reports a topic without KmsMasterKeyId at its logical id', () => {
    expect(runRule('SNS002', 'Resources:\n  Orders:\n    Type: AWS::SNS::Topic\n')).toMatchObject([{messageId: 'noKms', data: {topic: 'Orders'}, resource: {id: 'Orders'}, location: {line: 2}}])
  })

  it.each([
    ['an alias', 'alias/aws/sns'],
    ['a key reference', '!Ref Key'],
  ])('passes a key given as %s', (_name, key) => {
    expect(runRule('SNS002', `Resources:\n  Orders:\n    Type: AWS::SNS::Topic\n    Properties:\n      KmsMasterKeyId: ${key}\n`)).toEqual([])
  })
})
