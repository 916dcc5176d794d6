// Bad input through the built CLI: every case ends with a clear message and an exit code, never a stack trace or a hang.
import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {tempProject} from '../helpers/lint.js'
import {QUEUE_WITHOUT_DLQ} from '../report/input.js'
import {runCli, STACK_TRACE} from './cli.js'

/** Lints one file by name in a fresh folder and returns the subprocess result. */
function lintOne(name: string, content: string | Buffer, extra: string[] = []) {
  const dir = tempProject({})
  writeFileSync(path.join(dir, name), content)
  return runCli(['lint', name, ...extra], {cwd: dir})
}

function expectUsable(result: ReturnType<typeof runCli>): void {
  expect(result.timedOut).toBe(false)
  expect(result.stdout + result.stderr).not.toMatch(STACK_TRACE)
}

const billionLaughs = (): string => {
  const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
  for (let code = 'b'.charCodeAt(0); code <= 'i'.charCodeAt(0); code++) {
    const name = String.fromCharCode(code)
    const previous = String.fromCharCode(code - 1)
    lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`)
  }
  return `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n${lines.join('\n')}\n`
}

describe('sls-eda lint on bad input (subprocess)', () => {
  it.each([
    ['malformed YAML', 'template.yaml', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n   Properties: {}\n', /template\.yaml\s+4:\d+\s+error\s+YAML syntax error/],
    ['malformed JSON', 'template.json', '{"Resources": {"Q": {"Type": "AWS::SQS::Queue",}}', /template\.json\s+1:\d+\s+error\s+JSON syntax error/],
    ['an empty file', 'template.yaml', '', /empty file/],
    ['a JSON file that is not a template', 'package.json', '{"name": "x", "version": "1.0.0"}\n', /not a CloudFormation template/],
    ['a YAML alias bomb', 'bomb.yaml', billionLaughs(), /alias bomb/],
  ])('%s: exit 2 and SLS001 at the right place', (_name, file, content, message) => {
    const result = lintOne(file, content)
    expectUsable(result)
    expect(result.status).toBe(2)
    expect(result.stdout).toMatch(message)
    expect(result.stdout).toMatch(/SLS001 unusable-input/)
  })

  it('a binary file: exit 2, "binary file"', () => {
    const bytes = Buffer.alloc(4096)
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256
    const result = lintOne('image.yaml', bytes)
    expectUsable(result)
    expect(result.status).toBe(2)
    expect(result.stdout).toMatch(/binary file, not a template/)
  })

  it('a 50 MB file: refused by size without being parsed, quickly', () => {
    const chunk = `# ${'x'.repeat(1020)}\n`
    const content = `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n${chunk.repeat(50 * 1024)}`
    const started = Date.now()
    const result = lintOne('huge.yaml', content)
    expectUsable(result)
    expect(result.status).toBe(2)
    expect(result.stdout).toMatch(/file is 50\.\d MB; templates are at most 1 MB/)
    expect(Date.now() - started).toBeLessThan(15_000)
  })

  it('a template with 5,000 resources is linted completely', () => {
    const resources = Array.from({length: 5000}, (_, i) =>
      i % 2 === 0
        ? `  Queue${i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt Queue${i + 1}.Arn\n        maxReceiveCount: 5`
        : `  Queue${i}:\n    Type: AWS::SQS::Queue\n    DependsOn: Queue${i - 1 === 0 ? 0 : i - 1}`,
    )
    resources.push('  Lonely:\n    Type: AWS::SQS::Queue')
    const result = lintOne('big.yaml', `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n${resources.join('\n')}\n`, ['--rule', 'SQS001', '-f', 'json', '--fail-level', 'warning'])
    expectUsable(result)
    expect(result.status).toBe(1)
    const findings = JSON.parse(result.stdout).files[0].findings
    expect(findings.map((finding: {resource: {id: string}}) => finding.resource.id)).toEqual(['Lonely'])
  }, 60_000)

  it('circular DependsOn does not hang or crash the run', () => {
    const template = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  A:
    Type: AWS::SQS::Queue
    DependsOn: B
  B:
    Type: AWS::SQS::Queue
    DependsOn: [C]
  C:
    Type: AWS::SQS::Queue
    DependsOn: A
`
    const result = lintOne('cycle.yaml', template, ['-f', 'json'])
    expectUsable(result)
    expect([0, 1]).toContain(result.status)
    const ids = JSON.parse(result.stdout).files[0].findings.map((finding: {ruleId: string}) => finding.ruleId)
    expect(ids).not.toContain('SLS002')
  })

  it('a missing path: exit 2, "no such file or directory"', () => {
    const result = runCli(['lint', 'does/not/exist.yaml'], {cwd: tempProject({})})
    expectUsable(result)
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/does\/not\/exist\.yaml: no such file or directory/)
  })

  it('an unknown flag: exit 2 and the flag named', () => {
    const result = runCli(['lint', '--no-such-flag'], {cwd: tempProject({})})
    expectUsable(result)
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/Nonexistent flag: --no-such-flag/)
  })

  it('a bad flag value: exit 2 and the allowed values', () => {
    const result = runCli(['lint', '--format', 'xml'], {cwd: tempProject({})})
    expectUsable(result)
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/Expected --format=xml to be one of: stylish, json, sarif, junit/)
  })

  it('an unknown command: exit 2, the command named, and the one probably meant', () => {
    const result = runCli(['lnit'], {cwd: tempProject({})})
    expectUsable(result)
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/command lnit not found\. Did you mean `sls-eda lint`\?/)
    const nothingClose = runCli(['frobnicate'], {cwd: tempProject({})})
    expect(nothingClose.status).toBe(2)
    expect(nothingClose.stderr.replace(/\s*\n\s*›\s*/g, ' ')).toMatch(/command frobnicate not found\. Run `sls-eda --help` for the list of commands/)
  })

  it.each([
    ['invalid YAML', 'rules: {\n', /\.sls-eda\.yml: cannot read configuration/],
    ['an unknown key', 'rulez: {}\n', /\.sls-eda\.yml: unknown key "rulez"/],
    ['a bad severity', 'rules:\n  SQS001: critical\n', /\.sls-eda\.yml: rules\.SQS001: "critical" is not one of/],
  ])('a configuration file with %s: exit 2 naming the file and the problem', (_name, config, message) => {
    const dir = tempProject({'.sls-eda.yml': config, 'template.yaml': QUEUE_WITHOUT_DLQ})
    const result = runCli(['lint'], {cwd: dir})
    expectUsable(result)
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(message)
  })

  it('a --config file that does not exist: exit 2', () => {
    const result = runCli(['lint', '--config', 'missing.yml'], {cwd: tempProject({'template.yaml': QUEUE_WITHOUT_DLQ})})
    expectUsable(result)
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/missing\.yml: cannot read configuration/)
  })

  it('one bad file among good ones: the others are still linted and reported, exit 2', () => {
    const dir = tempProject({
      'a/template.yaml': QUEUE_WITHOUT_DLQ,
      'b/template.yaml': 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n   Properties: {}\n',
      'c/template.json': JSON.stringify({Resources: {Queue: {Type: 'AWS::SQS::Queue'}}}, null, 2),
    })
    const result = runCli(['lint', '-f', 'json', '--rule', 'SQS001'], {cwd: dir})
    expectUsable(result)
    expect(result.status).toBe(2)
    const files = JSON.parse(result.stdout).files as Array<{file: string; unusable: boolean; findings: Array<{ruleId: string}>}>
    expect(files.map((file) => [file.file, file.unusable, file.findings.map((finding) => finding.ruleId)])).toEqual([
      ['a/template.yaml', false, ['SQS001']],
      ['b/template.yaml', true, ['SLS001']],
      ['c/template.json', false, ['SQS001']],
    ])
    const stylish = runCli(['lint', '--rule', 'SQS001'], {cwd: dir})
    expect(stylish.status).toBe(2)
    // SLS001 for the unreadable file, SQS001 on the consumed queue; a warning on the queue nothing in its template consumes.
    expect(stylish.stdout).toMatch(/3 problems \(2 errors, 1 warning/)
  })
})
