// Human-readable terminal output: findings grouped by file, coloured by severity, with a summary line.
import path from 'node:path'

import chalk from 'chalk'
import {wrapAnsi} from 'fast-wrap-ansi'

import type {Finding} from '../engine/finding.js'

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

/** Position and severity take this many columns before a finding's text: `  12:5     warning `. */
const TEXT_COLUMN = 2 + 8 + 1 + 7 + 1

/** Narrower than this, wrapping would leave a word or two per line: the text is left to the terminal. */
const MIN_TEXT_WIDTH = 30

/** `text` wrapped to the terminal, continuation lines indented under the first; long words (links) are never broken. */
function wrapped(text: string, width: number | undefined): string {
  if (width === undefined || width - TEXT_COLUMN < MIN_TEXT_WIDTH) return text
  return wrapAnsi(text, width - TEXT_COLUMN - 1, {hard: false, trim: true})
    .split('\n')
    .join(`\n${' '.repeat(TEXT_COLUMN)}`)
}

/** What a finding is about, as the user wrote it: the CDK construct, the serverless.yml entry, or the logical id. */
function subject(finding: Finding): string {
  const resource = finding.resource
  if (!resource) return ''
  if (resource.declaredAs) {
    const generated = resource.logicalId ?? resource.id
    return ` [${resource.declaredAs}${resource.declaredAs.endsWith(`.${generated}`) ? '' : ` → ${generated}`}]`
  }
  return ` [${resource.cdkPath ?? resource.logicalId ?? resource.id}]`
}

export function renderStylish(input: ReportInput): string {
  const lines: string[] = []
  const counts: Record<Severity, number> = {error: 0, warning: 0, info: 0}
  const fixable = {safe: 0, unsafe: 0}
  for (const file of input.files) {
    if (file.findings.length === 0) continue
    const shown = path.relative(input.cwd, file.file) || file.file
    const packaged = file.packaged ? ` ${chalk.dim(`(packaged ${path.relative(input.cwd, file.packaged) || file.packaged})`)}` : ''
    lines.push('', chalk.underline(file.stack ? `${shown} ${chalk.dim(`(stack ${file.stack})`)}` : shown) + packaged)
    const indent = ' '.repeat(TEXT_COLUMN)
    for (const finding of file.findings) {
      counts[finding.severity]++
      const position = finding.location ? `${finding.location.line}:${finding.location.column}` : ''
      // After the rule, as Ruff marks fixable findings: [*] a safe fix --fix applies, [~] an unsafe one that needs --unsafe-fixes too.
      const applicability = finding.autofix?.applicability ?? finding.fixable
      const mark = applicability ? (applicability === 'safe' ? ` ${chalk.green('[*]')}` : ` ${chalk.yellow('[~]')}`) : ''
      if (applicability) fixable[applicability]++
      const text = `${finding.message}${chalk.dim(subject(finding))}  ${chalk.dim(`${finding.ruleId} ${finding.ruleName}`)}${mark}`
      lines.push(`  ${chalk.dim(position.padEnd(8))} ${COLOR[finding.severity](finding.severity.padEnd(7))} ${wrapped(text, input.width)}`)
      if (finding.fix) lines.push(`${indent}${wrapped(chalk.dim(`fix: ${finding.fix}`), input.width)}`)
      if (finding.constructFix) lines.push(`${indent}${wrapped(chalk.dim(`cdk: ${finding.constructFix} (construct ${finding.resource?.cdkPath ?? finding.resource?.id ?? '?'})`), input.width)}`)
      if (finding.consoleUrl) lines.push(`${indent}${wrapped(chalk.dim(`console: ${finding.consoleUrl}`), input.width)}`)
      if (finding.docsUrl) lines.push(`${indent}${wrapped(chalk.dim(`docs: ${finding.docsUrl}`), input.width)}`)
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
