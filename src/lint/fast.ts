// Start-up fast path for `sls-eda lint`: parses its flags without loading oclif (~150 ms), and hands anything unusual back to oclif.
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'

import {type Preset, PRESETS} from '../engine/presets.js'
import {UsageError} from '../lib/exit-codes.js'
import {FAIL_LEVELS, FORMATS, type Format} from '../report/types.js'
import type {Severity} from '../rules/types.js'
import {runLint} from './run.js'

/** Flags of the lint command, as declared in src/commands/lint.ts. */
export const OPTIONS = {
  format: {type: 'string', short: 'f'},
  output: {type: 'string', short: 'o'},
  'fail-level': {type: 'string'},
  'max-warnings': {type: 'string'},
  config: {type: 'string', short: 'c'},
  ignore: {type: 'string', multiple: true},
  preset: {type: 'string'},
  rule: {type: 'string', multiple: true},
  'pass-on-no-templates': {type: 'boolean'},
  color: {type: 'boolean'},
  // oclif's `allowNo` flag, spelt out: node:util parseArgs negates options only from Node 22.
  'no-color': {type: 'boolean'},
  'stack-group': {type: 'string', multiple: true},
  fix: {type: 'boolean'},
  'fix-dry-run': {type: 'boolean'},
  'unsafe-fixes': {type: 'boolean'},
  'fix-edits': {type: 'boolean'},
  cache: {type: 'boolean'},
  'cache-location': {type: 'string'},
} as const

/** Arguments only oclif handles: help, JSON output, and anything that looks like a request for the command's own help. */
const DEFER = new Set(['--help', '-h', '--json', '--diff'])

function packageVersion(): string {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../package.json')
  return (JSON.parse(readFileSync(file, 'utf8')) as {version: string}).version
}

/**
 * Runs `lint` with the given arguments (after the command name) when they are plain; returns false,
 * having printed nothing, when oclif should handle them (help, --json, a parse error, a usage
 * error) so every message and exit code stays oclif's.
 */
export async function fastLint(args: string[]): Promise<boolean> {
  if (args.some((arg) => DEFER.has(arg))) return false
  let parsed
  try {
    parsed = parseArgs({args, options: OPTIONS, allowPositionals: true, strict: true})
  } catch {
    return false
  }
  const {values, positionals} = parsed
  const format = values.format ?? 'stylish'
  const failLevel = values['fail-level'] ?? 'error'
  if (!(FORMATS as readonly string[]).includes(format) || !(FAIL_LEVELS as readonly string[]).includes(failLevel)) return false
  if (values.preset !== undefined && !(PRESETS as readonly string[]).includes(values.preset)) return false
  if (values['max-warnings'] !== undefined && !/^\d+$/.test(values['max-warnings'])) return false
  // oclif says why --fix and --fix-dry-run cannot go together.
  if (values.fix && values['fix-dry-run']) return false
  let outcome
  try {
    outcome = await runLint(
      positionals,
      {
        format: format as Format,
        output: values.output,
        failLevel: failLevel as Severity,
        maxWarnings: values['max-warnings'] === undefined ? undefined : Number(values['max-warnings']),
        config: values.config,
        ignore: values.ignore,
        preset: values.preset as Preset | undefined,
        rule: values.rule,
        passOnNoTemplates: values['pass-on-no-templates'],
        color: values['no-color'] ? false : values.color,
        stackGroup: values['stack-group'],
        fix: values.fix,
        fixDryRun: values['fix-dry-run'],
        unsafeFixes: values['unsafe-fixes'],
        fixEdits: values['fix-edits'],
        cache: values.cache,
        cacheLocation: values['cache-location'],
      },
      {cwd: process.cwd(), version: packageVersion()},
    )
  } catch (error) {
    if (error instanceof UsageError) return false
    throw error
  }
  // Same shape as oclif's warnings, so scripts that grep stderr see one format.
  for (const warning of outcome.warnings) process.stderr.write(` ›   Warning: ${warning}\n`)
  if (outcome.stdout !== undefined) process.stdout.write(outcome.stdout)
  for (const notice of outcome.notices) process.stderr.write(`${notice}\n`)
  process.exitCode = outcome.exitCode
  return true
}
