// The fix toolkit: finds nodes of a YAML or JSON template by path and writes properties and resources as text edits in the file's own style.
import {Document, isMap, isScalar, isSeq, type Node as YamlNode, type Pair, parseDocument, Scalar, YAMLMap, YAMLSeq} from 'yaml'

import type {TextEdit} from './types.js'

type Segment = string | number
type MapNode = YAMLMap<unknown, unknown>

/** Intrinsic functions written with a short tag in YAML (`!Ref x`, `!GetAtt a.b`, `!Sub s`). */
function shortTagged(value: Record<string, unknown>, doc: Document): YamlNode | undefined {
  const keys = Object.keys(value)
  if (keys.length !== 1) return undefined
  const key = keys[0]!
  const argument = value[key]
  if (key === 'Ref' && typeof argument === 'string') return tagged(new Scalar(argument), '!Ref')
  if (key === 'Fn::GetAtt' && Array.isArray(argument) && argument.every((part) => typeof part === 'string')) return tagged(new Scalar(argument.join('.')), '!GetAtt')
  if (key.startsWith('Fn::')) return tagged(toNode(argument, doc, true) as YamlNode, `!${key.slice(4)}`)
  return undefined
}

function tagged<T extends YamlNode>(node: T, tag: string): T {
  node.tag = tag
  return node
}

/** A plain value as `yaml` nodes; intrinsics become short tags when `short` (the file uses them). */
function toNode(value: unknown, doc: Document, short: boolean, flow = false): unknown {
  if (Array.isArray(value)) {
    const seq = new YAMLSeq()
    seq.flow = flow
    for (const item of value) seq.items.push(toNode(item, doc, short, flow))
    return seq
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>
    if (short) {
      const node = shortTagged(record, doc)
      if (node) {
        if (isMap(node) || isSeq(node)) node.flow = flow || node.flow
        return node
      }
    }
    const map = new YAMLMap()
    map.flow = flow
    // `Fn::GetAtt: [Queue, Arn]` reads as one reference; a block list of two names does not.
    for (const [key, item] of Object.entries(record)) map.items.push(doc.createPair(key, toNode(item, doc, short, flow || key === 'Fn::GetAtt')))
    return map
  }
  return doc.createNode(value)
}

/** Column (0-based) of an offset. */
function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1)
}

/** Offset just past the line that holds `offset` (its newline included), or the end of the text. */
function endOfLine(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset)
  return newline === -1 ? text.length : newline + 1
}

function keyOf(pair: Pair<unknown, unknown>): string | undefined {
  const key = pair.key
  if (isScalar(key)) return String(key.value)
  return undefined
}

/** Where the item's text ends: its value's end (without the blank lines a block value takes along), or its key's when the value is empty. */
function itemEnd(pair: Pair<unknown, unknown>, text: string): number {
  const value = pair.value as YamlNode | null
  const key = pair.key as YamlNode
  let end = Math.max(value?.range?.[1] ?? 0, key.range?.[1] ?? 0)
  while (end > 0 && /\s/.test(text[end - 1]!)) end--
  return end
}

/** JSON on one line, spaced as people write it: `{"Key": "value", "List": [1, 2]}`. */
function inlineJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(', ')}]`
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}: ${inlineJson(item)}`)
      .join(', ')}}`
  return JSON.stringify(value)
}

/** One template's text and its `yaml` syntax tree, for writing edits that keep the author's layout. */
export class FixSource {
  readonly eol: '\n' | '\r\n'
  /** Spaces one nesting level adds (2 unless the file uses another width). */
  readonly step: number
  /** The file writes intrinsics as short tags (`!Ref`), not as `Ref:` mappings. */
  readonly shortTags: boolean
  /** YAML block sequences indent their dashes under the parent key. */
  readonly indentSeq: boolean
  private parsed: Document | null | undefined

  constructor(
    readonly text: string,
    readonly format: 'yaml' | 'json',
  ) {
    this.eol = text.includes('\r\n') ? '\r\n' : '\n'
    this.shortTags = format === 'yaml' && /!(Ref|GetAtt|Sub|Join|If|Select|Split|FindInMap|ImportValue|Equals|Not|And|Or|Base64|Cidr|GetAZs)\b/.test(text)
    this.step = detectStep(text)
    this.indentSeq = !/^( *)[\w"'-][^\n]*:[ \t]*\r?\n\1- /m.test(text)
  }

  private lineStarts: number[] | undefined

  /** 1-based line and column of an offset. */
  position(offset: number): {line: number; column: number} {
    if (!this.lineStarts) {
      this.lineStarts = [0]
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1)
    }
    let low = 0
    let high = this.lineStarts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (this.lineStarts[mid]! <= offset) low = mid
      else high = mid - 1
    }
    return {line: low + 1, column: offset - this.lineStarts[low]! + 1}
  }

  /** The syntax tree, or undefined when `yaml` cannot read the file cleanly (then nothing is fixed). */
  get document(): Document | undefined {
    if (this.parsed === undefined) {
      const doc = parseDocument(this.text, {uniqueKeys: false, prettyErrors: false, keepSourceTokens: false})
      this.parsed = doc.errors.length === 0 && isMap(doc.contents) ? doc : null
    }
    return this.parsed ?? undefined
  }

  /** The node at `path` of the template as written (keys only). */
  nodeAt(path: readonly Segment[]): YamlNode | undefined {
    const doc = this.document
    if (!doc) return undefined
    let current: unknown = doc.contents
    for (const segment of path) {
      if (typeof segment === 'number') {
        if (!isSeq(current)) return undefined
        current = current.items[segment]
        continue
      }
      if (!isMap(current)) return undefined
      const pair = (current as MapNode).items.find((item) => keyOf(item) === segment)
      if (!pair) return undefined
      current = pair.value
    }
    return (current as YamlNode | null) ?? undefined
  }

  /** True when the template declares a resource with this logical id. */
  hasResource(id: string): boolean {
    const resources = this.nodeAt(['Resources'])
    return isMap(resources) && resources.items.some((item) => keyOf(item) === id)
  }

  /** `base`, or `base2`, `base3`, … whichever is not yet a resource. */
  freeResourceId(base: string): string {
    let id = base
    for (let n = 2; this.hasResource(id); n++) id = `${base}${n}`
    return id
  }

  /**
   * Edits that make `path` hold `value`: existing mappings on the way are kept and only the missing
   * keys are written; an existing scalar is replaced in place. Undefined when the path crosses
   * something that is not a mapping as written (an intrinsic, an alias, a sequence).
   */
  set(path: readonly Segment[], value: unknown): TextEdit[] | undefined {
    const doc = this.document
    if (!doc || path.length === 0) return undefined
    return this.setIn(doc.contents as MapNode, path, value)
  }

  private setIn(map: MapNode, path: readonly Segment[], value: unknown): TextEdit[] | undefined {
    const [head, ...rest] = path as [Segment, ...Segment[]]
    if (typeof head === 'number') return undefined
    const pair = map.items.find((item) => keyOf(item) === head)
    // A list item that does not exist yet is not something to invent.
    if (!pair) return rest.some((segment) => typeof segment === 'number') ? undefined : this.insertMembers(map, {[head]: nest(rest, value)})
    const current = pair.value as YamlNode | null
    if (typeof rest[0] === 'number') {
      const item = isSeq(current) && !current.tag ? (current.items[rest[0]] as YamlNode | undefined) : undefined
      return item && isMap(item) && !isIntrinsicNode(item) && rest.length > 1 ? this.setIn(item as MapNode, rest.slice(1), value) : undefined
    }
    if (rest.length > 0) {
      if (isMap(current) && !isIntrinsicNode(current)) return this.setIn(current as MapNode, rest, value)
      if (isEmptyValue(current)) return this.fillEmpty(pair, nest(rest, value))
      return undefined
    }
    if (isPlainObject(value) && isMap(current) && !isIntrinsicNode(current) && !isIntrinsicValue(value)) return this.merge(current as MapNode, value)
    if (isEmptyValue(current)) return this.fillEmpty(pair, value)
    if (!current?.range) return undefined
    if (isScalar(current) && !current.tag && JSON.stringify(current.value) === JSON.stringify(value)) return []
    const start = this.valueStart(pair)
    return [this.edit(start, current.range[1], this.inline(value, isMap(map) && map.flow === true))]
  }

  /** Where a pair's value text begins: just after `key:` and its spaces, so a tag or anchor is included. */
  private valueStart(pair: Pair<unknown, unknown>): number {
    const keyEnd = (pair.key as YamlNode).range![1]
    let offset = this.text.indexOf(':', keyEnd) + 1
    while (this.text[offset] === ' ' || this.text[offset] === '\t') offset++
    return offset
  }

  /** Sets every member of `value` in an existing mapping: missing keys are added together, existing ones set in place. */
  private merge(map: MapNode, value: Record<string, unknown>): TextEdit[] | undefined {
    const missing: Record<string, unknown> = {}
    const edits: TextEdit[] = []
    for (const [key, item] of Object.entries(value)) {
      if (!map.items.some((pair) => keyOf(pair) === key)) {
        missing[key] = item
        continue
      }
      const more = this.setIn(map, [key], item)
      if (!more) return undefined
      edits.push(...more)
    }
    if (Object.keys(missing).length > 0) {
      const more = this.insertMembers(map, missing)
      if (!more) return undefined
      edits.push(...more)
    }
    return overlapFree(edits) ? edits : undefined
  }

  /** Writes `value` into a key with no value yet (`Properties:` followed by nothing). */
  private fillEmpty(pair: Pair<unknown, unknown>, value: unknown): TextEdit[] | undefined {
    const key = pair.key as YamlNode
    const current = pair.value as YamlNode | null
    if (isMap(current) && current.flow) {
      // `{}`: write inside the braces.
      const open = current.range![0] + 1
      return [this.edit(open, open, isPlainObject(value) ? this.flowMembers(value) : '')]
    }
    if (this.format === 'json' || !isPlainObject(value)) {
      const start = this.valueStart(pair)
      return [this.edit(start, current?.range?.[1] ?? start, this.inline(value, false))]
    }
    const indent = columnOf(this.text, key.range![0]) + this.step
    const at = endOfLine(this.text, itemEnd(pair, this.text))
    const prefix = at === this.text.length && !this.text.endsWith('\n') ? '\n' : ''
    return [this.edit(at, at, prefix + this.blockLines(value, indent))]
  }

  /** Adds `members` after the last member of a mapping, in its style. */
  private insertMembers(map: MapNode, members: Record<string, unknown>): TextEdit[] | undefined {
    if (!map.range) return undefined
    if (map.flow) {
      const last = map.items.at(-1)
      if (!last) {
        const open = map.range[0] + 1
        return [this.edit(open, open, this.flowMembers(members))]
      }
      const end = itemEnd(last, this.text)
      const firstKey = (map.items[0]!.key as YamlNode).range![0]
      const multiline = this.text.slice(map.range[0], firstKey).includes('\n')
      if (multiline) {
        const indent = columnOf(this.text, firstKey)
        const text = Object.entries(members).map(([key, item]) => `,\n${' '.repeat(indent)}${this.memberText(key, item, indent)}`)
        return [this.edit(end, end, text.join(''))]
      }
      return [this.edit(end, end, `, ${this.flowMembers(members)}`)]
    }
    const first = map.items[0]
    const last = map.items.at(-1)
    if (!first || !last) return undefined
    const indent = columnOf(this.text, (first.key as YamlNode).range![0])
    const at = endOfLine(this.text, itemEnd(last, this.text))
    const prefix = at === this.text.length && !this.text.endsWith('\n') ? '\n' : ''
    return [this.edit(at, at, prefix + this.blockLines(members, indent))]
  }

  /**
   * Adds resources right after `anchor` in `Resources`, in the file's style (a blank line before each
   * when resources are separated by blank lines).
   */
  insertResourcesAfter(anchor: string, added: Record<string, Record<string, unknown>>): TextEdit[] | undefined {
    const resources = this.nodeAt(['Resources'])
    if (!isMap(resources) || !resources.range) return undefined
    const pair = resources.items.find((item) => keyOf(item) === anchor)
    if (!pair) return undefined
    const end = itemEnd(pair, this.text)
    const indent = columnOf(this.text, (pair.key as YamlNode).range![0])
    if (resources.flow) {
      const multiline = this.text.slice(resources.range[0], (pair.key as YamlNode).range![0]).includes('\n')
      const text = Object.entries(added).map(([id, resource]) => (multiline ? `,\n${' '.repeat(indent)}${this.memberText(id, resource, indent)}` : `, ${this.memberText(id, resource, 0)}`))
      return [this.edit(end, end, text.join(''))]
    }
    const at = endOfLine(this.text, end)
    const blank = /\n[ \t]*\r?\n[ \t]*\S/.test(this.text.slice((resources.items[0]!.key as YamlNode).range![0], itemEnd(resources.items.at(-1)!, this.text)))
    const prefix = at === this.text.length && !this.text.endsWith('\n') ? '\n' : ''
    const text = Object.entries(added).map(([id, resource]) => (blank ? '\n' : '') + this.blockLines({[id]: resource}, indent))
    return [this.edit(at, at, prefix + text.join(''))]
  }

  insertResourceAfter(anchor: string, id: string, resource: Record<string, unknown>): TextEdit[] | undefined {
    return this.insertResourcesAfter(anchor, {[id]: resource})
  }

  /** Appends `item` to the list at `path`, in the list's style; undefined when there is no plain list there. */
  append(path: readonly Segment[], item: unknown): TextEdit[] | undefined {
    const seq = this.nodeAt(path)
    if (!isSeq(seq) || seq.tag || !seq.range) return undefined
    const last = seq.items.at(-1) as YamlNode | undefined
    if (!last?.range) return undefined
    let end = last.range[1]
    while (end > 0 && /\s/.test(this.text[end - 1]!)) end--
    if (seq.flow) {
      const first = (seq.items[0] as YamlNode).range![0]
      const multiline = this.text.slice(seq.range[0], first).includes('\n')
      const indent = columnOf(this.text, first)
      const text = this.format === 'json' ? (multiline ? reindent(JSON.stringify(item, null, this.step), indent) : inlineJson(item)) : this.flow(item)
      return [this.edit(end, end, multiline ? `,\n${' '.repeat(indent)}${text}` : `, ${text}`)]
    }
    // The dash of the first item sets the column; the item is written as a one-item block list there.
    const dash = this.text.lastIndexOf('-', (seq.items[0] as YamlNode).range![0])
    const indent = columnOf(this.text, dash)
    const doc = new Document(undefined, {version: '1.1'})
    doc.contents = toNode([item], doc, this.shortTags) as YamlNode
    const lines = doc
      .toString({indent: this.step, indentSeq: this.indentSeq, lineWidth: 0, flowCollectionPadding: false})
      .replace(/\n$/, '')
      .split('\n')
      .map((line) => ' '.repeat(indent) + line)
    const at = endOfLine(this.text, end)
    const prefix = at === this.text.length && !this.text.endsWith('\n') ? '\n' : ''
    return [this.edit(at, at, `${prefix}${lines.join('\n')}\n`)]
  }

  /** `key: value` for a flow mapping or JSON object, continuation lines indented under `indent`. */
  private memberText(key: string, value: unknown, indent: number): string {
    if (this.format === 'json') return `${JSON.stringify(key)}: ${indent === 0 ? inlineJson(value) : reindent(JSON.stringify(value, null, this.step), indent)}`
    return `${plainKey(key)}: ${this.flow(value)}`
  }

  private flowMembers(value: Record<string, unknown>): string {
    return Object.entries(value)
      .map(([key, item]) => this.memberText(key, item, 0))
      .join(', ')
  }

  /** A value written on the line of its key: a scalar, or a collection in flow style. */
  private inline(value: unknown, _inFlow: boolean): string {
    if (this.format === 'json') return inlineJson(value)
    return this.flow(value)
  }

  private flow(value: unknown): string {
    const doc = new Document(undefined, {version: '1.1'})
    doc.contents = toNode(value, doc, this.shortTags, true) as YamlNode
    return doc.toString({lineWidth: 0, flowCollectionPadding: false}).trimEnd()
  }

  /** A block mapping as lines indented by `indent`, each ending with a newline. */
  private blockLines(value: Record<string, unknown>, indent: number): string {
    const doc = new Document(undefined, {version: '1.1'})
    doc.contents = toNode(value, doc, this.shortTags) as YamlNode
    const text = doc.toString({indent: this.step, indentSeq: this.indentSeq, lineWidth: 0, flowCollectionPadding: false})
    return text
      .split('\n')
      .filter((line, index, lines) => line !== '' || index < lines.length - 1)
      .map((line) => (line === '' ? '' : ' '.repeat(indent) + line))
      .join('\n')
      .concat('\n')
  }

  private edit(start: number, end: number, text: string): TextEdit {
    return {start, end, text: this.eol === '\n' ? text : text.replace(/\r?\n/g, '\r\n')}
  }
}

function reindent(text: string, indent: number): string {
  return text.replace(/\n/g, `\n${' '.repeat(indent)}`)
}

function plainKey(key: string): string {
  return /^[A-Za-z_][\w.-]*$/.test(key) ? key : JSON.stringify(key)
}

function nest(path: readonly Segment[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => ({[String(key)]: inner}), value)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function isIntrinsicValue(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value)
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'))
}

/** A mapping written as an intrinsic (`Fn::If: …`, or a tagged node). */
function isIntrinsicNode(node: YamlNode): boolean {
  if (node.tag && node.tag.startsWith('!') && node.tag !== '!') return true
  if (!isMap(node) || node.items.length !== 1) return false
  const key = keyOf(node.items[0]!)
  return key === 'Ref' || (key?.startsWith('Fn::') ?? false)
}

function isEmptyValue(node: YamlNode | null): boolean {
  if (node === null) return true
  if (isScalar(node)) return node.value === null && !node.tag && node.range?.[0] === node.range?.[1]
  return isMap(node) && node.items.length === 0 && node.flow === true
}

/** True when no two edits touch the same text (two insertions at one offset count as touching). */
export function overlapFree(edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start)
  return sorted.every((edit, index) => index === 0 || (edit.start >= sorted[index - 1]!.end && !(edit.start === sorted[index - 1]!.start)))
}

/** The indentation step of a YAML file: the smallest positive difference between a line and the one it nests under. */
function detectStep(text: string): number {
  const match = /^([ ]+)\S/m.exec(text)
  const width = match?.[1]?.length ?? 2
  return width >= 2 && width <= 8 ? width : 2
}
