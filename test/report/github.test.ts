// The GitHub Actions reporter: workflow commands with positions, and escaping as the runner requires.
import {describe, expect, it} from 'vitest'

import {escapeData, escapeProperty, renderGithub} from '../../src/report/github.js'
import {QUEUE_WITHOUT_DLQ, reportInput} from './input.js'

describe('github reporter', () => {
  it('writes one ::error command per error finding with file, line, columns and title', () => {
    const {input} = reportInput({'stacks/orders.yaml': QUEUE_WITHOUT_DLQ})
    const lines = renderGithub(input).trimEnd().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^::error file=stacks\/orders\.yaml,line=3,col=3,endLine=3,endColumn=9,title=SQS001 sqs-queue-without-dlq::Queue Orders /)
    expect(lines[0]).toContain('%0AFix: ')
    expect(lines[1]).toBe('sls-eda: 1 errors, 0 warnings, 0 info in 1 templates')
  })

  it('maps warnings to ::warning and info to ::notice', () => {
    const {input} = reportInput({'a.yaml': QUEUE_WITHOUT_DLQ})
    const finding = input.files[0]!.findings[0]!
    const asWarning = renderGithub({...input, files: [{...input.files[0]!, findings: [{...finding, severity: 'warning'}]}]})
    const asInfo = renderGithub({...input, files: [{...input.files[0]!, findings: [{...finding, severity: 'info'}]}]})
    expect(asWarning).toMatch(/^::warning file=/)
    expect(asInfo).toMatch(/^::notice file=/)
  })

  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b')
    expect(escapeProperty('C:\\dir,x%\n')).toBe('C%3A\\dir%2Cx%25%0A')
    const {input} = reportInput({'a,b:c.yaml': QUEUE_WITHOUT_DLQ})
    input.files[0]!.findings[0]!.message = '100% broken:\nsee, here'
    const line = renderGithub(input).split('\n')[0]!
    expect(line).toMatch(/^::error file=a%2Cb%3Ac\.yaml,line=3,/)
    expect(line).toContain('::100%25 broken:%0Asee, here')
    // Exactly one separator between properties and message.
    expect(line.split('::')).toHaveLength(3)
  })

  it('omits endColumn when a region spans lines, as GitHub ignores it then', () => {
    const {input} = reportInput({'a.yaml': QUEUE_WITHOUT_DLQ})
    input.files[0]!.findings[0]!.location = {file: input.files[0]!.file, line: 3, column: 3, endLine: 6, endColumn: 28}
    expect(renderGithub(input)).toMatch(/line=3,col=3,endLine=6,title=/)
  })
})
