// Applies findings' fixes to a file's text: whole fixes only, the ones that do not overlap, in one pass (the caller re-lints and repeats).
import {closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync} from 'node:fs'
import path from 'node:path'

import type {Finding} from '../engine/finding.js'
import type {FindingFix, TextEdit} from './types.js'

/** The fixes a run may apply: safe ones, and unsafe ones too when asked. */
export function applicableFixes(findings: readonly Finding[], unsafe: boolean): FindingFix[] {
  return findings.flatMap((finding) => (finding.autofix && (finding.autofix.applicability === 'safe' || unsafe) ? [finding.autofix] : []))
}

function touches(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at one offset would land in an order nobody chose; an insertion at the edge of a replacement likewise.
  if (a.start === b.start) return true
  return a.start < b.end && b.start < a.end
}

/**
 * Applies every fix whose edits touch no edit of a fix taken before it (ESLint's rule: the rest wait for
 * the next pass, against the re-linted text). Identical fixes (one Globals edit for several functions)
 * are applied once and count for each finding.
 */
export function applyFixes(text: string, fixes: readonly FindingFix[]): {text: string; applied: number} {
  const taken: TextEdit[] = []
  const seen = new Set<string>()
  let applied = 0
  const ordered = [...fixes].sort((a, b) => Math.min(...a.edits.map((e) => e.start)) - Math.min(...b.edits.map((e) => e.start)))
  for (const fix of ordered) {
    const key = JSON.stringify(fix.edits.map(({start, end, text: t}) => [start, end, t]))
    if (seen.has(key)) {
      applied++
      continue
    }
    if (fix.edits.some((edit) => edit.start < 0 || edit.end > text.length || edit.end < edit.start)) continue
    if (fix.edits.some((edit) => taken.some((other) => touches(edit, other)))) continue
    seen.add(key)
    taken.push(...fix.edits)
    applied++
  }
  let out = text
  for (const edit of taken.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end)
  return {text: out, applied}
}

/** Why a fixed file was not written. */
export class StaleFileError extends Error {}

/**
 * Writes `text` over `file` only if the file still holds `expected` (what was linted): the new content
 * goes to a temporary file in the same folder, then replaces the file in one rename, so the file is never
 * half-written. A byte order mark and the file's mode are kept.
 */
export function writeFixedFile(file: string, expected: string, text: string): void {
  const current = readFileSync(file)
  const bom = current.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))
  if (current.toString('utf8').replace(/^\uFEFF/, '') !== expected) throw new StaleFileError('changed since it was read; not fixed')
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.sls-eda-fix`)
  const fd = openSync(temp, 'wx', statSync(file).mode & 0o7777)
  try {
    writeSync(fd, (bom ? '\uFEFF' : '') + text)
    fsyncSync(fd)
  } catch (error) {
    closeSync(fd)
    unlinkSync(temp)
    throw error
  }
  closeSync(fd)
  renameSync(temp, file)
}
