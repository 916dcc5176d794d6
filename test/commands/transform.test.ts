// `sls-eda transform` through the built CLI: every bundled example, its flags, and bad input.
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'

import {parse} from 'yaml'
import {describe, expect, it} from 'vitest'

import {graphOf, tempProject} from '../helpers/lint.js'
import {ROOT, runCli, STACK_TRACE} from './cli.js'

// examples/audit holds an audit inventory, not a template.
const EXAMPLES = readdirSync(path.join(ROOT, 'examples'))
  .filter((dir) => dir !== 'audit')
  .flatMap((dir) =>
    readdirSync(path.join(ROOT, 'examples', dir))
      .filter((file) => /\.(ya?ml|json)$/.test(file))
      .map((file) => path.join('examples', dir, file)),
  )

describe('sls-eda transform (subprocess)', () => {
  it.each(EXAMPLES)('prints %s with exactly the resources lint checks', (example) => {
    const result = runCli(['transform', example])
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    const printed = parse(result.stdout) as {Resources: Record<string, {Type: string}>}
    const graph = graphOf(readFileSync(path.join(ROOT, example), 'utf8'), example)
    expect(Object.entries(printed.Resources).map(([id, resource]) => `${id} ${resource.Type}`)).toEqual(graph.nodes.map((node) => `${node.id} ${node.type}`))
  })

  it('--format json --output writes JSON to a file; --parameter-overrides expands a loop with the values given', () => {
    const dir = tempProject({
      'template.yaml':
        "Transform: AWS::LanguageExtensions\nParameters:\n  Names: {Type: CommaDelimitedList, Default: A}\nResources:\n  'Fn::ForEach::Q':\n    - N\n    - !Ref Names\n    - 'Q${N}':\n        Type: AWS::SQS::Queue\n",
    })
    const result = runCli(['transform', 'template.yaml', '--format', 'json', '--output', 'out/expanded.json', '--parameter-overrides', 'Names=B,C'], {cwd: dir})
    expect(result.status).toBe(0)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('expanded template written to out/expanded.json')
    const written = JSON.parse(readFileSync(path.join(dir, 'out/expanded.json'), 'utf8')) as {Resources: object}
    expect(Object.keys(written.Resources)).toEqual(['QB', 'QC'])
    // As with SAM CLI, pairs may also follow the flag as separate arguments.
    const separate = runCli(['transform', 'template.yaml', '--parameter-overrides', 'Names=D', 'ParameterKey=Names,ParameterValue=E'], {cwd: dir})
    expect(separate.status).toBe(0)
    expect(Object.keys((parse(separate.stdout) as {Resources: object}).Resources)).toEqual(['QE'])
  })

  it('an --output path that cannot be written is bad input (exit 2) named in one line, as for lint and audit', () => {
    const dir = tempProject({'template.yaml': 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n', blocker: 'a file, not a folder'})
    const result = runCli(['transform', 'template.yaml', '--output', 'blocker/expanded.yaml'], {cwd: dir})
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/cannot write blocker\/expanded\.yaml: E[A-Z]+/)
    expect(result.stderr).not.toMatch(STACK_TRACE)
  })

  it.each([
    [['transform', 'missing.yaml'], /missing\.yaml: cannot read file: ENOENT/],
    [['transform', 'template.yaml', '--parameter-overrides', 'oops'], /"oops" is not Key=Value/],
    [['transform', 'template.yaml', '--format', 'xml'], /Expected --format=xml to be one of: yaml, json/],
    [['transform'], /Missing 1 required arg/],
  ])('bad input %j exits 2 with a message and no stack trace', (args, message) => {
    const dir = tempProject({'template.yaml': 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n'})
    const result = runCli(args, {cwd: dir})
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(result.stderr).not.toMatch(STACK_TRACE)
  })

  it('is listed in the help with its examples', () => {
    // Through oclif and its manifest: the start-up fast path takes `lint` only.
    expect(runCli(['--help']).stdout).toMatch(/^\s+transform\s+Print the CloudFormation that lint checks/m)
    const result = runCli(['transform', '--help'])
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('--parameter-overrides')
    expect(result.stdout).toContain('sls-eda transform template.yaml --format json --output expanded.json')
  })
})
