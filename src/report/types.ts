// The input every reporter renders; reporters never decide anything, they only render.
import type {Finding} from '../engine/finding.js'
import type {RuleMeta, Severity} from '../rules/types.js'

export interface ReportFile {
  file: string
  stack?: string
  findings: Finding[]
  unusable: boolean
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
}

export const FORMATS = ['stylish', 'json', 'sarif', 'junit', 'github'] as const
export type Format = (typeof FORMATS)[number]

/** Values of `--fail-level`. */
export const FAIL_LEVELS = ['error', 'warning', 'info'] as const
