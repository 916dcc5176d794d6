// CWA005: fixtures and cases for queues without an ApproximateAgeOfOldestMessage alarm.
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/rules/CWA005/${name}`, import.meta.url), 'utf8')

describe('CWA005 cloudwatch-queue-without-age-alarm', () => {
  it('reports the work queue and exempts its dead-letter queue', () => {
    expect(runRule('CWA005', fixture('fail.yaml'))).toMatchObject([{ruleId: 'CWA005', messageId: 'noAlarm', data: {queue: 'Orders'}, location: {line: 2}}])
  })

  it('reports a JSON queue', () => {
    expect(runRule('CWA005', fixture('fail.json'), {}, 'template.json')).toMatchObject([{data: {queue: 'Orders'}, location: {line: 1}}])
  })

  it('passes an age alarm with QueueName: !GetAtt Queue.QueueName', () => {
    expect(runRule('CWA005', fixture('pass.yaml'))).toEqual([])
  })

  it('matches a literal queue name', () => {
    const text = `Resources:
  Orders:
    Type: AWS::SQS::Queue
    Properties: {QueueName: orders}
  Age:
    Type: AWS::CloudWatch::Alarm
    Properties: {Namespace: AWS/SQS, MetricName: ApproximateAgeOfOldestMessage, Dimensions: [{Name: QueueName, Value: orders}]}
`
    expect(runRule('CWA005', text)).toEqual([])
  })
})
