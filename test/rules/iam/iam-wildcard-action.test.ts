// IAM001: table-driven cases and fixtures for `*` and `service:*` actions.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {roleWith, samFunctionWith} from './iam-test-kit.js'

describe('IAM001 iam-wildcard-action', () => {
  it.each([
    ['service wildcard as a string', '{Effect: Allow, Action: "sqs:*", Resource: !GetAtt Q.Arn}', 'sqs:*', 'sqs', 13],
    ['upper-case service wildcard in a list', '{Effect: Allow, Action: [sqs:SendMessage, "SQS:*"], Resource: !GetAtt Q.Arn}', 'SQS:*', 'sqs', 13],
    ['bare * on a specific resource', '{Effect: Allow, Action: "*", Resource: !GetAtt Q.Arn}', '*', 'every service', 13],
    ['*:* on a specific resource', '{Effect: Allow, Action: "*:*", Resource: arn:aws:sqs:eu-west-1:123456789012:q}', '*:*', 'every service', 13],
  ])('reports %s', (_name, statement, action, service, line) => {
    const findings = runRule('IAM001', roleWith(statement))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ruleId: 'IAM001', messageId: 'wildcardAction', data: {action, service, holder: 'Role', policy: 'app'}, resource: {id: 'Role'}, location: {line}})
  })

  it.each([
    ['a named action', '{Effect: Allow, Action: sqs:SendMessage, Resource: "*"}'],
    [
      'partial wildcards that reach no Permissions management action (reads, CDK grant families)',
      '{Effect: Allow, Action: ["s3:Get*", "kms:GenerateDataKey*", "sqs:*Message", "s3:DeleteObject*", "dynamodb:*Item"], Resource: !GetAtt Q.Arn}',
    ],
    ['a partial wildcard of a service IAM does not know', '{Effect: Allow, Action: "nosuchservice:Put*", Resource: !GetAtt Q.Arn}'],
    ['a Deny statement', '{Effect: Deny, Action: "sqs:*", Resource: "*"}'],
    ['an action given by an intrinsic', '{Effect: Allow, Action: !Ref ActionParam, Resource: "*"}'],
    ['NotAction (IAM005)', '{Effect: Allow, NotAction: "iam:*", Resource: "*"}'],
    ['* on * (full admin, IAM003)', '{Effect: Allow, Action: "*", Resource: "*"}'],
    ['junk statement values', '{Effect: Allow, Action: [42, null], Resource: 7}'],
  ])('passes %s', (_name, statement) => {
    expect(runRule('IAM001', roleWith(statement))).toEqual([])
  })

  it('counts the actions a service wildcard covers today and how many of them change resources', () => {
    const [finding] = runRule('IAM001', roleWith('{Effect: Allow, Action: "sqs:*", Resource: !GetAtt Q.Arn}'))
    const count = Number(finding?.data.count)
    const changing = Number(finding?.data.changing)
    expect(count).toBeGreaterThan(15)
    expect(changing).toBeGreaterThan(5)
    expect(changing).toBeLessThan(count)
  })

  it('reports a partial wildcard that reaches Permissions management actions, with its counts and those actions named', () => {
    const findings = runRule('IAM001', roleWith('{Effect: Allow, Action: ["s3:Get*", "s3:Put*"], Resource: !GetAtt Q.Arn}'))
    expect(findings).toHaveLength(1)
    const [finding] = findings
    expect(finding).toMatchObject({messageId: 'partialWildcard', data: {action: 's3:Put*', service: 's3', holder: 'Role', policy: 'app'}, location: {line: 13}})
    const count = Number(finding?.data.count)
    const changing = Number(finding?.data.changing)
    // Every s3:Put* action writes; among them the policy and ACL actions.
    expect(count).toBeGreaterThan(20)
    expect(changing).toBe(count)
    expect(finding?.data.permissions).toMatch(/^s3:Put\w+, s3:Put\w+, s3:Put\w+ and \d+ more$/)
    expect(finding?.message).toContain(`it matches ${count} actions of s3 today, ${changing} of them Write, Permissions management or Tagging`)
  })

  it('names every Permissions management action a narrow partial wildcard reaches', () => {
    const [finding] = runRule('IAM001', roleWith('{Effect: Allow, Action: "s3:PutBucketP*", Resource: !GetAtt Q.Arn}'))
    expect(finding?.data.permissions).toBe('s3:PutBucketPolicy, s3:PutBucketPublicAccessBlock')
    expect(finding?.data.count).toBe(2)
  })

  it('reports the action inside SAM Policies at the line the user wrote', () => {
    const findings = runRule(
      'IAM001',
      samFunctionWith(`        - SQSPollerPolicy:
            QueueName: orders
        - Statement:
            - Effect: Allow
              Action:
                - dynamodb:*
              Resource: !GetAtt Table.Arn`),
    )
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({data: {action: 'dynamodb:*', holder: 'Fn'}, resource: {id: 'FnRole', logicalId: 'Fn'}, location: {line: 15}})
  })

  it('reads AWS::IAM::Policy, ManagedPolicy and a JSON-text policy document (live shape)', () => {
    const findings = runRule(
      'IAM001',
      `Resources:
  P:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: p
      Roles: [!Ref R]
      PolicyDocument: {Statement: [{Effect: Allow, Action: "sns:*", Resource: "*"}]}
  M:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: {Statement: {Effect: Allow, Action: "events:*", Resource: "*"}}
  R:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: live
          PolicyDocument: '%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22sqs%3A*%22%2C%22Resource%22%3A%22*%22%7D%5D%7D'
`,
    )
    expect(findings.map((f) => [f.resource?.id, f.data.action])).toEqual([
      ['R', 'sqs:*'],
      ['P', 'sns:*'],
      ['M', 'events:*'],
    ])
  })
})
