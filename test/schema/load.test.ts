// The index loads lazily: nothing on import, the type list and only the shards a template uses on first validation.
import {describe, expect, it} from 'vitest'

import {parseTemplateText} from '../../src/model/parse.js'
import {indexStatus, resetIndexCache} from '../../src/schema/load.js'
import {validateTemplate} from '../../src/schema/validate.js'

describe('lazy index loading', () => {
  it('loads nothing when the catalogue is imported (sls-eda rules, docs)', async () => {
    resetIndexCache()
    const {CATALOGUE} = await import('../../src/rules/index.js')
    expect(CATALOGUE.filter((rule) => rule.meta.service === 'template').length).toBeGreaterThanOrEqual(9)
    expect(indexStatus().loaded).toBe(false)
  })

  it('reads only the shards of the services a template uses, once', () => {
    resetIndexCache()
    const template = parseTemplateText('t.yaml', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  T:\n    Type: AWS::SNS::Topic\n').value as Record<string, unknown>
    expect(validateTemplate(template)).toEqual([])
    expect(indexStatus().shards.sort()).toEqual(['AWS_SNS', 'AWS_SQS'])
    const again = parseTemplateText('t.yaml', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n').value as Record<string, unknown>
    validateTemplate(again)
    expect(indexStatus().shards.sort()).toEqual(['AWS_SNS', 'AWS_SQS'])
  })

  it('validates a template once, however many rules ask', () => {
    const template = parseTemplateText('t.yaml', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {Foo: 1}\n').value as Record<string, unknown>
    expect(validateTemplate(template)).toBe(validateTemplate(template))
  })
})
