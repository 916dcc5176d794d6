// IAM005: table-driven cases and fixtures for Allow with NotAction, NotResource and NotPrincipal.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {roleWith} from './iam-test-kit.js'

describe('IAM005 iam-allow-with-not-element', () => {
  it.each([
    ['NotAction', '{Effect: Allow, NotAction: "iam:*", Resource: "*"}', 'notAction', 13],
    ['NotResource', '{Effect: Allow, Action: s3:GetObject, NotResource: arn:aws:s3:::secret/*}', 'notResource', 13],
  ])('reports Allow with %s', (_name, statement, messageId, line) => {
    const findings = runRule('IAM005', roleWith(statement))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({messageId, data: {holder: 'Role', policy: 'app'}, resource: {id: 'Role'}, location: {line}})
  })

  it('reports NotPrincipal with Allow in a trust policy', () => {
    const findings = runRule('IAM005', roleWith('{Effect: Allow, Action: s3:GetObject, Resource: !GetAtt B.Arn}', '{Effect: Allow, NotPrincipal: {AWS: arn:aws:iam::1:root}, Action: sts:AssumeRole}'))
    expect(findings).toMatchObject([{messageId: 'notPrincipal', data: {holder: 'Role'}, location: {line: 8}}])
  })

  it.each([
    ['Deny with NotAction (a guard rail)', '{Effect: Deny, NotAction: [s3:GetObject], Resource: "*"}'],
    ['plain Action and Resource', '{Effect: Allow, Action: s3:GetObject, Resource: !Sub "${B.Arn}/*"}'],
  ])('passes %s', (_name, statement) => {
    expect(runRule('IAM005', roleWith(statement))).toEqual([])
  })
})
