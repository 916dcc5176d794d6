// The input every reporter renders; reporters never decide anything, they only render.
import type {Finding} from '../engine/finding.js'
import type {RuleMeta, Severity} from '../rules/types.js'

export interface ReportFile {
  file: string
  stack?: string
  findings: Finding[]
  unusable: boolean
  /** The template that was linted, when findings point at the file it was generated from (serverless.yml). */
  packaged?: string
}

export interface ReportInput {
  /** `lint` or `audit`, for headings and tool descriptions. */
  command: 'lint' | 'audit'
  files: ReportFile[]
  rules: RuleMeta[]
  /** Version of sls-eda, for machine-readable formats. */
  version: string
  /** Folder paths are shown relative to. */
  cwd: string
  /** Severity at or above which findings fail the run (for summaries). */
  failLevel: Severity
  /** Columns of the terminal the report is shown on, for formats that wrap (stylish); none when not a terminal. */
  width?: number
}

export const FORMATS = ['stylish', 'json', 'sarif', 'junit', 'github'] as const
export type Format = (typeof FORMATS)[number]

/** Values of `--fail-level`. */
export const FAIL_LEVELS = ['error', 'warning', 'info'] as const
