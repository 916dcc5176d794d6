// The SARIF reporter: output validates against the official SARIF 2.1.0 schema and carries what code scanning needs.
import {readFileSync} from 'node:fs'

import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import type {Log} from 'sarif'
import {describe, expect, it} from 'vitest'

import {renderSarif} from '../../src/report/sarif.js'
import {QUEUE_WITHOUT_DLQ, reportInput} from './input.js'

const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8'))

function validate(log: unknown): string[] {
  const ajv = new Ajv({strict: false, allErrors: true})
  addFormats(ajv)
  const check = ajv.compile(schema)
  return check(log) ? [] : (check.errors ?? []).map((error) => `${error.instancePath} ${error.message}`)
}

describe('sarif reporter', () => {
  const {input} = reportInput({
    'stacks/orders.yaml': QUEUE_WITHOUT_DLQ,
    'stacks/with space.yaml': QUEUE_WITHOUT_DLQ,
    'broken.yaml': 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n   Properties: {}\n',
  })
  const log = JSON.parse(renderSarif(input)) as Log

  it('validates against the SARIF 2.1.0 schema', () => {
    expect(validate(log)).toEqual([])
  })

  it('the validator rejects a log that breaks the schema (the check is real)', () => {
    const broken = structuredClone(log)
    ;(broken.runs[0]!.results![0]! as {level: string}).level = 'fatal'
    expect(validate(broken).length).toBeGreaterThan(0)
  })

  it('gives every result a rule id, level, message and a region in a path relative to the working folder', () => {
    const results = log.runs[0]!.results!
    expect(results.length).toBe(3)
    for (const result of results) {
      expect(result.ruleId).toMatch(/^[A-Z]+\d{3}$/)
      expect(result.level).toBe('error')
      expect(result.message.text).toBeTruthy()
      const physical = result.locations![0]!.physicalLocation!
      expect(physical.artifactLocation!.uri).not.toMatch(/^\/|^file:/)
      expect(physical.region).toMatchObject({startLine: expect.any(Number), startColumn: expect.any(Number), endLine: expect.any(Number), endColumn: expect.any(Number)})
    }
    const queue = results.find((result) => result.ruleId === 'SQS001' && result.locations![0]!.physicalLocation!.artifactLocation!.uri === 'stacks/orders.yaml')
    expect(queue?.locations![0]!.physicalLocation!.region).toMatchObject({startLine: 3, startColumn: 3, endLine: 3})
    expect(queue?.locations![0]!.logicalLocations![0]).toMatchObject({name: 'Orders', kind: 'resource'})
    expect(results.map((result) => result.locations![0]!.physicalLocation!.artifactLocation!.uri)).toContain('stacks/with%20space.yaml')
    const parse = results.find((result) => result.ruleId === 'SLS001')
    expect(parse?.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('broken.yaml')
    expect(parse?.locations![0]!.physicalLocation!.region!.startLine).toBeGreaterThan(1)
  })

  it('lists every rule that ran with descriptions, help in text and Markdown, a help URI and tags', () => {
    const rules = log.runs[0]!.tool.driver.rules!
    expect(rules.map((rule) => rule.id).sort()).toEqual(['SLS001', 'SLS002', 'SLS003', 'SLS004', 'SQS001'])
    const sqs = rules.find((rule) => rule.id === 'SQS001')!
    expect(sqs.name).toBe('sqs-queue-without-dlq')
    expect(sqs.shortDescription?.text).toBe('SQS queue has no dead-letter queue')
    expect(sqs.fullDescription?.text).toMatch(/RedrivePolicy/)
    expect(sqs.help?.text).toMatch(/Why it matters/)
    expect(sqs.help?.markdown).toMatch(/## Failing example/)
    expect(sqs.helpUri).toMatch(/docs\/rules\/SQS001\.md$/)
    expect(sqs.properties?.tags).toEqual(expect.arrayContaining(['sqs', 'P-ERR-1']))
    for (const result of log.runs[0]!.results!) expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId)
  })

  it('names the tool and version, and where relative paths start', () => {
    expect(log.version).toBe('2.1.0')
    expect(log.runs[0]!.tool.driver).toMatchObject({name: 'sls-eda', version: '1.2.3'})
    expect(log.runs[0]!.originalUriBaseIds!['%SRCROOT%']!.uri).toMatch(/^file:\/\/.*\/$/)
  })

  it('gives stable fingerprints that do not depend on line numbers', () => {
    const moved = reportInput({'stacks/orders.yaml': `# a comment that moves every line down\n${QUEUE_WITHOUT_DLQ}`})
    const again = JSON.parse(renderSarif(moved.input)) as Log
    const first = log.runs[0]!.results!.find((result) => result.locations![0]!.physicalLocation!.artifactLocation!.uri === 'stacks/orders.yaml')!
    expect(again.runs[0]!.results![0]!.partialFingerprints).toEqual(first.partialFingerprints)
  })

  it('produces a valid log with no results for a clean folder', () => {
    const clean = reportInput({'ok.yaml': "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  T:\n    Type: AWS::SNS::Topic\n"})
    const empty = JSON.parse(renderSarif(clean.input)) as Log
    expect(empty.runs[0]!.results).toEqual([])
    expect(validate(empty)).toEqual([])
  })
})
