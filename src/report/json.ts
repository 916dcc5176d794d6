// Machine-readable JSON: one object with per-file findings and a summary; stable keys for scripts.
import path from 'node:path'

import type {ReportInput} from './types.js'

export function jsonDocument(input: ReportInput): unknown {
  const findings = input.files.flatMap((file) => file.findings)
  return {
    tool: 'sls-eda',
    version: input.version,
    command: input.command,
    summary: {
      files: input.files.length,
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      infos: findings.filter((f) => f.severity === 'info').length,
      unusable: input.files.filter((f) => f.unusable).length,
    },
    files: input.files.map((file) => ({
      file: path.relative(input.cwd, file.file) || file.file,
      stack: file.stack,
      unusable: file.unusable,
      findings: file.findings.map((finding) => ({
        ...finding,
        location: finding.location ? {...finding.location, file: path.relative(input.cwd, finding.location.file) || finding.location.file} : undefined,
      })),
    })),
  }
}

export function renderJson(input: ReportInput): string {
  return JSON.stringify(jsonDocument(input), null, 2) + '\n'
}
