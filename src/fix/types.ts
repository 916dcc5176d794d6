// What a fix is: text edits on the source as written (never a re-serialised document), and whether applying them is safe.

/** Ruff's applicability: safe fixes keep behaviour; unsafe ones change something a user may rely on. */
export type Applicability = 'safe' | 'unsafe'

/** Replace `[start, end)` of the source text (UTF-16 offsets, as JavaScript strings count) with `text`. */
export interface TextEdit {
  start: number
  end: number
  text: string
}

/** A text edit with 1-based positions too, for reports (SARIF replacements). */
export interface LocatedEdit extends TextEdit {
  line: number
  column: number
  endLine: number
  endColumn: number
}

/** The fix a finding carries: its edits are applied together or not at all. */
export interface FindingFix {
  applicability: Applicability
  /** What the fix does, in one line. */
  description: string
  /** Unsafe fixes: what behaviour changes, or what the user still has to fill in. */
  reason?: string
  edits: LocatedEdit[]
}

/** What a rule's autofix returns: the edits, and an optional downgrade to unsafe with its reason. */
export interface FixProposal {
  edits: TextEdit[]
  description: string
  /** Set when this particular fix is unsafe even if the rule's usual fix is safe (e.g. an alarm with no action to wire). */
  unsafe?: string
}
