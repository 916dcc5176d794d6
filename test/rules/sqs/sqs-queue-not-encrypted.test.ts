// SQS006: table-driven cases and fixtures for queues with server-side encryption turned off.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const queue = (props: string) => `Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 30\n${props}\n`

describe('SQS006 sqs-queue-not-encrypted', () => {
  it.each([
    ['false', '      SqsManagedSseEnabled: false'],
    ['"false" (live attribute text)', "      SqsManagedSseEnabled: 'false'"],
  ])('reports SqsManagedSseEnabled %s without a KMS key', (_name, props) => {
    expect(runRule('SQS006', queue(props))).toMatchObject([{messageId: 'sseDisabled', data: {queue: 'Orders'}, resource: {id: 'Orders'}, location: {line: 6}}])
  })

  it.each([
    ['nothing set (SSE-SQS is the default)', ''],
    ['SSE-SQS on', '      SqsManagedSseEnabled: true'],
    ['a KMS key', '      SqsManagedSseEnabled: false\n      KmsMasterKeyId: alias/orders'],
    ['an intrinsic', '      SqsManagedSseEnabled: !Ref Encrypt'],
  ])('passes %s', (_name, props) => {
    expect(runRule('SQS006', queue(props))).toEqual([])
  })
})
