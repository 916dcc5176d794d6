// One-pass reader for the block YAML templates are written in: values and positions without the yaml library's document model; anything unusual is left to the library.
import type {SourceRange} from './types.js'

/** What the reader needs from its caller: the same range arithmetic and registration the full parser uses, so positions are identical. */
export interface FastYamlContext {
  text: string
  /** Short tags and the long form they stand for. */
  tags: Readonly<Record<string, string>>
  /** A node's range from the offsets the yaml library would give it ([start, valueEnd]). */
  range(start: number, end: number): SourceRange
  /** The range of a tagged node, from its tag (as the full parser computes it). */
  tagRange(tag: string, start: number, end: number): SourceRange
  register(container: object, self: SourceRange, keys: ReadonlyMap<string, SourceRange>, values: ReadonlyMap<string | number, SourceRange>): void
  maxDepth: number
  maxNodes: number
}

/** Thrown (never escapes) when the text uses something this reader leaves to the library: anchors, multi-line plain scalars, errors. */
const UNSUPPORTED = new Error('unsupported YAML construct')

const NO_KEYS: ReadonlyMap<string, SourceRange> = new Map()

// Character codes.
const LF = 10
const SPACE = 32
const HASH = 35
const QUOTE = 34
const APOSTROPHE = 39
const COMMA = 44
const DASH = 45
const COLON = 58
const BANG = 33
const LBRACKET = 91
const RBRACKET = 93
const LBRACE = 123
const RBRACE = 125
const PIPE = 124
const GT = 62

/** Plain scalars may not start with these (flow, quote, tag, anchor, alias, block scalar, directive, reserved, comment). */
const NOT_PLAIN_START = new Set([LBRACKET, RBRACKET, LBRACE, RBRACE, COMMA, QUOTE, APOSTROPHE, BANG, 38, 42, PIPE, GT, 37, 64, 96, HASH])

/**
 * Reads `text` into plain values, registering positions through `context`. Returns undefined when the
 * text holds anything the reader does not handle (the caller then uses the full parser, which also
 * produces every error message), so a value it returns is the one the full parser would build.
 */
export function readYamlFast(context: FastYamlContext): {value: unknown} | undefined {
  const {text} = context
  // Tabs, carriage returns, document markers and directives: rare in templates, subtle in YAML.
  if (text.includes('\t') || text.includes('\r') || /^(?:---|\.\.\.|%)/m.test(text)) return undefined
  try {
    return {value: new Reader(context).document()}
  } catch (error) {
    if (error === UNSUPPORTED) return undefined
    throw error
  }
}

function unsupported(): never {
  throw UNSUPPORTED
}

/** Core-schema resolution of a plain scalar, as the yaml library does it (YAML 1.2 core schema). */
function resolvePlain(source: string): unknown {
  const c = source.charCodeAt(0)
  // Letters other than n/N/t/T/f/F can only start strings: most values ("AWS::SQS::Queue", names) end here.
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
    if (c !== 110 && c !== 78 && c !== 116 && c !== 84 && c !== 102 && c !== 70) return source
  }
  if (/^(?:~|[Nn]ull|NULL)?$/.test(source)) return null
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(source)) return source[0] === 't' || source[0] === 'T'
  if (/^0o[0-7]+$/.test(source)) return Number.parseInt(source.slice(2), 8)
  if (/^[-+]?[0-9]+$/.test(source)) return Number.parseInt(source, 10)
  if (/^0x[0-9a-fA-F]+$/.test(source)) return Number.parseInt(source.slice(2), 16)
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(source)) {
    if (source.slice(-3).toLowerCase() === 'nan') return Number.NaN
    return source[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(source)) return Number.parseFloat(source)
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(source)) return Number.parseFloat(source)
  return source
}

class Reader {
  private readonly text: string
  private readonly length: number
  /** Offset of the next content (after blank and comment lines) once a block-level node is read. */
  private pos = 0
  // The last node read: its offsets as the yaml library reports them, and its tag.
  private start = 0
  private end = 0
  /** Where the node's text ends including a comment on its last line (or, for block collections, the comment lines after it). */
  private nodeEnd = 0
  private tagged: SourceRange | undefined
  /** True when the last scalar was plain (it resolves through the core schema unless tagged). */
  private plain = false
  private nodes = 0

  constructor(private readonly context: FastYamlContext) {
    this.text = context.text
    this.length = context.text.length
  }

  document(): unknown {
    const first = this.nextContent(0)
    if (first >= this.length) unsupported()
    const value = this.blockNode(first, this.column(first), -1, 0)
    if (this.pos < this.length) unsupported()
    return value
  }

  // ---- lines

  private column(offset: number): number {
    return offset - (this.text.lastIndexOf('\n', offset - 1) + 1)
  }

  private skipSpaces(offset: number): number {
    while (this.text.charCodeAt(offset) === SPACE) offset++
    return offset
  }

  /** The offset after the line break that ends the line holding `offset` (or the end of the text). */
  private nextLine(offset: number): number {
    const lf = this.text.indexOf('\n', offset)
    return lf < 0 ? this.length : lf + 1
  }

  private lineEnd(offset: number): number {
    const lf = this.text.indexOf('\n', offset)
    return lf < 0 ? this.length : lf
  }

  /** From the start of a line, the first content character after blank and comment-only lines. */
  private nextContent(offset: number): number {
    for (;;) {
      if (offset >= this.length) return this.length
      const at = this.skipSpaces(offset)
      const c = this.text.charCodeAt(at)
      if (c === LF || c === HASH) {
        offset = this.nextLine(at)
        continue
      }
      if (at >= this.length) return this.length
      return at
    }
  }

  private blankOrEnd(offset: number): boolean {
    return offset >= this.length || this.text.charCodeAt(offset) === SPACE || this.text.charCodeAt(offset) === LF
  }

  private isSeqIndicator(offset: number): boolean {
    return this.text.charCodeAt(offset) === DASH && this.blankOrEnd(offset + 1)
  }

  private count(depth: number): void {
    if (++this.nodes > this.context.maxNodes || depth > this.context.maxDepth) unsupported()
  }

  /** The range recorded for the last node read as a member of its parent. */
  private lastRange(): SourceRange {
    return this.tagged ?? this.context.range(this.start, this.end)
  }

  // ---- block structure

  private blockNode(offset: number, indent: number, parentIndent: number, depth: number): unknown {
    if (this.isSeqIndicator(offset)) return this.blockSeq(offset, indent, depth)
    if (this.keyEnd(offset) >= 0) return this.blockMap(offset, indent, depth)
    return this.inlineValue(offset, parentIndent, depth)
  }

  private blockMap(offset: number, indent: number, depth: number): Record<string, unknown> {
    this.count(depth)
    const result: Record<string, unknown> = {}
    const keys = new Map<string, SourceRange>()
    const values = new Map<string | number, SourceRange>()
    const start = offset
    let end = offset
    for (;;) {
      const colon = this.keyEnd(offset)
      if (colon < 0) unsupported()
      const key = this.readKey(offset, colon)
      // Duplicates, merge keys and __proto__ have their own handling (and errors) in the full parser.
      if (key === '__proto__' || keys.has(key) || (key === '<<' && this.plain)) unsupported()
      const keyRange = this.context.range(this.start, this.end)
      const value = this.afterIndicator(colon + 1, indent, depth + 1, true)
      result[key] = value
      keys.set(key, keyRange)
      values.set(key, this.lastRange())
      end = this.nodeEnd
      offset = this.pos
      if (offset >= this.length) break
      const column = this.column(offset)
      if (column < indent) break
      if (column > indent || this.isSeqIndicator(offset)) unsupported()
    }
    this.context.register(result, this.context.range(start, end), keys, values)
    this.setCollection(start, end, indent)
    return result
  }

  private blockSeq(offset: number, indent: number, depth: number): unknown[] {
    this.count(depth)
    const result: unknown[] = []
    const values = new Map<string | number, SourceRange>()
    const start = offset
    let end = offset
    for (;;) {
      const item = this.skipSpaces(offset + 1)
      const c = this.text.charCodeAt(item)
      // `- Key: value` opens a mapping whose keys line up with the first one.
      const value = item < this.length && c !== LF && c !== HASH && this.keyEnd(item) >= 0 ? this.blockMap(item, this.column(item), depth + 1) : this.afterIndicator(offset + 1, indent, depth + 1, false)
      values.set(result.length, this.lastRange())
      result.push(value)
      end = this.nodeEnd
      offset = this.pos
      if (offset >= this.length) break
      const column = this.column(offset)
      if (column < indent) break
      if (column === indent && this.isSeqIndicator(offset)) continue
      // A key of the mapping this sequence is the value of, written at the same indentation.
      if (column === indent) break
      unsupported()
    }
    this.context.register(result, this.context.range(start, end), NO_KEYS, values)
    this.setCollection(start, end, indent)
    return result
  }

  private setCollection(start: number, end: number, indent: number): void {
    this.start = start
    this.end = end
    // Comment lines after a block collection belong to it when the first of them is indented at least as far
    // as its items; the node then runs over them (and a parent whose last value it is ends there).
    this.nodeEnd = end
    let line = end > 0 && this.text.charCodeAt(end - 1) === LF ? end : this.nextLine(end)
    while (line < this.pos) {
      const at = this.skipSpaces(line)
      if (this.text.charCodeAt(at) === HASH) {
        if (at - line >= indent) this.nodeEnd = this.pos
        break
      }
      line = this.nextLine(at)
    }
    this.tagged = undefined
    this.plain = false
  }

  /** The value after `key:` or `-`: on the same line, on the following lines, or empty (null). */
  private afterIndicator(offset: number, parentIndent: number, depth: number, mapValue: boolean): unknown {
    const at = this.skipSpaces(offset)
    const c = this.text.charCodeAt(at)
    if (at < this.length && c !== LF && c !== HASH) return this.inlineValue(at, parentIndent, depth)
    const next = this.nextContent(this.nextLine(at))
    if (next < this.length) {
      const column = this.column(next)
      if (column > parentIndent || (mapValue && column === parentIndent && this.isSeqIndicator(next))) return this.blockNode(next, column, parentIndent, depth)
    }
    this.count(depth)
    this.start = at
    this.end = at
    // An empty value runs over every comment line up to the next content (its value could still have followed).
    this.nodeEnd = next
    this.tagged = undefined
    this.plain = true
    this.pos = next
    return null
  }

  /** A value that starts mid-line (or alone on its line): tagged, flow, quoted, block scalar or plain. */
  private inlineValue(offset: number, parentIndent: number, depth: number): unknown {
    if (this.text.charCodeAt(offset) !== BANG) return this.untagged(offset, parentIndent, depth)
    const [tag, after] = this.readTag(offset)
    const at = this.skipSpaces(after)
    const c = this.text.charCodeAt(at)
    let value: unknown
    if (at < this.length && c !== LF && c !== HASH) {
      value = this.untagged(at, parentIndent, depth, true)
    } else {
      const next = this.nextContent(this.nextLine(at))
      if (next >= this.length || this.column(next) <= parentIndent) unsupported()
      const column = this.column(next)
      if (this.isSeqIndicator(next)) value = this.blockSeq(next, column, depth)
      else if (this.keyEnd(next) >= 0) value = this.blockMap(next, column, depth)
      else unsupported()
    }
    return this.wrap(tag, value)
  }

  private readTag(offset: number): [string, number] {
    let end = offset + 1
    while (end < this.length && !this.blankOrEnd(end)) end++
    const tag = this.text.slice(offset, end)
    if (!Object.hasOwn(this.context.tags, tag)) unsupported()
    return [tag, end]
  }

  /** `{Fn::X: value}` for a short tag, registered at the tag like the full parser does. */
  private wrap(tag: string, plain: unknown): unknown {
    const name = this.context.tags[tag]!
    let inner = plain
    if (tag === '!GetAtt' && typeof plain === 'string') {
      const dot = plain.indexOf('.')
      inner = dot > 0 ? [plain.slice(0, dot), plain.slice(dot + 1)] : [plain]
    }
    const wrapped = {[name]: inner}
    const range = this.context.tagRange(tag, this.start, this.end)
    this.context.register(wrapped, range, new Map([[name, range]]), new Map([[name, range]]))
    this.tagged = range
    this.plain = false
    return wrapped
  }

  /** An untagged node, or the node a tag applies to (`tagged`: a plain scalar then keeps its text, as the tag's resolver receives it). */
  private untagged(offset: number, parentIndent: number, depth: number, tagged = false): unknown {
    const c = this.text.charCodeAt(offset)
    if (c === PIPE || c === GT) return this.blockScalar(offset, parentIndent, depth)
    let value: unknown
    if (c === LBRACKET || c === LBRACE) {
      value = this.flow(offset, parentIndent, depth)
    } else if (c === QUOTE || c === APOSTROPHE) {
      this.count(depth)
      value = this.quoted(offset)
    } else {
      this.count(depth)
      const source = this.blockPlain(offset)
      value = tagged ? source : resolvePlain(source)
    }
    this.tagged = undefined
    this.finishLine(this.end, parentIndent)
    return value
  }

  /** After a value that ends its line: only a comment may follow, and the next content may not be indented under it. */
  private finishLine(end: number, parentIndent: number): void {
    const at = this.skipSpaces(end)
    const c = this.text.charCodeAt(at)
    if (at < this.length && c !== LF && !(c === HASH && at > end)) unsupported()
    this.nodeEnd = c === HASH ? this.lineEnd(at) : end
    const next = this.nextContent(this.nextLine(at))
    // More indented: a multi-line plain scalar or an error; both are the library's.
    if (next < this.length && this.column(next) > parentIndent) unsupported()
    // Comment lines indented under the value's collection belong to the value.
    for (let line = this.nextLine(at); line < next;) {
      const content = this.skipSpaces(line)
      if (this.text.charCodeAt(content) === HASH) {
        if (content - line <= parentIndent) break
        this.nodeEnd = this.lineEnd(content)
      }
      line = this.nextLine(content)
    }
    this.pos = next
  }

  // ---- scalars

  /** Offset of the `:` that ends an implicit key starting at `offset`, or -1 when the line does not start with a key. */
  private keyEnd(offset: number): number {
    const text = this.text
    const c = text.charCodeAt(offset)
    if (c === QUOTE || c === APOSTROPHE) {
      const close = this.quoteEnd(offset)
      if (close < 0) return -1
      const colon = this.skipSpaces(close)
      return text.charCodeAt(colon) === COLON && this.blankOrEnd(colon + 1) ? colon : -1
    }
    if (NOT_PLAIN_START.has(c) || ((c === DASH || c === 63 || c === COLON) && this.blankOrEnd(offset + 1))) return -1
    const lineEnd = this.lineEnd(offset)
    for (let at = offset; at < lineEnd; at++) {
      const ch = text.charCodeAt(at)
      if (ch === COLON && this.blankOrEnd(at + 1)) return at - offset > 1024 ? unsupported() : at
      if (ch === HASH && text.charCodeAt(at - 1) === SPACE) return -1
    }
    return -1
  }

  /** Reads a key ending at `colon`; leaves its offsets in start/end. */
  private readKey(offset: number, colon: number): string {
    const c = this.text.charCodeAt(offset)
    this.tagged = undefined
    if (c === QUOTE || c === APOSTROPHE) {
      const value = this.quoted(offset)
      return value
    }
    let end = colon
    while (this.text.charCodeAt(end - 1) === SPACE) end--
    const source = this.text.slice(offset, end)
    this.start = offset
    this.end = end
    this.plain = true
    return String(resolvePlain(source))
  }

  /** Offset after the closing quote of a one-line quoted scalar, or -1. */
  private quoteEnd(offset: number): number {
    const text = this.text
    const quote = text.charCodeAt(offset)
    const lineEnd = this.lineEnd(offset)
    let at = offset + 1
    for (;;) {
      const close = text.indexOf(quote === QUOTE ? '"' : "'", at)
      if (close < 0 || close > lineEnd) return -1
      if (quote === APOSTROPHE && text.charCodeAt(close + 1) === APOSTROPHE) {
        at = close + 2
        continue
      }
      return close + 1
    }
  }

  /** A quoted scalar on one line; double-quoted ones with escapes are left to the library. */
  private quoted(offset: number): string {
    const end = this.quoteEnd(offset)
    if (end < 0) unsupported()
    const inner = this.text.slice(offset + 1, end - 1)
    this.start = offset
    this.end = end
    this.plain = false
    if (this.text.charCodeAt(offset) === QUOTE) {
      if (inner.includes('\\')) unsupported()
      return inner
    }
    return inner.includes("''") ? inner.replaceAll("''", "'") : inner
  }

  /** A plain scalar in block context, on one line: up to a comment or the end of the line. */
  private blockPlain(offset: number): string {
    const text = this.text
    const c = text.charCodeAt(offset)
    if (NOT_PLAIN_START.has(c) || ((c === DASH || c === 63 || c === COLON) && this.blankOrEnd(offset + 1))) unsupported()
    const lineEnd = this.lineEnd(offset)
    let end = lineEnd
    for (let at = offset; at < lineEnd; at++) {
      const ch = text.charCodeAt(at)
      if (ch === HASH && text.charCodeAt(at - 1) === SPACE) {
        end = at
        break
      }
      // `a: b: c` is an error in YAML.
      if (ch === COLON && this.blankOrEnd(at + 1)) unsupported()
    }
    while (text.charCodeAt(end - 1) === SPACE) end--
    this.start = offset
    this.end = end
    this.plain = true
    return text.slice(offset, end)
  }

  /** `|` and `>` scalars with optional chomping; indentation indicators and unusual layouts are left to the library. */
  private blockScalar(offset: number, parentIndent: number, depth: number): string {
    this.count(depth)
    const text = this.text
    const folded = text.charCodeAt(offset) === GT
    let at = offset + 1
    let chomp: 'clip' | 'strip' | 'keep' = 'clip'
    if (text.charCodeAt(at) === DASH) {
      chomp = 'strip'
      at++
    } else if (text.charCodeAt(at) === 43) {
      chomp = 'keep'
      at++
    }
    at = this.skipSpaces(at)
    if (text.charCodeAt(at) !== LF) unsupported()
    let line = at + 1
    // The first line decides the indentation; blank lines before it are left to the library.
    const first = this.skipSpaces(line)
    if (first >= this.length || text.charCodeAt(first) === LF) unsupported()
    const indent = first - line
    if (indent <= parentIndent || indent === 0) unsupported()
    const lines: string[] = []
    let trailing = 0
    let contentEnd = line
    while (line < this.length) {
      const content = this.skipSpaces(line)
      const spaces = content - line
      if (content >= this.length || text.charCodeAt(content) === LF) {
        if (spaces > indent) unsupported()
        if (content >= this.length) break
        trailing++
        line = content + 1
        continue
      }
      if (spaces < indent) break
      const lf = text.indexOf('\n', line)
      if (lf < 0) unsupported()
      if (folded && spaces > indent) unsupported()
      for (; trailing > 0; trailing--) lines.push('')
      lines.push(text.slice(line + indent, lf))
      contentEnd = lf + 1
      line = lf + 1
    }
    let value: string
    if (folded) {
      value = lines[0]!
      let empty = 0
      for (let i = 1; i < lines.length; i++) {
        const current = lines[i]!
        if (current === '') {
          empty++
          continue
        }
        value += empty > 0 ? '\n'.repeat(empty) : ' '
        value += current
        empty = 0
      }
    } else {
      value = lines.join('\n')
    }
    if (chomp === 'clip') value += '\n'
    else if (chomp === 'keep') value += '\n' + '\n'.repeat(trailing)
    this.start = offset
    this.end = contentEnd
    this.nodeEnd = contentEnd
    this.tagged = undefined
    this.plain = false
    const next = this.nextContent(line)
    if (next < this.length && this.column(next) > parentIndent) unsupported()
    this.pos = next
    return value
  }

  // ---- flow collections

  /** Skips spaces and line breaks inside a flow collection; its lines must stay indented under the block that holds it. */
  private flowSpace(offset: number, parentIndent: number): number {
    for (;;) {
      offset = this.skipSpaces(offset)
      const c = this.text.charCodeAt(offset)
      if (c === HASH) unsupported()
      if (c !== LF) return offset
      const next = this.skipSpaces(offset + 1)
      if (next - (offset + 1) <= parentIndent) unsupported()
      offset = next
    }
  }

  private flow(offset: number, parentIndent: number, depth: number): unknown {
    this.count(depth)
    const map = this.text.charCodeAt(offset) === LBRACE
    const close = map ? RBRACE : RBRACKET
    const start = offset
    const values = new Map<string | number, SourceRange>()
    const keys = map ? new Map<string, SourceRange>() : NO_KEYS
    const list: unknown[] = []
    const record: Record<string, unknown> = {}
    let at = this.flowSpace(offset + 1, parentIndent)
    if (this.text.charCodeAt(at) === close) {
      at++
    } else {
      for (;;) {
        if (map) {
          const c = this.text.charCodeAt(at)
          let key: string
          if (c === QUOTE || c === APOSTROPHE) key = this.quoted(at)
          else key = String(resolvePlain(this.flowPlain(at, parentIndent)))
          if (key === '__proto__' || (keys as Map<string, SourceRange>).has(key) || (key === '<<' && this.plain)) unsupported()
          const keyRange = this.context.range(this.start, this.end)
          at = this.flowSpace(this.end, parentIndent)
          if (this.text.charCodeAt(at) !== COLON) unsupported()
          at = this.flowSpace(at + 1, parentIndent)
          const value = this.flowItem(at, parentIndent, depth + 1)
          record[key] = value
          ;(keys as Map<string, SourceRange>).set(key, keyRange)
          values.set(key, this.lastRange())
        } else {
          const value = this.flowItem(at, parentIndent, depth + 1)
          values.set(list.length, this.lastRange())
          list.push(value)
        }
        at = this.flowSpace(this.end, parentIndent)
        const c = this.text.charCodeAt(at)
        if (c === COMMA) {
          at = this.flowSpace(at + 1, parentIndent)
          // Trailing commas and empty entries are left to the library.
          const next = this.text.charCodeAt(at)
          if (next === close || next === COMMA) unsupported()
          continue
        }
        if (c === close) {
          at++
          break
        }
        unsupported()
      }
    }
    const result = map ? record : list
    this.context.register(result, this.context.range(start, at), keys, values)
    this.start = start
    this.end = at
    this.tagged = undefined
    this.plain = false
    return result
  }

  private flowItem(offset: number, parentIndent: number, depth: number): unknown {
    const c = this.text.charCodeAt(offset)
    if (c === BANG) {
      const [tag, after] = this.readTag(offset)
      const at = this.flowSpace(after, parentIndent)
      const inner = this.text.charCodeAt(at)
      let value: unknown
      if (inner === LBRACKET || inner === LBRACE) {
        value = this.flow(at, parentIndent, depth)
      } else if (inner === QUOTE || inner === APOSTROPHE) {
        this.count(depth)
        value = this.quoted(at)
      } else {
        this.count(depth)
        value = this.flowPlain(at, parentIndent)
      }
      return this.wrap(tag, value)
    }
    let value: unknown
    if (c === LBRACKET || c === LBRACE) {
      value = this.flow(offset, parentIndent, depth)
    } else if (c === QUOTE || c === APOSTROPHE) {
      this.count(depth)
      value = this.quoted(offset)
    } else {
      this.count(depth)
      value = resolvePlain(this.flowPlain(offset, parentIndent))
    }
    this.tagged = undefined
    // `[a: b]` is a mapping inside a sequence: the library's.
    if (this.text.charCodeAt(this.flowSpace(this.end, parentIndent)) === COLON) unsupported()
    return value
  }

  /** A plain scalar inside a flow collection, on one line. */
  private flowPlain(offset: number, parentIndent: number): string {
    const text = this.text
    const c = text.charCodeAt(offset)
    if (offset >= this.length || NOT_PLAIN_START.has(c) || c === LF || ((c === DASH || c === 63 || c === COLON) && this.flowBoundary(offset + 1))) unsupported()
    let at = offset
    for (; at < this.length; at++) {
      const ch = text.charCodeAt(at)
      if (ch === COMMA || ch === LBRACKET || ch === RBRACKET || ch === LBRACE || ch === RBRACE || ch === LF) break
      if (ch === COLON && this.flowBoundary(at + 1)) break
      if (ch === HASH && text.charCodeAt(at - 1) === SPACE) unsupported()
    }
    let end = at
    while (text.charCodeAt(end - 1) === SPACE) end--
    // A plain scalar continued on the next line folds: the library's.
    if (text.charCodeAt(at) === LF) {
      const next = this.flowSpace(at, parentIndent)
      const n = text.charCodeAt(next)
      if (n !== COMMA && n !== RBRACKET && n !== RBRACE && n !== COLON) unsupported()
    }
    this.start = offset
    this.end = end
    this.plain = true
    return text.slice(offset, end)
  }

  private flowBoundary(offset: number): boolean {
    if (offset >= this.length) return true
    const c = this.text.charCodeAt(offset)
    return c === SPACE || c === LF || c === COMMA || c === RBRACKET || c === RBRACE || c === LBRACKET || c === LBRACE
  }
}
