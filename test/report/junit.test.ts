// The JUnit reporter: one suite per file, failures only for findings at or above the fail level, errors for unusable files.
import {describe, expect, it} from 'vitest'

import {renderJunit} from '../../src/report/junit.js'
import {QUEUE_WITHOUT_DLQ, reportInput} from './input.js'

/** Attributes of every element with the given name, read with a small regular expression (the output is machine-written). */
function elements(xml: string, name: string): Array<Record<string, string>> {
  return [...xml.matchAll(new RegExp(`<${name}\\b([^>]*)>`, 'g'))].map((match) => Object.fromEntries([...match[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((attr) => [attr[1]!, attr[2]!])))
}

describe('junit reporter', () => {
  const files = {
    'a.yaml': QUEUE_WITHOUT_DLQ,
    'b.yaml': "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  T:\n    Type: AWS::SNS::Topic\n",
    'c.yaml': 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n   Properties: {}\n',
  }

  it('writes one test suite per file and a failure per finding at the fail level', () => {
    const xml = renderJunit(reportInput(files).input)
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/)
    const suites = elements(xml, 'testsuite')
    expect(suites.map((suite) => suite.name)).toEqual(['a.yaml', 'b.yaml', 'c.yaml'])
    expect(suites[0]).toMatchObject({failures: '1', errors: '0'})
    expect(suites[1]).toMatchObject({failures: '0', errors: '0'})
    expect(suites[2]).toMatchObject({errors: '1'})
    const failures = elements(xml, 'failure')
    expect(failures).toHaveLength(1)
    expect(failures[0]).toMatchObject({type: 'error'})
    expect(failures[0]!.message).toMatch(/Orders/)
    const cases = elements(xml, 'testcase')
    expect(cases.some((testCase) => testCase.classname === 'SQS001 sqs-queue-without-dlq' && testCase.file === 'a.yaml')).toBe(true)
    // The clean file still shows what was checked.
    expect(cases.some((testCase) => testCase.classname === 'SQS001 sqs-queue-without-dlq' && testCase.file === 'b.yaml')).toBe(true)
  })

  it('does not fail findings below the fail level', () => {
    const {input} = reportInput({'a.yaml': QUEUE_WITHOUT_DLQ})
    const lowered = {...input, files: input.files.map((file) => ({...file, findings: file.findings.map((finding) => ({...finding, severity: 'warning' as const}))}))}
    const xml = renderJunit(lowered)
    expect(elements(xml, 'failure')).toHaveLength(0)
    expect(xml).toMatch(/<system-out>/)
    expect(elements(renderJunit({...lowered, failLevel: 'warning'}), 'failure')).toHaveLength(1)
  })

  it('escapes XML special characters in messages', () => {
    const {input} = reportInput({'a.yaml': QUEUE_WITHOUT_DLQ})
    input.files[0]!.findings[0]!.message = 'a <b> & "c"'
    const xml = renderJunit(input)
    expect(xml).toContain('message="a &lt;b> &amp; &quot;c&quot;"')
    expect(xml).toContain('<![CDATA[a <b> & "c"')
  })
})
