// TPL001: unknown resource types, with did-you-mean, custom resources and registry types from configuration.
import {describe, expect, it} from 'vitest'

import {DEFAULT_CONFIG, lint, runRule, tempProject} from '../../helpers/lint.js'
import {withRegistryTypes} from '../../../src/engine/config.js'
import {CATALOGUE} from '../../../src/rules/index.js'
import {runLint} from '../../../src/lint/run.js'

const one = (type: string) => `Resources:\n  Thing:\n    Type: ${type}\n    Properties:\n      ServiceToken: arn:aws:lambda:eu-west-1:123456789012:function:x\n`

describe('TPL001 template-unknown-resource-type', () => {
  it.each([
    ['AWS::SQS::Queues', 'AWS::SQS::Queue'],
    ['AWS::Lambda::function', 'AWS::Lambda::Function'],
    ['AWS::Serverless::Functon', 'AWS::Serverless::Function'],
  ])('reports %s at its Type with did-you-mean %s', (type, suggestion) => {
    const findings = runRule('TPL001', one(type))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ruleId: 'TPL001', messageId: 'unknownTypeDidYouMean', data: {type, resource: 'Thing', suggestion}, resource: {id: 'Thing'}, location: {line: 3, column: 5}})
  })

  it('reports a type with nothing close without a suggestion', () => {
    expect(runRule('TPL001', one('Acme::Widgets::Gizmo'))[0]).toMatchObject({messageId: 'unknownType', data: {type: 'Acme::Widgets::Gizmo'}})
  })

  it.each(['AWS::CDK::Metadata', 'Custom::Seed', 'AWS::CloudFormation::CustomResource', 'AWS::SQS::Queue', 'AWS::Serverless::Connector', 'AWS::Scheduler::Schedule', 'AWS::Pipes::Pipe'])(
    'accepts %s',
    (type) => {
      expect(runRule('TPL001', one(type))).toEqual([])
    },
  )

  it('accepts registry types given as the rule option, exactly or by prefix', () => {
    expect(runRule('TPL001', one('Acme::Widgets::Gizmo'), {registryTypes: ['Acme::Widgets::Gizmo']})).toEqual([])
    expect(runRule('TPL001', one('Acme::Widgets::Gizmo'), {registryTypes: ['Acme::*']})).toEqual([])
    expect(runRule('TPL001', one('Acme::Widgets::Gizmo'), {registryTypes: ['Other::*']})).toHaveLength(1)
  })

  it('reads registryTypes from .sls-eda.yml through the lint command configuration', () => {
    const dir = tempProject({'template.yaml': one('Acme::Widgets::Gizmo')})
    const config = {...DEFAULT_CONFIG, registryTypes: ['Acme::Widgets::Gizmo'], rules: {'template-unknown-resource-type': 'warning' as const}}
    const merged = withRegistryTypes(config)
    expect(merged.rules['template-unknown-resource-type']).toEqual({severity: 'warning', options: {registryTypes: ['Acme::Widgets::Gizmo']}})
    const findings = (cfg: typeof config) =>
      lint({paths: [dir], config: cfg, catalogue: CATALOGUE, cwd: dir})
        .files.flatMap((file) => file.findings)
        .filter((f) => f.ruleId === 'TPL001')
    expect(findings(config)).toHaveLength(1)
    expect(findings(merged)).toEqual([])
  })

  it('takes registryTypes from .sls-eda.yml when run as `sls-eda lint`', async () => {
    const template = `${one('Acme::Widgets::Gizmo')}  Other:\n    Type: Acme::Other::Thing\n`
    const dir = tempProject({'.sls-eda.yml': 'registryTypes:\n  - Acme::Widgets::*\n', 'template.yaml': template})
    const outcome = await runLint([dir], {format: 'json', failLevel: 'error', json: true, rule: ['TPL001']}, {cwd: dir, version: '0.0.0'})
    const findings = (outcome.json as {files: Array<{findings: Array<{ruleId: string; data: Record<string, unknown>}>}>}).files.flatMap((file) => file.findings)
    expect(findings.map((f) => [f.ruleId, f.data.type])).toEqual([['TPL001', 'Acme::Other::Thing']])
  })

  it('locates the Type in JSON templates', () => {
    const text = JSON.stringify({Resources: {Thing: {Type: 'AWS::SQS::Queues'}}}, null, 2)
    expect(runRule('TPL001', text, {}, 'template.json')[0]?.location).toMatchObject({file: 'template.json', line: 4})
  })
})
