// A live account is one graph: stacks that refer to each other by ARN give the same verdicts live as their templates linked into one application.
import {readFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {auditInventory} from '../../src/audit/audit.js'
import {DEFAULT_CONFIG} from '../../src/engine/config.js'
import type {Finding} from '../../src/engine/finding.js'
import {lint} from '../../src/lint/lint.js'
import {findRule} from '../../src/rules/index.js'
import {FIXED_NOW} from '../helpers/lint.js'
import {inventoryFromStacks} from './deployed.js'

const DIR = path.resolve(import.meta.dirname, '../fixtures/applications/exports')
/** Deployed in this order: the queues stack exports what the others import. */
const STACKS = ['queues', 'service', 'monitoring']
const RULES = ['LMB003', 'LMB011', 'SQS002']
const catalogue = RULES.map((id) => findRule(id)!)
const config = {...DEFAULT_CONFIG, rules: Object.fromEntries(RULES.map((id) => [id, findRule(id)!.meta.severity]))}

/** What a user compares between the two reports: rule, message, and the resource as they wrote it. */
const verdicts = (findings: readonly Finding[]): string[] => findings.map((finding) => `${finding.ruleId} ${finding.messageId} ${finding.resource?.logicalId}`).sort()

function live(stacks: string[]): string[] {
  const inventory = inventoryFromStacks(stacks.map((stack) => ({stack, file: `${stack}.yaml`, text: readFileSync(path.join(DIR, `${stack}.yaml`), 'utf8')})))
  return verdicts(auditInventory(inventory, {config, catalogue, now: FIXED_NOW}).allFindings)
}

function template(files: string[]): string[] {
  const result = lint({paths: files.map((stack) => path.join(DIR, `${stack}.yaml`)), config, catalogue, cwd: DIR, now: FIXED_NOW})
  return verdicts(result.files.flatMap((file) => file.findings))
}

describe('cross-stack relations live and in templates', () => {
  it('links a queue to its consumer and its alarm in other stacks, by ARN live and by export in templates', () => {
    const expected = ['LMB003 noPartialFailures Worker', 'LMB011 belowSixTimes Orders']
    expect(live(STACKS)).toEqual(expected)
    expect(template(STACKS)).toEqual(expected)
  })

  it('sees the same absence in a stack on its own: the dead-letter queue has no alarm, and the queue no visible consumer', () => {
    expect(live(['queues'])).toEqual(['SQS002 noAlarm OrdersDlq'])
    expect(template(['queues'])).toEqual(['SQS002 noAlarm OrdersDlq'])
  })
})
