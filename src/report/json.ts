// Machine-readable JSON: one object with per-file findings and a summary; stable keys for scripts.
import path from 'node:path'

import type {ReportInput} from './types.js'

export function jsonDocument(input: ReportInput): unknown {
  // Findings of a file share a handful of location files: compute each relative path once.
  const relativePaths = new Map<string, string>()
  const relative = (file: string): string => {
    let shown = relativePaths.get(file)
    if (shown === undefined) relativePaths.set(file, (shown = path.relative(input.cwd, file) || file))
    return shown
  }
  let errors = 0
  let warnings = 0
  let infos = 0
  let unusable = 0
  for (const file of input.files) {
    if (file.unusable) unusable++
    for (const finding of file.findings) {
      if (finding.severity === 'error') errors++
      else if (finding.severity === 'warning') warnings++
      else if (finding.severity === 'info') infos++
    }
  }
  return {
    tool: 'sls-eda',
    version: input.version,
    command: input.command,
    summary: {files: input.files.length, errors, warnings, infos, unusable},
    files: input.files.map((file) => ({
      file: relative(file.file),
      stack: file.stack,
      ...(file.packaged ? {packaged: relative(file.packaged)} : {}),
      unusable: file.unusable,
      findings: file.findings.map((finding) => ({
        ...finding,
        location: finding.location ? {...finding.location, file: relative(finding.location.file)} : undefined,
      })),
    })),
  }
}

export function renderJson(input: ReportInput): string {
  return JSON.stringify(jsonDocument(input), null, 2) + '\n'
}
