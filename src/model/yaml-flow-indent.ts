// Re-indents continuation lines of flow collections ({...}, [...]) that CloudFormation's YAML reader accepts at any indentation and YAML 1.2 readers refuse, with a map back to the user's offsets.

export interface Reindented {
  text: string
  /** The offset in the text as written of an offset in the re-indented text (added spaces map to the start of their line). */
  toOriginal: (offset: number) => number
}

const SPACE = 32
const LF = 10

/**
 * Indents every line inside a block-context flow collection that is not indented past the block node
 * holding the collection, one column past it. PyYAML (and so CloudFormation, SAM CLI and cfn-lint)
 * reads such templates; the yaml library ends the collection at the first such line. Returns undefined
 * when no line needed it. Used only on text the library refused, so valid YAML never goes through it.
 */
export function reindentFlowContinuations(text: string): Reindented | undefined {
  const insertions: Array<{at: number; count: number}> = []
  const scanner = new FlowScanner(text, insertions)
  scanner.run()
  if (insertions.length === 0) return undefined
  let result = ''
  let last = 0
  for (const {at, count} of insertions) {
    result += text.slice(last, at) + ' '.repeat(count)
    last = at
  }
  result += text.slice(last)
  // Where each insertion starts in the re-indented text, and how many spaces come before it, for the way back.
  const starts: number[] = []
  const before: number[] = []
  let added = 0
  for (const {at, count} of insertions) {
    starts.push(at + added)
    before.push(added)
    added += count
  }
  const toOriginal = (offset: number): number => {
    let low = 0
    let high = starts.length - 1
    let found = -1
    while (low <= high) {
      const middle = (low + high) >> 1
      if (starts[middle]! <= offset) {
        found = middle
        low = middle + 1
      } else high = middle - 1
    }
    if (found < 0) return offset
    const {at, count} = insertions[found]!
    if (offset < starts[found]! + count) return at
    return offset - before[found]! - count
  }
  return {text: result, toOriginal}
}

class FlowScanner {
  private readonly length: number

  constructor(
    private readonly text: string,
    private readonly insertions: Array<{at: number; count: number}>,
  ) {
    this.length = text.length
  }

  private lineEnd(offset: number): number {
    const lf = this.text.indexOf('\n', offset)
    return lf < 0 ? this.length : lf
  }

  private skipSpaces(offset: number): number {
    while (this.text.charCodeAt(offset) === SPACE) offset++
    return offset
  }

  run(): void {
    let line = 0
    /** Lines indented past this column belong to a block scalar (`|`, `>`) and are skipped. */
    let blockScalarColumn = -1
    /** Column of the key or dash whose value was left for the next line (`Key:` alone), else -1. */
    let pendingColumn = -1
    while (line < this.length) {
      const end = this.lineEnd(line)
      const content = this.skipSpaces(line)
      const indent = content - line
      const first = this.text[content]
      if (content >= end || first === '#') {
        line = end + 1
        continue
      }
      if (blockScalarColumn >= 0) {
        if (indent > blockScalarColumn) {
          line = end + 1
          continue
        }
        blockScalarColumn = -1
      }
      // The value on this line: after any `- ` indicators and a `key:`.
      let at = content
      let parentColumn = pendingColumn >= 0 ? pendingColumn : indent
      let valueStart = pendingColumn >= 0
      while (this.text[at] === '-' && (at + 1 >= end || this.text.charCodeAt(at + 1) === SPACE)) {
        parentColumn = at - line
        at = this.skipSpaces(at + 1)
        valueStart = true
      }
      const colon = this.keyColon(at, end)
      if (colon >= 0) {
        parentColumn = at - line
        at = this.skipSpaces(colon + 1)
        valueStart = true
      }
      pendingColumn = -1
      if (!valueStart) {
        // A continuation of a multi-line plain scalar: no value starts here.
        line = end + 1
        continue
      }
      // Tags and anchors before the value.
      while ((this.text[at] === '!' || this.text[at] === '&') && at < end) {
        while (at < end && this.text.charCodeAt(at) !== SPACE) at++
        at = this.skipSpaces(at)
      }
      const c = this.text[at]
      if (at >= end || c === '#') {
        pendingColumn = parentColumn
        line = end + 1
        continue
      }
      if (c === '|' || c === '>') {
        blockScalarColumn = parentColumn
        line = end + 1
        continue
      }
      if (c === '[' || c === '{') {
        line = this.flow(at, parentColumn)
        continue
      }
      if (c === '"' || c === "'") {
        line = this.lineStartAfter(this.quoteEnd(at))
        continue
      }
      line = end + 1
    }
  }

  /** The `:` ending a key that starts at `offset`, or -1. */
  private keyColon(offset: number, end: number): number {
    const c = this.text[offset]
    if (c === '[' || c === '{') return -1
    let at = offset
    if (c === '"' || c === "'") {
      at = this.quoteEnd(offset)
      if (at > end) return -1
      at = this.skipSpaces(at)
      return this.text[at] === ':' && (at + 1 >= end || this.text.charCodeAt(at + 1) === SPACE) ? at : -1
    }
    for (; at < end; at++) {
      const ch = this.text[at]
      if (ch === ':' && (at + 1 >= end || this.text.charCodeAt(at + 1) === SPACE)) return at
      if (ch === '#' && this.text.charCodeAt(at - 1) === SPACE) return -1
    }
    return -1
  }

  /** The offset after the quote closing the quoted scalar at `offset` (quoted scalars may span lines). */
  private quoteEnd(offset: number): number {
    const quote = this.text[offset]
    for (let at = offset + 1; at < this.length; at++) {
      const ch = this.text[at]
      if (quote === '"' && ch === '\\') {
        at++
        continue
      }
      if (ch !== quote) continue
      if (quote === "'" && this.text[at + 1] === "'") {
        at++
        continue
      }
      return at + 1
    }
    return this.length
  }

  private lineStartAfter(offset: number): number {
    return this.lineEnd(offset) + 1
  }

  /** Scans a flow collection opened at `offset`, indenting its lines past `parentColumn`; returns the start of the line after it closes. */
  private flow(offset: number, parentColumn: number): number {
    let depth = 0
    let at = offset
    while (at < this.length) {
      const ch = this.text[at]
      if (ch === '[' || ch === '{') depth++
      else if (ch === ']' || ch === '}') {
        depth--
        if (depth === 0) return this.lineStartAfter(at)
      } else if (ch === '"' || ch === "'") {
        const close = this.quoteEnd(at)
        for (let lf = this.text.indexOf('\n', at); lf >= 0 && lf < close; lf = this.text.indexOf('\n', lf + 1)) this.indentLine(lf + 1, parentColumn)
        at = close
        continue
      } else if (ch === '#' && (at === 0 || this.text.charCodeAt(at - 1) === SPACE || this.text.charCodeAt(at - 1) === LF)) {
        at = this.lineEnd(at)
        continue
      } else if (ch === '\n') {
        this.indentLine(at + 1, parentColumn)
      }
      at++
    }
    return this.length
  }

  private indentLine(line: number, parentColumn: number): void {
    const content = this.skipSpaces(line)
    if (content >= this.length || this.text.charCodeAt(content) === LF) return
    const indent = content - line
    if (indent <= parentColumn) this.insertions.push({at: line, count: parentColumn + 1 - indent})
  }
}
