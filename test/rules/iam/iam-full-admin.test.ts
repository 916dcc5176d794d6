// IAM003: table-driven cases and fixtures for full administrator access.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {roleWith, samFunctionWith} from './iam-test-kit.js'

describe('IAM003 iam-full-admin', () => {
  it.each([
    ['"*" on "*"', '{Effect: Allow, Action: "*", Resource: "*"}', '*'],
    ['"*:*" in a list on "*" in a list', '{Effect: Allow, Action: [s3:GetObject, "*:*"], Resource: ["*"]}', '*:*'],
  ])('reports %s', (_name, statement, action) => {
    const findings = runRule('IAM003', roleWith(statement))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({messageId: 'starOnStar', data: {action, holder: 'Role', policy: 'app'}, resource: {id: 'Role'}, location: {line: 13}})
  })

  it.each([
    ['"*" on a named resource', '{Effect: Allow, Action: "*", Resource: !GetAtt Q.Arn}'],
    ['service wildcard on "*"', '{Effect: Allow, Action: "sqs:*", Resource: "*"}'],
    ['Deny "*" on "*"', '{Effect: Deny, Action: "*", Resource: "*"}'],
  ])('passes %s', (_name, statement) => {
    expect(runRule('IAM003', roleWith(statement))).toEqual([])
  })

  it('reports AdministratorAccess given to a SAM function at its Policies', () => {
    const findings = runRule('IAM003', samFunctionWith('        - AdministratorAccess'))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({messageId: 'adminPolicy', data: {holder: 'Fn'}, resource: {id: 'FnRole'}, location: {line: 9}})
  })

  it('reports AdministratorAccess written with !Sub and the partition', () => {
    const findings = runRule(
      'IAM003',
      `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: states.amazonaws.com}, Action: sts:AssumeRole}]}
      ManagedPolicyArns:
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/AdministratorAccess
        - !Ref OtherPolicy
`,
    )
    expect(findings).toMatchObject([{messageId: 'adminPolicy', resource: {id: 'Role'}, location: {line: 7}}])
  })
})
