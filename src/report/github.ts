// GitHub Actions workflow commands: each finding becomes an annotation on the pull request's changed lines.
import path from 'node:path'

import type {Finding} from '../engine/finding.js'
import type {Severity} from '../rules/types.js'
import type {ReportInput} from './types.js'

const COMMAND: Readonly<Record<Severity, string>> = {error: 'error', warning: 'warning', info: 'notice'}

/** Escapes a command's message, as the Actions runner's `escapeData` does. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** Escapes a command property value, as the Actions runner's `escapeProperty` does: also `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

function annotation(finding: Finding, cwd: string, fallbackFile: string): string {
  const file = finding.location?.file ?? (finding.source === 'template' ? fallbackFile : undefined)
  const properties: Array<[string, string | number]> = []
  if (file) properties.push(['file', (path.relative(cwd, file) || file).split(path.sep).join('/')])
  if (finding.location) {
    const {line, column, endLine, endColumn} = finding.location
    properties.push(['line', line], ['col', column], ['endLine', Math.max(line, endLine)])
    // GitHub only honours columns when the annotation is on one line.
    if (endLine === line) properties.push(['endColumn', Math.max(column, endColumn)])
  }
  properties.push(['title', `${finding.ruleId} ${finding.ruleName}`])
  const resource = finding.resource ? ` [${finding.resource.cdkPath ?? finding.resource.logicalId ?? finding.resource.id}]` : ''
  const message = `${finding.message}${resource}${finding.fix ? `\nFix: ${finding.fix}` : ''}${finding.docsUrl ? `\nDocs: ${finding.docsUrl}` : ''}`
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',')
  return `::${COMMAND[finding.severity]} ${props}::${escapeData(message)}`
}

export function renderGithub(input: ReportInput): string {
  const lines: string[] = []
  const counts: Record<Severity, number> = {error: 0, warning: 0, info: 0}
  for (const file of input.files) {
    for (const finding of file.findings) {
      counts[finding.severity]++
      lines.push(annotation(finding, input.cwd, file.file))
    }
  }
  // A plain line after the commands: the job log says what happened even when annotations are collapsed.
  lines.push(`sls-eda: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} info in ${input.files.length} ${input.command === 'lint' ? 'templates' : 'regions'}`)
  return lines.join('\n') + '\n'
}
