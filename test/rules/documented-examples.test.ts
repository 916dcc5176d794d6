// Every rule's documented examples run: the failing example is a complete template that produces the rule's finding, the fixed one does not.
import {describe, expect, it} from 'vitest'

import {runRules} from '../../src/engine/run.js'
import {parseTemplateText} from '../../src/model/parse.js'
import {CATALOGUE} from '../../src/rules/index.js'
import type {Rule} from '../../src/rules/types.js'
import {FIXED_NOW, graphOf} from '../helpers/lint.js'

/** Engine rules whose examples are about the run itself, not a template: a file that does not parse (SLS001), a rule that crashes (SLS002). */
const ABOUT_THE_RUN = new Set(['SLS001', 'SLS002'])
/** Rules whose failing example cannot be shown whole on a page: TPL011's needs 501 resources or a 1 MB body (its fixtures generate them). */
const TOO_LARGE_TO_PRINT = new Set(['TPL011'])

const documented = CATALOGUE.filter((rule) => rule.meta.sources.includes('template') && rule.meta.status !== 'removed' && !ABOUT_THE_RUN.has(rule.meta.id) && !TOO_LARGE_TO_PRINT.has(rule.meta.id))

/** Runs one rule over an example; a date-dependent example states its date in a `# run on YYYY-MM-DD` comment. */
function findingsOf(rule: Rule, example: string): string[] {
  const date = /^# run on (\d{4}-\d{2}-\d{2})$/m.exec(example)?.[1]
  const now = date ? new Date(`${date}T00:00:00Z`) : FIXED_NOW
  return runRules(graphOf(example), [{rule, severity: rule.meta.severity, options: {...rule.meta.options}}], {now})
    .filter((finding) => finding.ruleId === rule.meta.id)
    .map((finding) => `${finding.messageId}: ${finding.message}`)
}

describe('documented examples', () => {
  it('cover the catalogue', () => {
    expect(documented.length).toBeGreaterThan(80)
  })

  it.each(documented.map((rule) => [rule.meta.id, rule] as const))('%s: the failing example is reported, the fixed one is not', (_id, rule) => {
    const {failing, fixed} = rule.meta.docs
    for (const example of [failing, fixed]) {
      const resources = (parseTemplateText('example.yaml', example).value as {Resources?: object} | undefined)?.Resources
      expect(Object.keys(resources ?? {}), 'a complete template, with Resources').not.toEqual([])
      if (example.includes('AWS::Serverless::')) expect(example, 'a SAM example declares the SAM transform').toMatch(/^Transform: AWS::Serverless-2016-10-31$/m)
    }
    expect(findingsOf(rule, failing), 'the failing example produces a finding').not.toEqual([])
    expect(findingsOf(rule, fixed), 'the fixed example produces none').toEqual([])
  })
})
