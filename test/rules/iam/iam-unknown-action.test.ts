// IAM008: misspelt actions and services, checked against the Service Authorization Reference data, with a suggestion.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {readFileSync} from 'node:fs'

import {roleWith} from './iam-test-kit.js'

const FAIL_FIXTURE = readFileSync(new URL('../../fixtures/rules/IAM008/fail.yaml', import.meta.url), 'utf8')

describe('IAM008 iam-unknown-action', () => {
  it('reports misspelt actions with the action meant', () => {
    const findings = runRule('IAM008', FAIL_FIXTURE)
    expect(findings.map((f) => [f.messageId, f.data.action, f.data.suggestion])).toEqual([
      ['unknownAction', 'sqs:SendMesage', ' (did you mean "sqs:SendMessage"?)'],
      ['unknownAction', 'dynamodb:PutItems', ' (did you mean "dynamodb:PutItem"?)'],
    ])
    expect(findings[0]).toMatchObject({severity: 'warning', resource: {id: 'WorkerRole'}, location: {line: 20}})
  })

  it.each([
    ['an unknown service prefix', '{Effect: Allow, Action: sqss:SendMessage, Resource: "*"}', 'unknownService', 'sqs:SendMessage'],
    ['a typo in a Deny', '{Effect: Deny, Action: s3:DeleteObjets, Resource: "*"}', 'unknownAction', 's3:DeleteObject'],
    ['a typo in NotAction', '{Effect: Allow, NotAction: iam:CreatUser, Resource: "*"}', 'unknownAction', 'iam:CreateUser'],
  ])('reports %s', (_name, statement, messageId, suggestion) => {
    const findings = runRule('IAM008', roleWith(statement))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({messageId, data: {suggestion: ` (did you mean "${suggestion}"?)`}})
  })

  it('reports a pattern that matches no action', () => {
    expect(runRule('IAM008', roleWith('{Effect: Allow, Action: "sqs:Sned*", Resource: "*"}'))).toMatchObject([{messageId: 'patternMatchesNothing', data: {service: 'sqs'}}])
  })

  it.each([
    ['actions in any case', '{Effect: Allow, Action: [SQS:sendmessage, Lambda:InvokeFunction], Resource: "*"}'],
    ['patterns that match', '{Effect: Allow, Action: ["s3:Get*", "sqs:*", "*", "ec2:Describe?etworkInterfaces"], Resource: "*"}'],
    ['an action from an intrinsic', '{Effect: Allow, Action: !Ref ActionParam, Resource: "*"}'],
  ])('passes %s', (_name, statement) => {
    expect(runRule('IAM008', roleWith(statement))).toEqual([])
  })
})
