// `sls-eda rules` and `sls-eda rules show` through the built CLI.
import {describe, expect, it} from 'vitest'

import {CATALOGUE} from '../../src/rules/index.js'
import {runCli, STACK_TRACE} from './cli.js'

interface Entry {
  id: string
  name: string
  title: string
  severity: string
  service: string
  sources: string[]
  status: string
  recommended: boolean
  practices: string[]
  equivalents: Record<string, string[]>
}

describe('sls-eda rules (subprocess)', () => {
  it('--json prints the whole catalogue with the documented fields', () => {
    const result = runCli(['rules', '--json'])
    expect(result.status).toBe(0)
    const entries = JSON.parse(result.stdout) as Entry[]
    expect(entries.map((entry) => entry.id)).toEqual(CATALOGUE.filter((rule) => rule.meta.status !== 'removed').map((rule) => rule.meta.id))
    const sqs = entries.find((entry) => entry.id === 'SQS001')!
    expect(sqs).toMatchObject({name: 'sqs-queue-without-dlq', severity: 'error', service: 'sqs', sources: ['template', 'live'], status: 'stable', recommended: true, practices: ['P-ERR-1']})
    expect(sqs.equivalents['cdk-nag']).toContain('AwsSolutions-SQS3')
    for (const entry of entries) {
      expect(Object.keys(entry)).toEqual(expect.arrayContaining(['id', 'name', 'title', 'severity', 'service', 'sources', 'status', 'recommended', 'practices', 'equivalents']))
    }
  })

  it('filters by service, severity and source', () => {
    const sqsErrors = JSON.parse(runCli(['rules', '--service', 'sqs', '--severity', 'error', '--json']).stdout) as Entry[]
    expect(sqsErrors.length).toBeGreaterThan(0)
    expect(sqsErrors.every((entry) => entry.service === 'sqs' && entry.severity === 'error')).toBe(true)
    expect(sqsErrors.map((entry) => entry.id)).toContain('SQS001')
    const live = JSON.parse(runCli(['rules', '--source', 'live', '--json']).stdout) as Entry[]
    expect(live.every((entry) => entry.sources.includes('live'))).toBe(true)
    expect(live.map((entry) => entry.id)).not.toContain('SLS001')
  })

  it('prints a table with one line per rule', () => {
    const result = runCli(['rules', '--service', 'sqs'])
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(/^ID\s+NAME\s+SEVERITY\s+SERVICE\s+SOURCES\s+PRESET\s+TITLE$/m)
    expect(result.stdout).toMatch(/^SQS001\s+sqs-queue-without-dlq\s+error\s+sqs\s+template\+live\s+recommended\s+SQS queue has no dead-letter queue$/m)
    expect(result.stdout).not.toMatch(/^LMB001/m)
  })

  it('rejects an unknown service with the valid values', () => {
    const result = runCli(['rules', '--service', 'kafka'])
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/Expected --service=kafka to be one of/)
  })

  it.each([['SQS001'], ['sqs-queue-without-dlq'], ['sqs001']])('rules show %s prints the documentation', (key) => {
    const result = runCli(['rules', 'show', key])
    expect(result.status).toBe(0)
    for (const heading of ['What it checks', 'Why it matters', 'Failing example', 'Fixed example', 'When not to use it', 'References', 'Docs']) {
      expect(result.stdout).toMatch(new RegExp(`^${heading}$`, 'm'))
    }
    expect(result.stdout).toMatch(/^SQS001 sqs-queue-without-dlq: /)
  })

  it('rules show is rendered for a terminal: no Markdown, no HTML comments, practices spelt out, the installed page named', () => {
    const result = runCli(['rules', 'show', 'SQS001'])
    expect(result.stdout).not.toMatch(/<!--|^#|^\|---|\*\*|<https/m)
    expect(result.stdout).toMatch(/^ {2}P-ERR-1 Every consumed SQS queue has a dead-letter queue$/m)
    expect(result.stdout).toMatch(/^ {2}\S+\/docs\/rules\/SQS001\.md \(installed with sls-eda\)$/m)
  })

  it('every practice a rule cites has a title to spell it out with', async () => {
    const {PRACTICES} = await import('../../src/rules/practices.js')
    const cited = new Set(CATALOGUE.flatMap((rule) => rule.meta.practices))
    expect([...cited].filter((id) => !(id in PRACTICES))).toEqual([])
  })

  it.each([
    ['SQS01', /unknown rule "SQS01" \(did you mean SQS001, sqs-queue-without-dlq\?\)/],
    ['sqs-queue-without-dql', /unknown rule "sqs-queue-without-dql" \(did you mean SQS001, sqs-queue-without-dlq\?\)/],
  ])('rules show %s: exit 2 and the rule probably meant', (key, message) => {
    const result = runCli(['rules', 'show', key])
    expect(result.status).toBe(2)
    expect(result.stderr.replace(/\s*\n\s*›\s*/g, ' ')).toMatch(message)
  })

  it('rules show --json includes messages and docs', () => {
    const shown = JSON.parse(runCli(['rules', 'show', 'SQS001', '--json']).stdout)
    expect(shown).toMatchObject({id: 'SQS001', messages: {noRedrive: expect.any(String)}, docs: {references: expect.any(Array)}})
  })

  it('rules show of an unknown rule: exit 2 with a hint', () => {
    const result = runCli(['rules', 'show', 'NOPE999'])
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/unknown rule "NOPE999"; run `sls-eda rules`/)
    expect(result.stderr).not.toMatch(STACK_TRACE)
  })
})
