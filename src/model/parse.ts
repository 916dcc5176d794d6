// Parses CloudFormation YAML (with short-form intrinsic tags) and JSON into plain values, remembering where every node was written.
import {
  Alias,
  Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  Scalar,
  type Node as YamlNode,
  type ScalarTag,
  type CollectionTag,
} from 'yaml'

import type {PropPath, SourceLocation, SourceRange} from './types.js'

/** Positions of a mapping's or sequence's members. */
interface ContainerPositions {
  self: SourceRange
  keys: Map<string, SourceRange>
  values: Map<string | number, SourceRange>
}

/** Source positions of every container produced by one parse, looked up by object identity. */
export class PositionIndex {
  private readonly byContainer = new WeakMap<object, ContainerPositions>()

  constructor(public readonly file: string) {}

  register(container: object, positions: ContainerPositions): void {
    this.byContainer.set(container, positions)
  }

  /**
   * The location of `path` under `root`: the key of the last segment when it exists (findings
   * point at the property the user wrote), else the deepest ancestor that exists.
   */
  locate(root: unknown, path: PropPath): SourceLocation | undefined {
    let current: unknown = root
    let best: SourceRange | undefined = isObject(root) ? this.byContainer.get(root)?.self : undefined
    for (const segment of path) {
      if (!isObject(current)) break
      const positions = this.byContainer.get(current)
      if (!positions) break
      const key = positions.keys.get(String(segment))
      const value = positions.values.get(typeof segment === 'number' ? segment : String(segment))
      if (!key && !value) break
      best = key ?? value
      current = (current as Record<string | number, unknown>)[segment]
    }
    return best ? {file: this.file, ...best} : undefined
  }

  /** The location of a container's value itself (not its key). */
  rangeOf(container: unknown): SourceLocation | undefined {
    if (!isObject(container)) return undefined
    const self = this.byContainer.get(container)?.self
    return self ? {file: this.file, ...self} : undefined
  }
}

export interface ParsedFile {
  file: string
  value: unknown
  positions: PositionIndex
  format: 'yaml' | 'json'
}

/** A file that could not be parsed, with where and why. */
export class ParseError extends Error {
  constructor(
    message: string,
    public readonly location: SourceLocation,
  ) {
    super(message)
    this.name = 'ParseError'
  }
}

/** Short-form tags and the long form they stand for. `!GetAtt a.b` is split into `[a, b]`. */
const SHORT_TAGS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!GetAtt': 'Fn::GetAtt',
  '!Sub': 'Fn::Sub',
  '!Join': 'Fn::Join',
  '!If': 'Fn::If',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!FindInMap': 'Fn::FindInMap',
  '!ImportValue': 'Fn::ImportValue',
  '!GetAZs': 'Fn::GetAZs',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!Equals': 'Fn::Equals',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Not': 'Fn::Not',
  '!Transform': 'Transform',
  '!ToJsonString': 'Fn::ToJsonString',
  '!Length': 'Fn::Length',
  '!ForEach': 'Fn::ForEach',
}

// The yaml library is told about every short tag in each of its three forms so it does not warn;
// the values are rebuilt from the AST below, which keeps their positions.
const CUSTOM_TAGS: Array<ScalarTag | CollectionTag> = Object.keys(SHORT_TAGS).flatMap((tag) => [
  {tag, resolve: (value: string) => value} as ScalarTag,
  {tag, collection: 'seq', resolve: (value: unknown) => value} as unknown as CollectionTag,
  {tag, collection: 'map', resolve: (value: unknown) => value} as unknown as CollectionTag,
])

/** The most values one file may expand to; a YAML alias bomb hits this long before memory runs out. */
const MAX_NODES = 2_000_000
const MAX_DEPTH = 200

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null
}

function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0]
  return first === '{' || first === '['
}

/** Parses a template's text. Throws ParseError with a position when it is not valid YAML or JSON. */
export function parseTemplateText(file: string, text: string): ParsedFile {
  const lineCounter = new LineCounter()
  const format = looksLikeJson(text) ? 'json' : 'yaml'
  const doc = parseDocument(text, {
    lineCounter,
    customTags: CUSTOM_TAGS,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
    keepSourceTokens: false,
  })
  const positions = new PositionIndex(file)
  const toRange = (range: readonly [number, number, number] | null | undefined): SourceRange => {
    const [start, end] = range ?? [0, 0, 0]
    const a = lineCounter.linePos(start)
    const b = lineCounter.linePos(end)
    return {line: a.line, column: a.col, endLine: b.line, endColumn: b.col}
  }
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!
    const at = toRange([error.pos[0], error.pos[1], error.pos[1]])
    throw new ParseError(`${format === 'json' ? 'JSON' : 'YAML'} syntax error: ${firstLine(error.message)}`, {file, ...at})
  }
  const builder = new ValueBuilder(doc, positions, toRange, file)
  const value = doc.contents ? builder.build(doc.contents as YamlNode, 0) : null
  return {file, value, positions, format}
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim()
}

class ValueBuilder {
  private nodes = 0

  constructor(
    private readonly doc: Document,
    private readonly positions: PositionIndex,
    private readonly toRange: (range: readonly [number, number, number] | null | undefined) => SourceRange,
    private readonly file: string,
  ) {}

  build(node: YamlNode | null | undefined, depth: number): unknown {
    if (node === null || node === undefined) return null
    if (++this.nodes > MAX_NODES) {
      throw new ParseError(`the document expands to more than ${MAX_NODES.toLocaleString('en')} values (a YAML alias bomb?)`, {
        file: this.file,
        ...this.toRange(node.range),
      })
    }
    if (depth > MAX_DEPTH) {
      throw new ParseError(`the document nests deeper than ${MAX_DEPTH} levels`, {file: this.file, ...this.toRange(node.range)})
    }
    if (isAlias(node)) {
      const target = (node as Alias).resolve(this.doc)
      if (!target) throw new ParseError(`unknown YAML alias *${(node as Alias).source}`, {file: this.file, ...this.toRange(node.range)})
      return this.build(target as YamlNode, depth + 1)
    }
    const plain = this.buildPlain(node, depth)
    const tag = (node as {tag?: string}).tag
    if (tag && tag in SHORT_TAGS) return this.wrapTag(tag, plain, node)
    return plain
  }

  private wrapTag(tag: string, plain: unknown, node: YamlNode): unknown {
    const name = SHORT_TAGS[tag]!
    let inner = plain
    if (tag === '!GetAtt' && typeof plain === 'string') {
      const dot = plain.indexOf('.')
      inner = dot > 0 ? [plain.slice(0, dot), plain.slice(dot + 1)] : [plain]
    }
    if (tag === '!Transform' && isObject(plain)) return {'Fn::Transform': plain}
    const wrapped = {[name]: inner}
    const range = this.toRange(node.range)
    this.positions.register(wrapped, {self: range, keys: new Map([[name, range]]), values: new Map([[name, range]])})
    return wrapped
  }

  private buildPlain(node: YamlNode, depth: number): unknown {
    if (isScalar(node)) return scalarValue(node as Scalar)
    if (isMap(node)) {
      const result: Record<string, unknown> = {}
      const keys = new Map<string, SourceRange>()
      const values = new Map<string | number, SourceRange>()
      for (const pair of node.items) {
        if (!isPair(pair)) continue
        const keyNode = pair.key as YamlNode | null
        const key = keyNode && isScalar(keyNode) ? String((keyNode as Scalar).value) : String(this.build(keyNode, depth + 1))
        if (key === '<<' && pair.value) {
          // YAML merge keys: copy the merged mapping's members that are not set here.
          const merged = this.build(pair.value as YamlNode, depth + 1)
          for (const source of Array.isArray(merged) ? merged : [merged]) {
            if (isObject(source)) for (const [k, v] of Object.entries(source)) if (!(k in result)) result[k] = v
          }
          continue
        }
        result[key] = this.build(pair.value as YamlNode, depth + 1)
        if (keyNode) keys.set(key, this.toRange(keyNode.range))
        values.set(key, this.toRange((pair.value as YamlNode | null)?.range ?? keyNode?.range))
      }
      this.positions.register(result, {self: this.toRange(node.range), keys, values})
      return result
    }
    if (isSeq(node)) {
      const result: unknown[] = []
      const values = new Map<string | number, SourceRange>()
      node.items.forEach((item, index) => {
        result.push(this.build(item as YamlNode, depth + 1))
        values.set(index, this.toRange((item as YamlNode | null)?.range ?? node.range))
      })
      this.positions.register(result, {self: this.toRange(node.range), keys: new Map(), values})
      return result
    }
    return null
  }
}

function scalarValue(node: Scalar): unknown {
  const value = node.value
  if (typeof value === 'bigint') return Number(value)
  return value
}
