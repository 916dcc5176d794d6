// Inline suppressions: our own (reason required, unused ones reported), other tools' through each rule's equivalents, and SAM inheritance.
import {describe, expect, it} from 'vitest'

import type {Finding} from '../../src/engine/finding.js'
import {runRules} from '../../src/engine/run.js'
import type {Rule} from '../../src/rules/types.js'
import {FIXED_NOW, graphOf} from '../helpers/lint.js'
import {FUNCTION_RULE, MAPPING_RULE, QUEUE_RULE, ROLE_RULE, THROWING_RULE, TOPIC_RULE} from './rules.js'

function run(text: string, rules: Rule[] = [QUEUE_RULE, TOPIC_RULE]): Finding[] {
  return runRules(
    graphOf(text),
    rules.map((rule) => ({rule, severity: rule.meta.severity, options: {}})),
    {now: FIXED_NOW},
  )
}

const summary = (findings: Finding[]) => findings.map((finding) => `${finding.ruleId}:${finding.messageId}:${finding.resource?.id}`).sort()

const queueWith = (metadata: string) => `Resources:
  Queue:
    Type: AWS::SQS::Queue
    Metadata:
${metadata
  .split('\n')
  .map((line) => `      ${line}`)
  .join('\n')}
  Topic:
    Type: AWS::SNS::Topic
`

describe('sls-eda suppressions', () => {
  it('without suppressions every resource is reported', () => {
    expect(summary(run(queueWith('other: 1')))).toEqual(['TST001:found:Queue', 'TST002:found:Topic'])
  })

  it.each([['TST001'], ['test-every-queue']])('suppress %s with a reason silences that rule on that resource only', (key) => {
    const findings = run(queueWith(`sls-eda:\n  suppress:\n    - rule: ${key}\n      reason: Replayed from the source.`))
    expect(summary(findings)).toEqual(['TST002:found:Topic'])
  })

  it('a suppression without a reason is ignored and reported (SLS003 noReason) at the entry', () => {
    const findings = run(queueWith('sls-eda:\n  suppress:\n    - rule: TST001'))
    expect(summary(findings)).toEqual(['SLS003:noReason:Queue', 'TST001:found:Queue', 'TST002:found:Topic'])
    const noReason = findings.find((finding) => finding.ruleId === 'SLS003')!
    expect(noReason.data).toEqual({rule: 'TST001'})
    expect(noReason.location?.line).toBe(7)
  })

  it('a blank reason counts as no reason', () => {
    expect(summary(run(queueWith('sls-eda:\n  suppress:\n    - {rule: TST001, reason: "  "}')))).toContain('SLS003:noReason:Queue')
  })

  it('a suppression that matches no finding of a rule that ran is reported as unused (SLS003 unused)', () => {
    const text = `Resources:
  Topic:
    Type: AWS::SNS::Topic
    Metadata:
      sls-eda:
        suppress:
          - rule: TST001
            reason: Not a queue, so this never matched anything.
          - rule: SQS999
            reason: A rule that did not run is not reported.
`
    const findings = run(text)
    expect(summary(findings)).toEqual(['SLS003:unused:Topic', 'TST002:found:Topic'])
    expect(findings.find((finding) => finding.ruleId === 'SLS003')!.data).toEqual({rule: 'TST001'})
  })
})

describe("other tools' suppressions", () => {
  it.each([
    ['cfn-lint ignore_checks', 'cfn-lint:\n  config:\n    ignore_checks: [W9001]'],
    ['cdk-nag rules_to_suppress', 'cdk_nag:\n  rules_to_suppress:\n    - id: AwsSolutions-SQS3\n      reason: DLQ handled elsewhere'],
    ['cdk-nag with a finding suffix', 'cdk_nag:\n  rules_to_suppress:\n    - id: "AwsSolutions-SQS3[Resource::*]"\n      reason: DLQ handled elsewhere'],
    ['checkov skip', 'checkov:\n  skip:\n    - id: CKV_AWS_999\n      comment: Handled elsewhere'],
    ['cfn_nag rules_to_suppress', 'cfn_nag:\n  rules_to_suppress:\n    - id: W48\n      reason: Handled elsewhere'],
  ])('%s silences the rule whose equivalents list that check', (_name, metadata) => {
    expect(summary(run(queueWith(metadata)))).toEqual(['TST002:found:Topic'])
  })

  it("another tool's check that is not an equivalent silences nothing, and is never reported as unused", () => {
    const findings = run(queueWith('cfn-lint:\n  config:\n    ignore_checks: [E3001]\ncheckov:\n  skip:\n    - id: CKV_AWS_1\n      comment: unrelated'))
    expect(summary(findings)).toEqual(['TST001:found:Queue', 'TST002:found:Topic'])
  })

  it("a rule without that tool's equivalent is not silenced by it", () => {
    const text = `Resources:
  Topic:
    Type: AWS::SNS::Topic
    Metadata:
      cfn-lint:
        config:
          ignore_checks: [W9001]
`
    expect(summary(run(text))).toEqual(['TST002:found:Topic'])
  })
})

describe('SAM resources', () => {
  const sam = (metadata: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Metadata:
      sls-eda:
        suppress:
          - rule: TST001
            reason: Test queue.
  Worker:
    Type: AWS::Serverless::Function
    Metadata:
${metadata}
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: .
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue.Arn
`
  const rules = [QUEUE_RULE, FUNCTION_RULE, MAPPING_RULE, ROLE_RULE]

  it('SAM generates a function, its role and an event source mapping, all reported by default', () => {
    const findings = run(sam('      other: 1'), rules)
    expect(summary(findings)).toEqual(['TST006:found:Worker', 'TST007:found:WorkerJobs', 'TST008:found:WorkerRole'])
    // Generated resources point at what the user wrote.
    expect(findings.find((finding) => finding.ruleId === 'TST008')!.resource).toMatchObject({logicalId: 'Worker', declaredType: 'AWS::Serverless::Function'})
  })

  it('a suppression on the SAM function applies to the resources SAM generates from it', () => {
    const metadata = `      sls-eda:
        suppress:
          - rule: TST007
            reason: Batch failures are handled by the queue redrive.
          - rule: test-every-role
            reason: The generated role is reviewed by the platform team.`
    expect(summary(run(sam(metadata), rules))).toEqual(['TST006:found:Worker'])
  })

  it("other tools' suppressions on the SAM function apply to the generated function", () => {
    const metadata = `      checkov:
        skip:
          - id: CKV_AWS_116
            comment: No DLQ needed for this worker.`
    expect(summary(run(sam(metadata), rules))).toEqual(['TST007:found:WorkerJobs', 'TST008:found:WorkerRole'])
  })

  it('an unused suppression on a SAM resource is reported once, not once per generated resource', () => {
    const metadata = `      sls-eda:
        suppress:
          - rule: TST001
            reason: There is no queue here.`
    const findings = run(sam(metadata), rules)
    expect(findings.filter((finding) => finding.ruleId === 'SLS003')).toHaveLength(1)
  })
})

describe('a rule that throws', () => {
  it('becomes an SLS002 finding and the other rules still run', () => {
    const findings = run(queueWith('other: 1'), [THROWING_RULE, QUEUE_RULE])
    expect(summary(findings)).toEqual(['SLS002:crashed:undefined', 'TST001:found:Queue'])
    expect(findings.find((finding) => finding.ruleId === 'SLS002')!.data).toMatchObject({rule: 'TST009', error: 'boom'})
  })
})
