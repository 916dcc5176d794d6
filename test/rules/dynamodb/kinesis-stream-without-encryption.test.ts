// KIN001: fixtures and cases for Kinesis streams without encryption at rest.
import {describe, expect, it} from 'vitest'

import {run, runFixture} from '../apigateway/fixture.js'
import {runRuleLive} from '../cloudwatch/live-graph.js'

describe('KIN001 kinesis-stream-without-encryption', () => {
  it('reports a stream without StreamEncryption and one with EncryptionType NONE (JSON)', () => {
    expect(runFixture('KIN001', 'fail.yaml')).toEqual([{messageId: 'notEncrypted', data: {stream: 'Clicks', value: 'off (not configured)'}, resource: 'Clicks', line: 2}])
    expect(runFixture('KIN001', 'fail.json')).toEqual([{messageId: 'notEncrypted', data: {stream: 'Clicks', value: 'NONE'}, resource: 'Clicks', line: 1}])
  })

  it('passes KMS encryption and unresolved settings', () => {
    expect(runFixture('KIN001', 'pass.yaml')).toEqual([])
    expect(run('KIN001', 'Resources:\n  S:\n    Type: AWS::Kinesis::Stream\n    Properties:\n      StreamEncryption: !If [Enc, {EncryptionType: KMS, KeyId: k}, !Ref AWS::NoValue]\n')).toEqual([])
  })

  it('checks live streams', () => {
    expect(runRuleLive('KIN001', [{arn: 'arn:aws:kinesis:eu-west-1:123456789012:stream/clicks', type: 'AWS::Kinesis::Stream', props: {Name: 'clicks'}}])).toMatchObject([{data: {stream: 'clicks'}}])
  })
})
