// Configuration: finding .sls-eda.yml, validating it, presets, rule/service/severity switches and ignore globs.
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {ConfigError, DEFAULT_CONFIG, findConfigFile, loadConfig, resolveRules} from '../../src/engine/config.js'
import {lint} from '../../src/lint/lint.js'
import {FIXED_NOW, tempProject} from '../helpers/lint.js'
import {TEST_CATALOGUE} from './rules.js'

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Topic:
    Type: AWS::SNS::Topic
`

const active = (config: Partial<typeof DEFAULT_CONFIG>) =>
  resolveRules(TEST_CATALOGUE, {...DEFAULT_CONFIG, ...config})
    .active.map(({rule, severity}) => `${rule.meta.id}:${severity}`)
    .sort()

function lintDir(dir: string, options: {ignore?: string[]; cwd?: string; paths?: string[]} = {}) {
  const file = findConfigFile(options.cwd ?? dir)
  const config = file ? loadConfig(file) : DEFAULT_CONFIG
  return lint({paths: options.paths ?? [], config, catalogue: TEST_CATALOGUE, cwd: options.cwd ?? dir, ignore: options.ignore, now: FIXED_NOW})
}

const linted = (result: ReturnType<typeof lintDir>, dir: string) => result.files.map((file) => path.relative(dir, file.file)).sort()

describe('configuration file', () => {
  it('is found in the current folder or any parent', () => {
    const dir = tempProject({'.sls-eda.yml': 'preset: strict\n', 'services/orders/template.yaml': TEMPLATE})
    expect(findConfigFile(path.join(dir, 'services/orders'))).toBe(path.join(dir, '.sls-eda.yml'))
    expect(loadConfig(path.join(dir, '.sls-eda.yml')).preset).toBe('strict')
  })

  it('the nearest file wins', () => {
    const dir = tempProject({'.sls-eda.yml': 'preset: strict\n', 'a/.sls-eda.yaml': 'preset: recommended\n'})
    expect(findConfigFile(path.join(dir, 'a'))).toBe(path.join(dir, 'a/.sls-eda.yaml'))
  })

  it('an empty file is the default configuration', () => {
    const dir = tempProject({'.sls-eda.yml': ''})
    expect(loadConfig(path.join(dir, '.sls-eda.yml'))).toMatchObject({preset: 'recommended', rules: {}, ignore: []})
  })

  it.each([
    ['unknown: 1\n', /unknown key "unknown"/],
    ['preset: loose\n', /preset must be "recommended" or "strict"/],
    ['rules:\n  SQS001: fatal\n', /rules\.SQS001: "fatal" is not one of off, error, warning, info/],
    ['rules: [SQS001]\n', /rules must be a mapping/],
    ['services:\n  kafka: off\n', /services\.kafka: unknown service/],
    ['severities:\n  info: maybe\n', /severities\.info must be off or on/],
    ['ignore: "*.yaml"\n', /ignore must be a list of globs/],
    ['rules: {\n', /cannot read configuration/],
    ['- just\n- a list\n', /configuration must be a mapping/],
  ])('rejects %j with a message naming the problem', (text, message) => {
    const dir = tempProject({'.sls-eda.yml': text})
    expect(() => loadConfig(path.join(dir, '.sls-eda.yml'))).toThrow(ConfigError)
    expect(() => loadConfig(path.join(dir, '.sls-eda.yml'))).toThrow(message)
  })
})

describe('rule selection', () => {
  it('recommended runs stable recommended rules; strict runs every rule including preview', () => {
    expect(active({})).toEqual(['TST001:error', 'TST002:warning', 'TST003:info', 'TST006:error', 'TST007:error', 'TST008:error'])
    expect(active({preset: 'strict'})).toEqual(['TST001:error', 'TST002:warning', 'TST003:info', 'TST004:error', 'TST005:error', 'TST006:error', 'TST007:error', 'TST008:error'])
  })

  it('turns rules off and changes their severity by id or by name', () => {
    const result = active({rules: {TST001: 'off', 'test-every-topic': 'error', TST003: {severity: 'warning'}}})
    expect(result).not.toContain('TST001:error')
    expect(result).toContain('TST002:error')
    expect(result).toContain('TST003:warning')
  })

  it('turns on a strict-only rule under the recommended preset when named', () => {
    expect(active({rules: {'test-strict-only': 'warning'}})).toContain('TST004:warning')
  })

  it('turns whole services and severities off, unless a rule is named explicitly', () => {
    expect(active({services: {lambda: 'off'}})).not.toContain('TST006:error')
    expect(active({severities: {info: 'off'}})).not.toContain('TST003:info')
    expect(active({severities: {info: 'off'}, rules: {TST003: 'info'}})).toContain('TST003:info')
  })

  it('reports unknown rule keys', () => {
    expect(resolveRules(TEST_CATALOGUE, {...DEFAULT_CONFIG, rules: {NOPE001: 'off', TST001: 'off'}}).unknown).toEqual(['NOPE001'])
  })

  it('a configuration file changes what a lint run reports', () => {
    const dir = tempProject({'.sls-eda.yml': 'rules:\n  test-every-queue: off\n  TST002: info\n', 'template.yaml': TEMPLATE})
    const findings = lintDir(dir).files.flatMap((file) => file.findings)
    expect(findings.map((finding) => `${finding.ruleId}:${finding.severity}`).sort()).toEqual(['TST002:info', 'TST003:info'])
  })
})

describe('ignore globs', () => {
  const files = {
    'template.yaml': TEMPLATE,
    'build/template.yaml': TEMPLATE,
    'services/a/template.yaml': TEMPLATE,
    'services/b/template.yaml': TEMPLATE,
    'node_modules/pkg/template.yaml': TEMPLATE,
  }

  it('skips node_modules without being told', () => {
    const dir = tempProject(files)
    expect(linted(lintDir(dir), dir)).toEqual(['build/template.yaml', 'services/a/template.yaml', 'services/b/template.yaml', 'template.yaml'])
  })

  it('applies configuration globs relative to the configuration file, from any folder below it', () => {
    const dir = tempProject({...files, '.sls-eda.yml': 'ignore:\n  - build/**\n  - services/b\n'})
    expect(linted(lintDir(dir), dir)).toEqual(['services/a/template.yaml', 'template.yaml'])
    const sub = path.join(dir, 'services')
    expect(linted(lintDir(dir, {cwd: sub, paths: [sub]}), dir)).toEqual(['services/a/template.yaml'])
  })

  it('applies command-line globs relative to the current folder, together with the configuration', () => {
    const dir = tempProject({...files, '.sls-eda.yml': 'ignore: [build/**]\n'})
    const sub = path.join(dir, 'services')
    expect(linted(lintDir(dir, {cwd: sub, paths: [sub], ignore: ['a/**']}), dir)).toEqual(['services/b/template.yaml'])
    expect(linted(lintDir(dir, {ignore: ['**/b/*.yaml', 'template.yaml']}), dir)).toEqual(['services/a/template.yaml'])
  })

  it('still lints a file named explicitly', () => {
    const dir = tempProject({...files, '.sls-eda.yml': 'ignore: [build/**]\n'})
    mkdirSync(path.join(dir, 'x'), {recursive: true})
    writeFileSync(path.join(dir, 'x/.keep'), '')
    expect(linted(lintDir(dir, {paths: [path.join(dir, 'build/template.yaml')]}), dir)).toEqual(['build/template.yaml'])
  })
})
