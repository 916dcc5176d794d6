// `lint --fix` for one template file: lint, apply the fixes that do not overlap, re-lint, repeat (at most MAX_PASSES), then write safely.
import type {Finding} from '../engine/finding.js'
import {applyFixes, fixableFindings, StaleFileError, writeFixedFile} from './apply.js'

/** ESLint stops after 10 passes; a fix that keeps producing new fixes is a bug, not a reason to loop. */
export const MAX_PASSES = 10

export interface FixMode {
  /** Write the fixed file (`--fix`); false computes the change only (`--fix-dry-run`). */
  write: boolean
  /** Apply unsafe fixes too (`--unsafe-fixes`). */
  unsafe: boolean
}

/** What fixing one file did. */
export interface FileFix {
  /** The text as read. */
  original: string
  /** The text after every pass (equal to `original` when nothing applied). */
  text: string
  /** Fixes applied, over all passes. */
  applied: number
  passes: number
  written: boolean
  /** Why the file was not written although it had fixes (changed since read, cannot write). */
  error?: string
}

/** One lint of a text: its findings, or undefined when the text is not a usable template. */
export type LintText = (text: string) => Finding[] | undefined

/**
 * Fixes one file's text. `lintText` lints a version of it and returns findings carrying fixes. A pass
 * whose result no longer parses as a template is dropped (the file stays as the last good pass left it).
 */
export function fixText(file: string, original: string, lintText: LintText, mode: FixMode): {findings: Finding[] | undefined; fix: FileFix} {
  let text = original
  let findings = lintText(text)
  let applied = 0
  let passes = 0
  // A finding whose fix was applied and that is still there is not fixed by applying it again: never twice.
  const done = new Set<string>()
  const keyOf = (finding: Finding): string => `${finding.ruleId}|${finding.resource?.id ?? ''}|${finding.messageId}|${JSON.stringify(finding.data)}`
  while (findings && passes < MAX_PASSES) {
    const candidates = fixableFindings(findings, mode.unsafe).filter((finding) => !done.has(keyOf(finding)))
    if (candidates.length === 0) break
    const next = applyFixes(
      text,
      candidates.map((finding) => finding.autofix),
    )
    for (const finding of candidates) if (next.taken.has(finding.autofix)) done.add(keyOf(finding))
    if (next.applied === 0 || next.text === text) break
    const relinted = lintText(next.text)
    passes++
    // A fix that breaks the template is never kept.
    if (!relinted) break
    text = next.text
    findings = relinted
    applied += next.applied
  }
  const fix: FileFix = {original, text, applied, passes, written: false}
  if (mode.write && text !== original) {
    try {
      writeFixedFile(file, original, text)
      fix.written = true
    } catch (error) {
      fix.error = error instanceof StaleFileError ? error.message : `cannot write the fixed file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`
    }
  }
  return {findings, fix}
}
