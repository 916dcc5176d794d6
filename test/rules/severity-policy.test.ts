// The severity policy is written where users read it (README, rule index), and the grades it implies hold.
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {renderRuleIndex} from '../../src/lib/rule-docs.js'
import {CATALOGUE, findRule} from '../../src/rules/index.js'
import {SEVERITIES, SEVERITY_POLICY} from '../../src/rules/types.js'

describe('severity policy', () => {
  it('is stated in the README and in the rule index, in the same words', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    const index = renderRuleIndex(CATALOGUE.map((rule) => rule.meta))
    for (const severity of SEVERITIES) {
      expect(readme).toContain(`- **${severity}**: ${SEVERITY_POLICY[severity]}`)
      expect(index).toContain(`- **${severity}**: ${SEVERITY_POLICY[severity]}`)
    }
  })

  it.each([
    // Over-broad but scoped to named resources: a practice, not a certain exposure.
    ['IAM001', 'warning'],
    // Six times the timeout is AWS's recommendation; below it messages are received twice, not lost.
    ['LMB011', 'warning'],
    // A function allowed to publish to what triggers it may guard the loop in code.
    ['LMB017', 'warning'],
    // AuthType NONE is how public webhooks are written; the exposure depends on the code.
    ['LMB021', 'warning'],
    // IAM accepts unknown actions; the effect is a denied call at run time.
    ['IAM008', 'warning'],
    // Certain from the template: writes reach every resource of the account; the role can be assumed by anyone.
    ['IAM002', 'error'],
    ['IAM006', 'error'],
  ])('%s is graded %s', (id, severity) => {
    expect(findRule(id)?.meta.severity).toBe(severity)
  })
})
