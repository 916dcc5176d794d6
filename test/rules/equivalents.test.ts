// Equivalent rule ids in other tools have the shape each tool gives its ids, so suppressions written for those tools match.
import {describe, expect, it} from 'vitest'

import {CATALOGUE, findRule} from '../../src/rules/index.js'
import {EQUIVALENT_TOOLS, type EquivalentTool} from '../../src/rules/types.js'

/**
 * How each tool spells a rule id: cfn-lint `E3505`; Checkov `CKV_AWS_116` / `CKV2_AWS_…`; serverless-rules
 * `ES6000` / `WS1004`; cdk-nag `<pack>-<rule>` (`AwsSolutions-IAM5`, `Serverless-LambdaDLQ`,
 * `NIST.800.53.R5-CloudWatchAlarmAction`; a rule outside every pack has no id to suppress); cfn_nag `W11`;
 * Security Hub controls `Lambda.7`.
 */
const SHAPES: Record<EquivalentTool, RegExp> = {
  'cfn-lint': /^[EWI]\d{4}$/,
  checkov: /^CKV2?_AWS_\d+$/,
  'serverless-rules': /^[EW]S\d{4}$/,
  'cdk-nag': /^(AwsSolutions|Serverless|HIPAA\.Security|NIST\.800\.53\.R[45]|PCI\.DSS\.321)-[A-Za-z][A-Za-z0-9]*$/,
  cfn_nag: /^[FWI]\d{1,3}$/,
  'security-hub': /^[A-Za-z]+\.\d+$/,
}

const entries = CATALOGUE.flatMap((rule) => Object.entries(rule.meta.equivalents).flatMap(([tool, ids]) => (ids ?? []).map((id) => [rule.meta.id, tool, id] as const)))

describe('equivalents in other tools', () => {
  it('name only known tools', () => {
    for (const [, tool] of entries) expect(EQUIVALENT_TOOLS).toContain(tool)
  })

  it.each(entries)('%s: %s id %s has the shape of that tool', (_rule, tool, id) => {
    expect(id).toMatch(SHAPES[tool as EquivalentTool])
  })

  it('map serverless-rules WS1004 (log retention) to both halves of it: the declared log group and its retention', () => {
    expect(findRule('LMB013')?.meta.equivalents['serverless-rules']).toContain('WS1004')
    expect(findRule('LOG001')?.meta.equivalents['serverless-rules']).toContain('WS1004')
  })

  it('map cfn-lint W3037 (IAM permission names) to the unknown-action rule', () => {
    expect(findRule('IAM008')?.meta.equivalents['cfn-lint']).toEqual(['W3037'])
  })
})
