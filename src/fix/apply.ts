// Applies findings' fixes to a file's text: whole fixes only, the ones that do not overlap, in one pass (the caller re-lints and repeats).
import {closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync} from 'node:fs'
import path from 'node:path'

import type {Finding} from '../engine/finding.js'
import type {FindingFix, TextEdit} from './types.js'

/** The findings whose fixes a run may apply: safe ones, and unsafe ones too when asked. */
export function fixableFindings(findings: readonly Finding[], unsafe: boolean): Array<Finding & {autofix: FindingFix}> {
  return findings.filter((finding): finding is Finding & {autofix: FindingFix} => finding.autofix !== undefined && (finding.autofix.applicability === 'safe' || unsafe))
}

/** The key an insertion starts with (`Properties` of `  Properties:\n…`, `Timeout` of `,\n  "Timeout": 3`). */
function firstKey(text: string): string | undefined {
  return /^[\s,]*"?([^"\s:,{}[\]]+)"?\s*:/.exec(text)?.[1]
}

/** Indentation of an insertion's first line (a JSON member's leading comma aside). */
function startIndent(text: string): number {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '' && l.trim() !== ',') ?? ''
  return line.length - line.trimStart().length
}

/** An insertion that ends at a shallower indentation than it starts (a property, then a resource after it): another one after it would land in the wrong mapping. */
function leavesItsLevel(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '' && line.trim() !== ',')
  const indent = (line: string): number => line.length - line.trimStart().length
  return lines.some((line) => indent(line) < indent(lines[0]!))
}

function touches(a: TextEdit, b: TextEdit, text: string): boolean {
  if (a.start === b.start && a.end === a.start && b.end === b.start) {
    // Two insertions at one offset are independent members (two alarms after one resource, two keys at the end
    // of one mapping) unless they start with the same key, or land inside empty braces where they would need a comma.
    const before = text.slice(0, a.start).trimEnd().at(-1)
    return (
      before === '{' ||
      before === '[' ||
      firstKey(a.text) === undefined ||
      firstKey(a.text) === firstKey(b.text) ||
      leavesItsLevel(a.text) ||
      leavesItsLevel(b.text) ||
      startIndent(a.text) !== startIndent(b.text)
    )
  }
  if (a.start === b.start) return true
  return a.start < b.end && b.start < a.end
}

/** Same place, same text: two fixes that both add the alarm topic parameter add it once. */
function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.start === b.start && a.end === b.end && a.text === b.text
}

/**
 * Applies every fix whose edits touch no edit of a fix taken before it (ESLint's rule: the rest wait for
 * the next pass, against the re-linted text). Identical fixes (one Globals edit for several functions)
 * are applied once and count for each finding.
 */
export function applyFixes(text: string, fixes: readonly FindingFix[]): {text: string; applied: number; taken: Set<FindingFix>} {
  const taken: TextEdit[] = []
  const seen = new Set<string>()
  const chosen = new Set<FindingFix>()
  let applied = 0
  const ordered = [...fixes].sort((a, b) => Math.min(...a.edits.map((e) => e.start)) - Math.min(...b.edits.map((e) => e.start)))
  for (const fix of ordered) {
    const key = JSON.stringify(fix.edits.map(({start, end, text: t}) => [start, end, t]))
    if (seen.has(key)) {
      applied++
      chosen.add(fix)
      continue
    }
    if (fix.edits.some((edit) => edit.start < 0 || edit.end > text.length || edit.end < edit.start)) continue
    const fresh = fix.edits.filter((edit) => !taken.some((other) => sameEdit(edit, other)))
    if (fresh.some((edit) => taken.some((other) => touches(edit, other, text)))) continue
    seen.add(key)
    taken.push(...fresh)
    chosen.add(fix)
    applied++
  }
  // From the end, so offsets stay valid; insertions at one offset keep the order they were taken in.
  let out = text
  const order = new Map(taken.map((edit, index) => [edit, index]))
  for (const edit of [...taken].sort((a, b) => b.start - a.start || order.get(b)! - order.get(a)!)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end)
  return {text: out, applied, taken: chosen}
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
