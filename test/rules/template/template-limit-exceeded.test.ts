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

  // 250 SAM functions are 250 resources as written and 500 (each with its role) once SAM expands them; one more queue takes the processed template over.
  const samFunctions = (count: number, queuesToo: number) =>
    `Transform: AWS::Serverless-2016-10-31\nResources:\n${Array.from({length: count}, (_, index) => `  Fn${index}:\n    Type: AWS::Serverless::Function\n    Properties: {Runtime: nodejs22.x, Handler: index.handler, CodeUri: src/}\n`).join('')}${Array.from({length: queuesToo}, (_, index) => `  Queue${index}:\n    Type: AWS::SQS::Queue\n`).join('')}`

  it('counts the resources SAM generates: 251 declared resources that become 501 are reported at Resources', () => {
    expect(runRule('TPL011', samFunctions(250, 0))).toEqual([])
    const findings = runRule('TPL011', samFunctions(250, 1))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({severity: 'error', messageId: 'tooManyProcessed', data: {declared: 251, count: 501, limit: 500}, location: {line: 2}})
    expect(findings[0]!.message).toBe('The template declares 251 resources, which become 501 once SAM expands them; CloudFormation counts the processed template and accepts at most 500.')
  })

  it('counts the resources Fn::ForEach generates, as CloudFormation counts them after the loop is expanded', () => {
    const names = Array.from({length: 501}, (_, index) => `Q${index}`).join(', ')
    const loop = (list: string) => `Transform: AWS::LanguageExtensions\nResources:\n  'Fn::ForEach::Queues':\n    - Name\n    - [${list}]\n    - '\${Name}':\n        Type: AWS::SQS::Queue\n`
    expect(runRule('TPL011', loop(names))).toMatchObject([{messageId: 'tooMany', data: {section: 'Resources', count: 501, limit: 500}}])
    expect(runRule('TPL011', loop(Array.from({length: 500}, (_, index) => `Q${index}`).join(', ')))).toEqual([])
  })

  it('reports a template over the quota as written once, not again for its processed form', () => {
    const findings = runRule('TPL011', samFunctions(501, 0))
    expect(findings.map((finding) => finding.messageId)).toEqual(['tooMany'])
  })
})
