// Builds reporter input by linting real files in a temporary folder, so reporters are tested on what the pipeline produces.
import {DEFAULT_CONFIG} from '../../src/engine/config.js'
import {lint} from '../../src/lint/lint.js'
import type {ReportInput} from '../../src/report/types.js'
import {ENGINE_RULES} from '../../src/rules/engine-rules.js'
import {findRule} from '../../src/rules/index.js'
import type {Severity} from '../../src/rules/types.js'
import {FIXED_NOW, tempProject} from '../helpers/lint.js'

/** A consumed queue without a dead-letter queue: SQS001 reports it as an error (line 3). */
export const QUEUE_WITHOUT_DLQ = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Orders:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 60
  OrdersMapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Orders.Arn
      FunctionName: orders-worker
`

/** Lints the given files with SQS001 and the engine rules; returns reporter input and the folder. */
export function reportInput(files: Record<string, string>, failLevel: Severity = 'error'): {input: ReportInput; dir: string} {
  const dir = tempProject(files)
  const catalogue = [...Object.values(ENGINE_RULES), findRule('SQS001')!]
  const result = lint({paths: [dir], config: DEFAULT_CONFIG, catalogue, cwd: dir, now: FIXED_NOW})
  return {input: {command: 'lint', files: result.files, rules: result.rules, version: '1.2.3', cwd: dir, failLevel}, dir}
}
