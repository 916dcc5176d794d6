// The transform domain: parameter overrides as SAM CLI reads them, and the expanded template built from the graph lint checks.
import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {parse} from 'yaml'
import {describe, expect, it} from 'vitest'

import {expandedTemplate, parseParameterOverrides, renderTemplate, transformTemplate, TransformInputError} from '../../src/transform/transform.js'
import {graphOf, tempProject} from '../helpers/lint.js'

describe('parseParameterOverrides', () => {
  it('reads Key=Value pairs separated by spaces, quoted values, repeated flags and the ParameterKey form', () => {
    expect(parseParameterOverrides(['Stage=prod Names="a b,c"', "ParameterKey=Size,ParameterValue=3 Empty=''"])).toEqual({Stage: 'prod', Names: 'a b,c', Size: '3', Empty: ''})
  })

  it.each(['Stage', '=prod', 'My-Stage=prod', 'Stage="prod'])('refuses %s with a message that names it', (value) => {
    expect(() => parseParameterOverrides([value])).toThrow(TransformInputError)
  })
})

describe('expandedTemplate', () => {
  it('replaces Resources with what SAM generates, drops Globals and the SAM transform, keeps the other sections', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Timeout: 10
Parameters:
  Stage: {Type: String, Default: dev}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Metadata: {owner: orders}
    Properties: {Handler: index.handler, Runtime: nodejs20.x, InlineCode: x}
  Table:
    Type: AWS::DynamoDB::Table
    UpdatePolicy: {}
    DeletionPolicy: Retain
    Properties: {BillingMode: PAY_PER_REQUEST, KeySchema: [{AttributeName: pk, KeyType: HASH}], AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]}
Outputs:
  Arn: {Value: !GetAtt Fn.Arn}
`
    const template = expandedTemplate(graphOf(text))
    expect(Object.keys(template)).toEqual(['AWSTemplateFormatVersion', 'Parameters', 'Resources', 'Outputs'])
    const resources = template.Resources as Record<string, Record<string, unknown>>
    expect(Object.keys(resources)).toEqual(['Fn', 'FnRole', 'Table'])
    expect(resources.Fn).toMatchObject({Type: 'AWS::Lambda::Function', Metadata: {owner: 'orders'}, Properties: {Timeout: 10, Role: {'Fn::GetAtt': ['FnRole', 'Arn']}}})
    expect(resources.FnRole!.Metadata).toBeUndefined()
    expect(resources.Table).toMatchObject({Type: 'AWS::DynamoDB::Table', UpdatePolicy: {}, DeletionPolicy: 'Retain'})
    // YAML 1.1 readers (PyYAML) must read the version back as a string, not a date.
    expect(renderTemplate(template, 'yaml')).toContain('AWSTemplateFormatVersion: "2010-09-09"')
  })

  it('keeps the language extensions transform and the loop as written when a loop cannot be expanded, and says so', () => {
    const dir = tempProject({
      'template.yaml':
        "Transform: AWS::LanguageExtensions\nParameters:\n  Names: {Type: CommaDelimitedList}\nResources:\n  'Fn::ForEach::Q':\n    - N\n    - !Ref Names\n    - 'Q${N}':\n        Type: AWS::SQS::Queue\n",
    })
    const result = transformTemplate('template.yaml', {cwd: dir})
    expect(result.template.Transform).toBe('AWS::LanguageExtensions')
    expect(Object.keys(result.template.Resources as object)).toEqual(['Fn::ForEach::Q'])
    expect(result.warnings).toEqual(['template.yaml:5: Fn::ForEach::Q was not expanded because parameter Names has no default value; it is printed as written'])
    const overridden = transformTemplate('template.yaml', {cwd: dir, parameterOverrides: ['Names=A,B Unknown=1']})
    expect(Object.keys(overridden.template.Resources as object)).toEqual(['QA', 'QB'])
    expect(overridden.template.Transform).toBeUndefined()
    expect(overridden.warnings).toEqual(['--parameter-overrides: Unknown is not a parameter of template.yaml; ignored'])
  })

  it('refuses a folder, a missing file and a file that is not a template with a message', () => {
    const dir = tempProject({'notes.yaml': 'hello: world\n', 'bad.yaml': 'Resources:\n  Q:\n    Type: [\n'})
    writeFileSync(path.join(dir, 'x.txt'), '')
    expect(() => transformTemplate('.', {cwd: dir})).toThrow(/is a folder/)
    expect(() => transformTemplate('missing.yaml', {cwd: dir})).toThrow(/missing\.yaml: cannot read file: ENOENT/)
    expect(() => transformTemplate('notes.yaml', {cwd: dir})).toThrow(/not a CloudFormation template/)
    expect(() => transformTemplate('bad.yaml', {cwd: dir})).toThrow(/bad\.yaml:\d+:\d+: YAML syntax error/)
  })

  it('prints JSON that reads back to the same template', () => {
    const template = expandedTemplate(graphOf('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n'))
    expect(JSON.parse(renderTemplate(template, 'json'))).toEqual(template)
    expect(parse(renderTemplate(template, 'yaml'))).toEqual(template)
  })
})
