// IAM004: table-driven cases and fixtures for iam:PassRole on every role.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {roleWith} from './iam-test-kit.js'

describe('IAM004 iam-passrole-on-any-resource', () => {
  it.each([
    ['iam:PassRole', '{Effect: Allow, Action: iam:PassRole, Resource: "*"}', 'iam:PassRole'],
    ['a pattern, any case', '{Effect: Allow, Action: [lambda:CreateFunction, "IAM:Pass*"], Resource: ["*"]}', 'IAM:Pass*'],
    ['with iam:PassedToService (still every role)', '{Effect: Allow, Action: iam:PassRole, Resource: "*", Condition: {StringEquals: {iam:PassedToService: lambda.amazonaws.com}}}', 'iam:PassRole'],
  ])('reports %s', (_name, statement, action) => {
    const findings = runRule('IAM004', roleWith(statement))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({messageId: 'passRoleOnStar', data: {action, holder: 'Role'}, resource: {id: 'Role'}, location: {line: 13}})
  })

  it.each([
    ['PassRole on a named role', '{Effect: Allow, Action: iam:PassRole, Resource: !GetAtt JobRole.Arn}'],
    ['iam:* (IAM001)', '{Effect: Allow, Action: "iam:*", Resource: "*"}'],
    ['iam:PassRoleX is not PassRole', '{Effect: Allow, Action: iam:GetRole, Resource: "*"}'],
    ['Deny', '{Effect: Deny, Action: iam:PassRole, Resource: "*"}'],
  ])('passes %s', (_name, statement) => {
    expect(runRule('IAM004', roleWith(statement))).toEqual([])
  })
})
