// JUnit XML for CI test tabs (GitLab, Jenkins, Azure DevOps): one test suite per file, one test case per finding or clean rule.
import path from 'node:path'

import junitModule, {type Builder} from 'junit-report-builder'

import type {Finding} from '../engine/finding.js'
import {SEVERITY_RANK} from '../rules/types.js'
import type {ReportInput} from './types.js'

// The package is CommonJS whose module.exports is the builder itself; its typings describe an ES default export.
const junit = ((junitModule as unknown as {default?: Builder}).default ?? junitModule) as unknown as Builder

function where(finding: Finding): string {
  const resource = finding.resource ? (finding.resource.cdkPath ?? finding.resource.logicalId ?? finding.resource.id) : undefined
  const position = finding.location ? `line ${finding.location.line}` : undefined
  return [resource, position].filter(Boolean).join(' at ') || 'template'
}

function details(finding: Finding, cwd: string): string {
  const lines = [finding.message]
  if (finding.location) lines.push(`at ${path.relative(cwd, finding.location.file) || finding.location.file}:${finding.location.line}:${finding.location.column}`)
  if (finding.resource) lines.push(`resource ${finding.resource.id} (${finding.resource.declaredType ?? finding.resource.type})${finding.resource.cdkPath ? `, construct ${finding.resource.cdkPath}` : ''}`)
  if (finding.fix) lines.push(`fix: ${finding.fix}`)
  if (finding.docsUrl) lines.push(`docs: ${finding.docsUrl}`)
  return lines.join('\n')
}

export function renderJunit(input: ReportInput): string {
  const builder = junit.newBuilder().name(`sls-eda ${input.command}`)
  const failRank = SEVERITY_RANK[input.failLevel]
  for (const file of input.files) {
    const shown = path.relative(input.cwd, file.file) || file.file
    const suite = builder.testSuite().name(file.stack ? `${shown} (stack ${file.stack})` : shown)
    suite.property('file', shown)
    if (file.stack) suite.property('stack', file.stack)
    const withFindings = new Set<string>()
    for (const finding of file.findings) {
      withFindings.add(finding.ruleId)
      const testCase = suite
        .testCase()
        .className(`${finding.ruleId} ${finding.ruleName}`)
        .name(`${finding.ruleId} ${where(finding)}: ${finding.message}`)
        .file(shown)
      if (file.unusable && finding.ruleId === 'SLS001') {
        // The file could not be checked at all: an error, not a failed check.
        testCase.error(finding.message, finding.messageId, details(finding, input.cwd))
      } else if (SEVERITY_RANK[finding.severity] >= failRank) {
        testCase.failure(finding.message, finding.severity).stacktrace(details(finding, input.cwd))
      } else {
        testCase.standardOutput(`${finding.severity}: ${details(finding, input.cwd)}`)
      }
    }
    if (file.unusable) continue
    // Rules that found nothing are passing test cases, so a clean file still shows what was checked.
    for (const meta of input.rules) {
      if (withFindings.has(meta.id) || meta.id === 'SLS001' || meta.id === 'SLS002') continue
      suite.testCase().className(`${meta.id} ${meta.name}`).name(`${meta.id} ${meta.title}`).file(shown)
    }
  }
  return builder.build() + '\n'
}
