// Human-readable terminal output: findings grouped by file, coloured by severity, with a summary line.
import path from 'node:path'

import chalk from 'chalk'

import type {Severity} from '../rules/types.js'
import type {ReportInput} from './types.js'

const COLOR: Record<Severity, (text: string) => string> = {
  error: (text) => chalk.red(text),
  warning: (text) => chalk.yellow(text),
  info: (text) => chalk.blue(text),
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

export function renderStylish(input: ReportInput): string {
  const lines: string[] = []
  const counts: Record<Severity, number> = {error: 0, warning: 0, info: 0}
  const fixable = {safe: 0, unsafe: 0}
  for (const file of input.files) {
    if (file.findings.length === 0) continue
    const shown = path.relative(input.cwd, file.file) || file.file
    lines.push('', chalk.underline(file.stack ? `${shown} ${chalk.dim(`(stack ${file.stack})`)}` : shown))
    for (const finding of file.findings) {
      counts[finding.severity]++
      const position = finding.location ? `${finding.location.line}:${finding.location.column}` : ''
      const where = finding.resource ? chalk.dim(` [${finding.resource.cdkPath ?? finding.resource.logicalId ?? finding.resource.id}]`) : ''
      // After the rule, as Ruff marks fixable findings: [*] a safe fix --fix applies, [~] an unsafe one that needs --unsafe-fixes too.
      const applicability = finding.autofix?.applicability ?? finding.fixable
      const mark = applicability ? (applicability === 'safe' ? ` ${chalk.green('[*]')}` : ` ${chalk.yellow('[~]')}`) : ''
      if (applicability) fixable[applicability]++
      lines.push(`  ${chalk.dim(position.padEnd(8))} ${COLOR[finding.severity](finding.severity.padEnd(7))} ${finding.message}${where}  ${chalk.dim(`${finding.ruleId} ${finding.ruleName}`)}${mark}`)
      if (finding.fix) lines.push(`  ${' '.repeat(8)} ${' '.repeat(7)} ${chalk.dim(`fix: ${finding.fix}`)}`)
      if (finding.constructFix) lines.push(`  ${' '.repeat(8)} ${' '.repeat(7)} ${chalk.dim(`cdk: ${finding.constructFix} (construct ${finding.resource?.cdkPath ?? finding.resource?.id ?? '?'})`)}`)
    }
  }
  const total = counts.error + counts.warning + counts.info
  const checked = input.files.length
  lines.push('')
  if (total === 0) {
    lines.push(chalk.green(`✔ ${plural(checked, input.command === 'lint' ? 'template' : 'region')} checked, no problems found`))
  } else {
    const summary = `✖ ${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info) in ${plural(checked, input.command === 'lint' ? 'template' : 'region')}`
    lines.push(counts.error > 0 ? chalk.red.bold(summary) : chalk.yellow.bold(summary))
    if (fixable.safe > 0 || fixable.unsafe > 0) {
      if (fixable.safe === 0) lines.push(`  ${plural(fixable.unsafe, 'problem')} fixable with --fix --unsafe-fixes`)
      else lines.push(`  ${plural(fixable.safe, 'problem')} fixable with --fix${fixable.unsafe > 0 ? ` (${fixable.unsafe} more with --fix --unsafe-fixes)` : ''}`)
    }
  }
  return lines.join('\n') + '\n'
}
