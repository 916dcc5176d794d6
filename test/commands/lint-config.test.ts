// `sls-eda lint` configuration through the built CLI: --config, the nearest .sls-eda.yml, --preset, --rule, --ignore and warnings.
import {describe, expect, it} from 'vitest'

import {tempProject} from '../helpers/lint.js'
import {QUEUE_WITHOUT_DLQ} from '../report/input.js'
import {runCli, STACK_TRACE} from './cli.js'

const ids = (stdout: string): string[] =>
  JSON.parse(stdout)
    .files.flatMap((file: {findings: Array<{ruleId: string}>}) => file.findings.map((finding) => finding.ruleId))
    .sort()

describe('sls-eda lint configuration (subprocess)', () => {
  it('uses the nearest .sls-eda.yml above the current folder', () => {
    const dir = tempProject({'.sls-eda.yml': 'rules:\n  sqs-queue-without-dlq: off\n', 'svc/template.yaml': QUEUE_WITHOUT_DLQ})
    const result = runCli(['lint', '-f', 'json', '--rule', 'SQS001'], {cwd: `${dir}/svc`})
    // --rule names the rule explicitly, which wins over the file.
    expect(ids(result.stdout)).toContain('SQS001')
    const configured = runCli(['lint', '-f', 'json'], {cwd: `${dir}/svc`})
    expect(ids(configured.stdout)).not.toContain('SQS001')
  })

  it('--config points at another file, relative to the current folder', () => {
    const dir = tempProject({'ci/lint.yml': 'rules:\n  SQS001: warning\n', 'template.yaml': QUEUE_WITHOUT_DLQ})
    const result = runCli(['lint', '-f', 'json', '--config', 'ci/lint.yml'], {cwd: dir})
    const findings = JSON.parse(result.stdout).files[0].findings
    expect(findings.find((finding: {ruleId: string}) => finding.ruleId === 'SQS001').severity).toBe('warning')
  })

  it('--ignore skips files relative to the current folder', () => {
    const dir = tempProject({'a/template.yaml': QUEUE_WITHOUT_DLQ, 'b/template.yaml': QUEUE_WITHOUT_DLQ})
    const result = runCli(['lint', '-f', 'json', '--ignore', 'a/**'], {cwd: dir})
    expect(JSON.parse(result.stdout).files.map((file: {file: string}) => file.file)).toEqual(['b/template.yaml'])
  })

  it('--ignore takes one glob per flag, so a path after it stays a path', () => {
    const dir = tempProject({'a/template.yaml': QUEUE_WITHOUT_DLQ, 'b/template.yaml': QUEUE_WITHOUT_DLQ})
    for (const env of [{}, {SLS_EDA_NO_FAST_PATH: '1'}] as Array<Record<string, string>>) {
      const result = runCli(['lint', '--ignore', 'a/**', 'b', '-f', 'json'], {cwd: dir, env})
      expect(JSON.parse(result.stdout).files.map((file: {file: string}) => file.file)).toEqual(['b/template.yaml'])
    }
  })

  it('warns about unknown rules in the configuration and still lints', () => {
    const dir = tempProject({'.sls-eda.yml': 'rules:\n  SQS9999: off\n', 'template.yaml': QUEUE_WITHOUT_DLQ})
    const result = runCli(['lint'], {cwd: dir})
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/Warning: \.sls-eda\.yml: unknown rule "SQS9999"( \(did you mean [^)]*\))? ignored/)
  })

  it('names the rule an unknown key in the configuration probably meant', () => {
    const dir = tempProject({'.sls-eda.yml': 'rules:\n  sqs-queue-without-dql: off\n', 'template.yaml': QUEUE_WITHOUT_DLQ})
    const result = runCli(['lint'], {cwd: dir})
    expect(result.status).toBe(1)
    expect(result.stderr.replace(/\s*\n\s*›\s*/g, ' ')).toMatch(/\.sls-eda\.yml: unknown rule "sqs-queue-without-dql" \(did you mean SQS001, sqs-queue-without-dlq\?\) ignored/)
  })

  it('an unknown --rule is a usage error (exit 2) with a hint', () => {
    const dir = tempProject({'template.yaml': QUEUE_WITHOUT_DLQ})
    const result = runCli(['lint', '--rule', 'nope-rule'], {cwd: dir})
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/unknown rule "nope-rule"; run `sls-eda rules`/)
    expect(result.stderr).not.toMatch(STACK_TRACE)
  })

  it('--max-warnings fails the run on warnings', () => {
    const dir = tempProject({'.sls-eda.yml': 'rules:\n  SQS001: warning\n', 'template.yaml': QUEUE_WITHOUT_DLQ})
    expect(runCli(['lint', '--rule', 'SQS001'], {cwd: dir}).status).toBe(1)
    expect(runCli(['lint'], {cwd: dir}).status).toBe(0)
    expect(runCli(['lint', '--max-warnings', '0'], {cwd: dir}).status).toBe(1)
    expect(runCli(['lint', '--fail-level', 'warning'], {cwd: dir}).status).toBe(1)
  })
})
