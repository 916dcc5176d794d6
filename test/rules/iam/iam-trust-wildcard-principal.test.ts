// IAM006: table-driven cases and fixtures for trust policies open to every principal.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {roleWith} from './iam-test-kit.js'

const statement = '{Effect: Allow, Action: s3:GetObject, Resource: !GetAtt B.Arn}'

describe('IAM006 iam-trust-wildcard-principal', () => {
  it.each([
    ['Principal "*"', '{Effect: Allow, Principal: "*", Action: sts:AssumeRole}'],
    ['Principal AWS "*"', '{Effect: Allow, Principal: {AWS: "*"}, Action: sts:AssumeRole}'],
    ['"*" in a list of AWS principals', '{Effect: Allow, Principal: {AWS: [arn:aws:iam::1:root, "*"]}, Action: sts:AssumeRole}'],
    ['only an external id', '{Effect: Allow, Principal: {AWS: "*"}, Action: sts:AssumeRole, Condition: {StringEquals: {sts:ExternalId: abc}}}'],
  ])('reports %s', (_name, trust) => {
    const findings = runRule('IAM006', roleWith(statement, trust))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({messageId: 'wildcardPrincipal', data: {holder: 'Role'}, resource: {id: 'Role'}, location: {line: 8}})
  })

  it.each([
    ['a service principal', '{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}'],
    ['"*" limited to the organisation', '{Effect: Allow, Principal: {AWS: "*"}, Action: sts:AssumeRole, Condition: {StringEquals: {aws:PrincipalOrgID: o-123}}}'],
    ['Deny "*"', '{Effect: Deny, Principal: "*", Action: sts:AssumeRole}'],
    ['a principal given by an intrinsic', '{Effect: Allow, Principal: {AWS: !Ref TrustedAccount}, Action: sts:AssumeRole}'],
  ])('passes %s', (_name, trust) => {
    expect(runRule('IAM006', roleWith(statement, trust))).toEqual([])
  })

  it('reads a live trust policy given as URL-encoded JSON', () => {
    const encoded = encodeURIComponent(JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', Principal: {AWS: '*'}, Action: 'sts:AssumeRole'}]}))
    const findings = runRule('IAM006', `Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: '${encoded}'\n`)
    expect(findings).toMatchObject([{messageId: 'wildcardPrincipal', resource: {id: 'Role'}}])
  })
})
