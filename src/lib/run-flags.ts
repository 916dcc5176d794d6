// Flags lint and audit share (report format and file, fail level, configuration, preset), declared once so both commands and their help say the same.
import {Flags} from '@oclif/core'

import {PRESETS} from '../engine/presets.js'
import {FAIL_LEVELS, FORMATS} from '../report/types.js'

export const RUN_FLAGS = {
  format: Flags.string({char: 'f', summary: 'Output format.', options: [...FORMATS], default: 'stylish'}),
  output: Flags.string({char: 'o', summary: 'Write the report to this file instead of standard output.'}),
  'fail-level': Flags.string({summary: 'Lowest severity that makes the run fail (exit code 1).', options: [...FAIL_LEVELS], default: 'error'}),
  config: Flags.string({char: 'c', summary: 'Configuration file to use instead of the nearest .sls-eda.yml.'}),
  preset: Flags.string({summary: 'Rule preset: recommended (default) or strict (every rule).', options: [...PRESETS]}),
}

/** `--color` / `--no-color`, on every command that prints colour. */
export const COLOR_FLAG = Flags.boolean({summary: 'Colour the output (default: on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it).', allowNo: true})

/**
 * Why `--json` cannot go with the other output flags given, if it cannot: --json prints the JSON report
 * to standard output, so another --format, or --output, asks for something else at the same time.
 */
export function jsonFlagConflict(json: boolean, flags: {format: string; output?: string}, formatGiven: boolean): string | undefined {
  if (!json) return undefined
  if (formatGiven && flags.format !== 'json') return `--json and --format ${flags.format} cannot be used together: --json prints the JSON report; use --format ${flags.format} alone, or --json alone`
  if (flags.output !== undefined) return '--json and --output cannot be used together: --json prints to standard output; use --format json --output FILE to write the JSON report to a file'
  return undefined
}
