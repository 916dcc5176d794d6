// LMB008: fixtures and cases for asynchronous invocations left on default retries and event age.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {cfn, fixture, rawFunction} from './fixtures.js'

describe('LMB008 lambda-async-retries-not-bounded', () => {
  it('reports a SAM EventInvokeConfig without bounds at EventInvokeConfig', () => {
    const findings = runRule('LMB008', fixture('LMB008', 'fail.yaml'))
    expect(findings).toMatchObject([
      {ruleId: 'LMB008', messageId: 'defaults', data: {config: 'WorkerEventInvokeConfig', function: 'Worker'}, resource: {id: 'WorkerEventInvokeConfig', logicalId: 'Worker'}, location: {line: 9}},
    ])
  })

  it('reports a function with a DLQ but no invoke configuration in JSON', () => {
    const findings = runRule('LMB008', fixture('LMB008', 'fail-cfn.json'), {}, 'template.json')
    expect(findings).toMatchObject([{messageId: 'noConfig', data: {function: 'Worker', sources: 'S3 bucket'}, location: {line: 5}}])
  })

  it('passes bounded configurations and synchronous functions', () => {
    expect(runRule('LMB008', fixture('LMB008', 'pass.yaml'))).toEqual([])
    expect(runRule('LMB008', fixture('LMB008', 'pass-cfn.yaml'))).toEqual([])
  })

  it('leaves functions without any failure target to LMB002', () => {
    const text = cfn(rawFunction('Fn') + '  P:\n    Type: AWS::Lambda::Permission\n    Properties:\n      Action: lambda:InvokeFunction\n      FunctionName: !Ref Fn\n      Principal: sns.amazonaws.com\n')
    expect(runRule('LMB008', text)).toEqual([])
    expect(runRule('LMB002', text)).toHaveLength(1)
  })

  it('accepts an intrinsic bound', () => {
    const text = cfn(rawFunction('Fn') + '  C:\n    Type: AWS::Lambda::EventInvokeConfig\n    Properties:\n      FunctionName: !Ref Fn\n      Qualifier: $LATEST\n      MaximumEventAgeInSeconds: !Ref Age\n')
    expect(runRule('LMB008', text)).toEqual([])
  })
})
