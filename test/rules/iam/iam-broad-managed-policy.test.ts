// IAM007: table-driven cases and fixtures for *FullAccess managed policies on function roles.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {samFunctionWith} from './iam-test-kit.js'

const rawRole = (arns: string, principal = 'lambda.amazonaws.com') => `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ${principal}}, Action: sts:AssumeRole}]}
      ManagedPolicyArns:
${arns}
`

describe('IAM007 iam-broad-managed-policy', () => {
  it('reports a FullAccess policy given in SAM Policies, but not the policies SAM attaches itself', () => {
    const findings = runRule('IAM007', samFunctionWith('        - AmazonDynamoDBFullAccess\n        - AWSXrayWriteOnlyAccess'))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({messageId: 'broadPolicy', data: {holder: 'Fn', policy: 'AmazonDynamoDBFullAccess'}, resource: {id: 'FnRole'}, location: {line: 9}})
  })

  it.each([
    ['a literal ARN', '        - arn:aws:iam::aws:policy/AmazonSQSFullAccess', 'AmazonSQSFullAccess'],
    ['a !Sub ARN with the partition', '        - !Sub arn:${AWS::Partition}:iam::aws:policy/AWSLambda_FullAccess', 'AWSLambda_FullAccess'],
    ['PowerUserAccess', '        - arn:aws:iam::aws:policy/PowerUserAccess', 'PowerUserAccess'],
  ])('reports %s on a role trusted by Lambda', (_name, arns, policy) => {
    const findings = runRule('IAM007', rawRole(arns))
    expect(findings).toMatchObject([{data: {holder: 'Role', policy}, resource: {id: 'Role'}, location: {line: 7}}])
  })

  it.each([
    ['a role that Lambda does not assume', rawRole('        - arn:aws:iam::aws:policy/AmazonSQSFullAccess', 'ec2.amazonaws.com')],
    ['SAM execution policies only', rawRole('        - arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole\n        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')],
    ['a customer managed policy named like FullAccess', rawRole('        - arn:aws:iam::123456789012:policy/OrdersFullAccess')],
    ['an ARN from a parameter', rawRole('        - !Ref PolicyArn')],
  ])('passes %s', (_name, text) => {
    expect(runRule('IAM007', text)).toEqual([])
  })
})
