// The rule-side view of Fn::If: a property set on one branch is an absence worth an info at most.
import {readFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {absenceOf, absenceOfAny, absenceReport} from '../../src/rules/conditional.js'
import {FIXTURES} from '../helpers/fixtures.js'
import {runRule} from '../helpers/lint.js'

describe('absenceOf', () => {
  it('is undefined when every branch sets the property', () => {
    expect(absenceOf({A: {'Fn::If': ['C', 1, 2]}}, 'A')).toBeUndefined()
  })

  it('is conditional, capped at info, when a branch leaves it out', () => {
    expect(absenceOf({A: {'Fn::If': ['IsProd', {B: 1}, {Ref: 'AWS::NoValue'}]}}, 'A', 'B')).toEqual({conditional: true, conditions: 'IsProd', maxSeverity: 'info'})
  })

  it("is a plain absence, at the rule's severity, when nothing sets it", () => {
    expect(absenceOf({}, 'A')).toEqual({conditional: false, conditions: ''})
  })
})

describe('absenceOfAny', () => {
  const paths = [
    ['DeadLetterConfig', 'Arn'],
    ['DeadLetterConfig', 'Type'],
  ]

  it('is undefined when one of the properties is set on every branch', () => {
    expect(absenceOfAny({DeadLetterConfig: {Type: 'SQS'}}, paths)).toBeUndefined()
    expect(absenceOfAny({DeadLetterConfig: {'Fn::If': ['IsProd', {Arn: 'a'}, {Arn: 'b'}]}}, paths)).toBeUndefined()
  })

  it('is conditional, naming every deciding condition, when some branch sets one of them', () => {
    const value = {DeadLetterConfig: {'Fn::If': ['IsProd', {Arn: 'a'}, {'Fn::If': ['IsTest', {Type: 'SQS'}, {Ref: 'AWS::NoValue'}]}]}}
    expect(absenceOfAny(value, paths)).toEqual({conditional: true, conditions: 'IsProd, IsTest', maxSeverity: 'info'})
  })

  it('is a plain absence when none of them is set', () => {
    expect(absenceOfAny({DeadLetterConfig: {}}, paths)).toEqual({conditional: false, conditions: ''})
  })
})

describe('absenceReport', () => {
  const base = {path: ['Target'], conditionalPath: ['Target', 'RetryPolicy'], messageId: 'noRetryPolicy', conditionalMessageId: 'conditionalRetryPolicy', data: {schedule: 'Nightly'}, fix: 'Add it.'}

  it("is the plain report, at the rule's severity, when nothing sets the property", () => {
    expect(absenceReport({conditional: false, conditions: ''}, base)).toEqual({path: ['Target'], messageId: 'noRetryPolicy', data: {schedule: 'Nightly'}, fix: 'Add it.'})
  })

  it('is the conditional report at the property, naming the conditions, at info at most, when a branch sets it', () => {
    expect(absenceReport({conditional: true, conditions: 'IsProd', maxSeverity: 'info'}, base)).toEqual({
      path: ['Target', 'RetryPolicy'],
      messageId: 'conditionalRetryPolicy',
      data: {schedule: 'Nightly', conditions: 'IsProd'},
      fix: 'Add it.',
      maxSeverity: 'info',
    })
  })
})

describe('dead-letter and retry settings set on one Fn::If branch', () => {
  // Each rule reports a setting one branch leaves out as an info (whatever its own severity), and accepts one every branch sets.
  it.each([
    ['EVB001', 'conditionalDlq'],
    ['EVB002', 'conditionalRetryPolicy'],
    ['EVB006', 'conditionalDlq'],
    ['EVB007', 'conditionalDlq'],
    ['EVB008', 'conditionalRetryPolicy'],
    ['SNS001', 'conditionalRedrive'],
  ])('%s reports %s at info, never higher', (id, messageId) => {
    const fixture = (name: string) => readFileSync(path.join(FIXTURES, id, name), 'utf8')
    const findings = runRule(id, fixture('fail-conditional.yaml'))
    expect(findings.length).toBeGreaterThan(0)
    expect(findings.map((finding) => finding.messageId)).toContain(messageId)
    expect(findings.every((finding) => finding.severity === 'info')).toBe(true)
    expect(findings.find((finding) => finding.messageId === messageId)?.message).toContain('only when IsProd chooses it')
    expect(runRule(id, fixture('pass-conditional.yaml'))).toEqual([])
  })
})
