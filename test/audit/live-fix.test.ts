// How a live finding says to fix its resource: the owning stack's template, else the aws command with its region.
import {describe, expect, it} from 'vitest'

import {liveFix, liveFixCommand} from '../../src/audit/live-fix.js'
import type {GraphNode} from '../../src/model/types.js'

function node(type: string, props: Record<string, unknown>, origin: Partial<GraphNode['origin']>, aliases: string[] = []): GraphNode {
  return {id: origin.arn ?? 'x', type, kind: 'function', props, source: 'live', origin: {region: 'eu-west-1', ...origin}, aliases} as unknown as GraphNode
}

const FN = 'arn:aws:lambda:eu-west-1:123456789012:function:orders-worker'

describe('live fixes', () => {
  it('a resource made by hand: the aws command that fixes it, in its region', () => {
    const fn = node('AWS::Lambda::Function', {FunctionName: 'orders-worker'}, {arn: FN})
    expect(liveFix('LMB001', fn, 'Set TracingConfig.Mode (SAM: Tracing) to Active.')).toBe(
      'aws lambda update-function-configuration --function-name orders-worker --tracing-config Mode=Active --region eu-west-1',
    )
  })

  it('a resource a stack owns: fixed in that template, the advice naming its logical id and not its physical name', () => {
    const fn = node('AWS::Lambda::Function', {FunctionName: 'orders-worker'}, {arn: FN, stack: 'orders', logicalId: 'Worker'})
    const fix = liveFix('CWA001', fn, 'Add an AWS::CloudWatch::Alarm on AWS/Lambda Errors with dimension FunctionName: !Ref orders-worker and an AlarmActions topic.')
    expect(fix).toMatch(/^Owned by CloudFormation stack orders as Worker: fix it in that stack's template and deploy \(.*FunctionName: !Ref Worker .*\); a change made in the console or with the CLI is drift/)
    expect(fix).not.toContain('!Ref orders-worker')
    expect(fix).toMatch(/Directly: aws cloudwatch put-metric-alarm .*--dimensions Name=FunctionName,Value=orders-worker .*--region eu-west-1$/)
  })

  it('IAM is global: no --region', () => {
    const role = node('AWS::IAM::Role', {RoleName: 'admin'}, {arn: 'arn:aws:iam::123456789012:role/admin', region: 'global'})
    expect(liveFixCommand('IAM003', role)).toBe('aws iam detach-role-policy --role-name admin --policy-arn arn:aws:iam::aws:policy/AdministratorAccess (then attach only what the function needs)')
  })

  it('template advice written with intrinsics is not offered for a resource made by hand', () => {
    const alarm = node('AWS::CloudWatch::Alarm', {AlarmName: 'a'}, {arn: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:a'})
    expect(liveFix('CWA009', alarm, 'Set AlarmActions to !Ref Topic.')).toMatch(/^Change it in the console/)
  })
})
