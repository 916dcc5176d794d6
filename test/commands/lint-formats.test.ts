// `sls-eda lint --format …` through the built CLI: every format on standard output and with --output FILE.
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {tempProject} from '../helpers/lint.js'
import {QUEUE_WITHOUT_DLQ} from '../report/input.js'
import {runCli, STACK_TRACE} from './cli.js'

const project = () => tempProject({'template.yaml': QUEUE_WITHOUT_DLQ})

const checks: Record<string, (text: string) => void> = {
  stylish(text) {
    expect(text).toMatch(/template\.yaml/)
    expect(text).toMatch(/3:3\s+error\s+Queue Orders/)
    expect(text).not.toMatch(/\u001B\[/)
  },
  json(text) {
    const report = JSON.parse(text)
    expect(report.files[0].findings[0]).toMatchObject({ruleId: 'SQS001', messageId: 'noRedrive', location: {file: 'template.yaml', line: 3}})
  },
  sarif(text) {
    const log = JSON.parse(text)
    expect(log.version).toBe('2.1.0')
    const result = log.runs[0].results.find((r: {ruleId: string}) => r.ruleId === 'SQS001')
    expect(result.locations[0].physicalLocation).toMatchObject({artifactLocation: {uri: 'template.yaml'}, region: {startLine: 3}})
    expect(log.runs[0].tool.driver.rules.length).toBeGreaterThan(3)
  },
  junit(text) {
    expect(text).toMatch(/<testsuite name="template.yaml"[^>]* failures="1"/)
    expect(text).toMatch(/<failure message="Queue Orders/)
  },
  github(text) {
    expect(text).toMatch(/^::error file=template\.yaml,line=3,col=3,.*title=SQS001 sqs-queue-without-dlq::/m)
  },
}

describe('sls-eda lint --format', () => {
  for (const [format, check] of Object.entries(checks)) {
    it(`${format} on standard output, exit code 1`, () => {
      const result = runCli(['lint', '--format', format], {cwd: project()})
      expect(result.status).toBe(1)
      check(result.stdout)
      expect(result.stderr).not.toMatch(STACK_TRACE)
    })

    it(`${format} written with --output`, () => {
      const dir = project()
      const result = runCli(['lint', 'template.yaml', '-f', format, '--output', 'reports/out.txt'], {cwd: dir})
      expect(result.status).toBe(1)
      expect(result.stdout).toBe('')
      const file = path.join(dir, 'reports/out.txt')
      expect(existsSync(file)).toBe(true)
      check(readFileSync(file, 'utf8'))
      expect(result.stderr).toMatch(/report written to reports\/out\.txt/)
    })
  }

  it('--json prints the JSON document through oclif', () => {
    const result = runCli(['lint', '--json'], {cwd: project()})
    expect(result.status).toBe(1)
    checks.json!(result.stdout)
  })

  it('exits 0 with --fail-level and no findings at that level', () => {
    const dir = tempProject({'template.yaml': "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  T:\n    Type: AWS::SNS::Topic\n"})
    const result = runCli(['lint', '-f', 'sarif'], {cwd: dir})
    expect(result.status).toBe(0)
    expect(JSON.parse(result.stdout).runs[0].results).toEqual([])
  })

  it('the fast path and oclif produce the same report', () => {
    const dir = project()
    const fast = runCli(['lint', '-f', 'json'], {cwd: dir})
    const slow = runCli(['lint', '-f', 'json'], {cwd: dir, env: {SLS_EDA_NO_FAST_PATH: '1'}})
    expect(slow.status).toBe(fast.status)
    expect(slow.stdout).toBe(fast.stdout)
  })
})
