// TPL011: CloudFormation's template quotas: 500 resources, 200 parameters, 200 outputs, 1 MB of template body.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const queues = (count: number) => `Resources:\n${Array.from({length: count}, (_, index) => `  Queue${index}:\n    Type: AWS::SQS::Queue\n`).join('')}`
const section = (name: string, count: number, entry: (index: number) => string) => `${name}:\n${Array.from({length: count}, (_, index) => entry(index)).join('')}`

describe('TPL011 template-limit-exceeded', () => {
  it('reports a 5,000-resource template once, at Resources', () => {
    const findings = runRule('TPL011', queues(5000))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({severity: 'error', messageId: 'tooMany', data: {section: 'Resources', count: 5000, limit: 500}, location: {line: 1}})
  })

  it('accepts exactly 500 resources and reports 501', () => {
    expect(runRule('TPL011', queues(500))).toEqual([])
    expect(runRule('TPL011', queues(501))).toMatchObject([{data: {count: 501}}])
  })

  it('reports more than 200 parameters or outputs', () => {
    const parameters = section('Parameters', 201, (index) => `  P${index}:\n    Type: String\n`)
    const outputs = section('Outputs', 201, (index) => `  O${index}:\n    Value: !Ref P${index}\n`)
    const findings = runRule('TPL011', `${parameters}${outputs}${queues(1)}`)
    expect(findings.map((finding) => finding.data)).toEqual([
      {section: 'Parameters', noun: 'parameters', count: 201, limit: 200},
      {section: 'Outputs', noun: 'outputs', count: 201, limit: 200},
    ])
  })

  it('reports a template body over 1 MB', () => {
    const padding = `Metadata:\n  Notes: "${'x'.repeat(1024 * 1024)}"\n`
    const findings = runRule('TPL011', `${padding}${queues(1)}`)
    expect(findings).toMatchObject([{messageId: 'tooLarge', data: {limit: 1048576}}])
    expect(Number(findings[0]!.data!.size)).toBeGreaterThan(1024 * 1024)
  })
})
