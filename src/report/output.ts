// How a run's report leaves the process: rendered in the chosen format, then to standard output or to a file.
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {UsageError} from '../lib/exit-codes.js'
import type {Format, ReportInput} from './types.js'

/**
 * The report as text. `extra` adds top-level sections to the JSON document (an audit's coverage);
 * a report bound for a file has no colour, since escape codes would end up in it.
 */
export async function renderReport(format: Format, input: ReportInput, options: {toFile?: boolean; extra?: Record<string, unknown>} = {}): Promise<string> {
  if (format === 'json' && options.extra) return JSON.stringify(await reportDocument(input, options.extra), null, 2) + '\n'
  if (options.toFile) {
    const chalk = (await import('chalk')).default
    chalk.level = 0
  }
  const {render} = await import('./index.js')
  return render(format, input)
}

/** The JSON document of a run, as `--json` returns it. */
export async function reportDocument(input: ReportInput, extra: Record<string, unknown> = {}): Promise<unknown> {
  const {jsonDocument} = await import('./json.js')
  return {...(jsonDocument(input) as Record<string, unknown>), ...extra}
}

/**
 * Writes `text` to `file` (relative to `cwd`), creating its folder; a path that cannot be written is a
 * UsageError naming it. Returns the path as messages show it.
 */
export function writeOutput(file: string, text: string, cwd: string): string {
  const target = path.resolve(cwd, file)
  try {
    mkdirSync(path.dirname(target), {recursive: true})
    writeFileSync(target, text)
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  return path.relative(cwd, target) || target
}
