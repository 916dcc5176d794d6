// A SAM template SAM's transform rejects, linted through the built CLI: one SLS001 in SAM's words, exit 2, the other files still linted.
import {describe, expect, it} from 'vitest'

import {tempProject} from '../helpers/lint.js'
import {QUEUE_WITHOUT_DLQ} from '../report/input.js'
import {runCli, STACK_TRACE} from './cli.js'

const REJECTED = `Transform: AWS::Serverless-2016-10-31
Resources:
  Checkout:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: nodejs20.x
      CodeUri: s3://artefacts/checkout.zip
      DeploymentPreference:
        Type: Canary10Percent5Minutes
`

describe('sls-eda lint on a template SAM rejects (subprocess)', () => {
  const dir = tempProject({'rejected.yaml': REJECTED, 'queue.yaml': QUEUE_WITHOUT_DLQ})
  const result = runCli(['lint', '.', '--format', 'json'], {cwd: dir})
  const report = JSON.parse(result.stdout) as {files: Array<{file: string; unusable?: boolean; findings: Array<{ruleId: string; message: string; location?: {line: number}}>}>}
  const fileNamed = (name: string) => report.files.find((file) => file.file.endsWith(name))

  it('exits 2 without a stack trace', () => {
    expect(result.stdout + result.stderr).not.toMatch(STACK_TRACE)
    expect(result.status).toBe(2)
  })

  it('reports one SLS001 finding that says what SAM would say, at the property SAM complains about', () => {
    const rejected = fileNamed('rejected.yaml')
    expect(rejected?.unusable).toBe(true)
    expect(rejected?.findings).toHaveLength(1)
    expect(rejected?.findings[0]).toMatchObject({ruleId: 'SLS001', location: {line: 9}})
    expect(rejected?.findings[0]?.message).toContain(
      "Invalid Serverless Application Specification document. Number of errors found: 1. Resource with id [Checkout] is invalid. 'DeploymentPreference' requires AutoPublishAlias property to be specified.",
    )
  })

  it('still lints the other files', () => {
    expect(fileNamed('queue.yaml')?.findings.some((finding) => finding.ruleId !== 'SLS001')).toBe(true)
  })
})
