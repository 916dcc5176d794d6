// Parses CloudFormation YAML (with short-form intrinsic tags) and JSON into plain values, remembering where every node was written.
import {type Alias, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Scalar, type Node as YamlNode, type ScalarTag, type CollectionTag} from 'yaml'

import type {PropPath, SourceLocation, SourceRange} from './types.js'
import {readYamlFast} from './yaml-fast.js'
import {reindentFlowContinuations} from './yaml-flow-indent.js'

/** Positions of a mapping's or sequence's members. */
interface ContainerPositions {
  self: SourceRange
  keys: ReadonlyMap<string, SourceRange>
  values: ReadonlyMap<string | number, SourceRange>
}

/** Sequences have no keys; one shared empty map saves an allocation per list. */
const NO_KEYS: ReadonlyMap<string, SourceRange> = new Map()

/** Source positions of every container produced by one parse, looked up by object identity. */
export class PositionIndex {
  private readonly byContainer = new Map<object, ContainerPositions>()

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

  /** Where the value of `key` in `container` was written, when it was. */
  valueRange(container: object, key: string | number): SourceRange | undefined {
    return this.byContainer.get(container)?.values.get(key)
  }

  /**
   * Gives `copy` the positions of `original`, for values built from what the user wrote (a loop body
   * repeated per item): each member of `copy` points where its source member was written.
   * `sourceKey` names that member for keys that were renamed (`Queue${Name}` → `QueueOrders`).
   */
  alias(copy: object, original: object, sourceKey: (key: string) => string = (key) => key): void {
    const positions = this.byContainer.get(original)
    if (!positions) return
    if (Array.isArray(copy)) {
      this.byContainer.set(copy, positions)
      return
    }
    const keys = new Map<string, SourceRange>()
    const values = new Map<string | number, SourceRange>()
    for (const key of Object.keys(copy)) {
      const from = sourceKey(key)
      const keyRange = positions.keys.get(from)
      const valueRange = positions.values.get(from)
      if (keyRange) keys.set(key, keyRange)
      if (valueRange) values.set(key, valueRange)
    }
    this.byContainer.set(copy, {self: positions.self, keys, values})
  }

  /** Registers a mapping whose members come from several written containers (`from` names each member's source). */
  compose(container: object, self: object, from: ReadonlyMap<string, {container: object; key: string}>): void {
    const selfRange = this.byContainer.get(self)?.self
    if (!selfRange) return
    const keys = new Map<string, SourceRange>()
    const values = new Map<string | number, SourceRange>()
    for (const [key, source] of from) {
      const positions = this.byContainer.get(source.container)
      const keyRange = positions?.keys.get(source.key)
      const valueRange = positions?.values.get(source.key)
      if (keyRange) keys.set(key, keyRange)
      if (valueRange) values.set(key, valueRange)
    }
    this.byContainer.set(container, {self: selfRange, keys, values})
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
  /** Size of the text in bytes (UTF-8), for CloudFormation's template size quota. */
  bytes?: number
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
  '!Transform': 'Fn::Transform',
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

/** The most values one file may hold; far above CloudFormation's 1 MB template limit. */
const MAX_NODES = 2_000_000
/**
 * The most values aliases may add by repeating their anchors. A YAML alias bomb (billion laughs)
 * multiplies a few lines into billions of values; counting what each alias would add stops it
 * before anything is built, while templates that reuse a block a few times stay far below.
 */
const MAX_ALIAS_VALUES = 100_000
const MAX_DEPTH = 200

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null
}

/** YAML files are parsed as YAML even when they open with a flow mapping; anything else that opens like JSON must be JSON. */
function isJson(file: string, text: string): boolean {
  if (/\.ya?ml$/i.test(file)) return false
  const first = text.trimStart()[0]
  return first === '{' || first === '['
}

/** Parses a template's text. Throws ParseError with a position when it is not valid YAML or JSON. */
export function parseTemplateText(file: string, text: string, options: ParseOptions = {}): ParsedFile {
  const source = text.replace(/^\uFEFF/, '')
  const parsed = isJson(file, source) ? parseJson(file, source) : parseYaml(file, source, options)
  parsed.bytes = Buffer.byteLength(source)
  return parsed
}

export interface ParseOptions {
  /** Read YAML with the yaml library only, skipping the one-pass reader (to compare the two). */
  yamlLibrary?: boolean
}

/** The library refused a flow collection for its indentation, which CloudFormation's reader accepts. */
class FlowIndentationError extends ParseError {}

function parseYaml(file: string, text: string, options: ParseOptions): ParsedFile {
  try {
    return readYaml(file, text, options)
  } catch (error) {
    if (!(error instanceof FlowIndentationError)) throw error
    // PyYAML, and so CloudFormation, reads flow collections whose lines sit at any indentation. Indented past their
    // parent they read alike in both readers here, and positions are mapped back to the lines as written.
    const reindented = reindentFlowContinuations(text)
    if (!reindented) throw error
    try {
      return readYaml(file, reindented.text, options, {text, toOriginal: reindented.toOriginal})
    } catch {
      throw error
    }
  }
}

function lineCounterOf(text: string): LineCounter {
  const lines = new LineCounter()
  lines.addNewLine(0)
  for (let lf = text.indexOf('\n'); lf >= 0; lf = text.indexOf('\n', lf + 1)) lines.addNewLine(lf + 1)
  return lines
}

/** `original`: the text as written, when `text` was re-indented from it; positions are given in it. */
function readYaml(file: string, text: string, options: ParseOptions, original?: {text: string; toOriginal: (offset: number) => number}): ParsedFile {
  const lineCounter = new LineCounter()
  const positionLines = original ? lineCounterOf(original.text) : lineCounter
  const toRange = (range: readonly [number, number, number] | null | undefined): SourceRange => {
    const [start] = range ?? [0, 0, 0]
    let end = range?.[1] ?? 0
    // A block collection's range runs to the start of the next line; end it where its last value ends.
    while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r' || text[end - 1] === ' ')) end--
    const a = positionLines.linePos(original ? original.toOriginal(start) : start)
    const b = positionLines.linePos(original ? original.toOriginal(end) : end)
    return {line: a.line, column: a.col, endLine: b.line, endColumn: b.col}
  }
  /** A range that starts at its tag: the library starts `!GetAtt A.Arn` at `A`, the user wrote it from `!`. */
  const taggedRange = (tag: string, range: readonly [number, number, number]): SourceRange => {
    const tagStart = text.lastIndexOf(tag, range[0])
    if (tagStart < 0 || !/^(?:\s*&\S+)?\s*$/.test(text.slice(tagStart + tag.length, range[0]))) return toRange(range)
    return toRange([tagStart, range[1], range[2]])
  }
  const nodeRange = (node: YamlNode): SourceRange => {
    const range = node.range
    const tag = (node as {tag?: string}).tag
    if (!range || !tag || !(tag in SHORT_TAGS)) return toRange(range)
    return taggedRange(tag, range)
  }
  if (!options.yamlLibrary) {
    // Most templates are plain block YAML: read them in one pass. The library handles the rest, and every error.
    if (!original) {
      lineCounter.addNewLine(0)
      for (let lf = text.indexOf('\n'); lf >= 0; lf = text.indexOf('\n', lf + 1)) lineCounter.addNewLine(lf + 1)
    }
    const positions = new PositionIndex(file)
    const fast = readYamlFast({
      text,
      tags: SHORT_TAGS,
      range: (start, end) => toRange([start, end, end]),
      tagRange: (tag, start, end) => taggedRange(tag, [start, end, end]),
      register: (container, self, keys, values) => positions.register(container, {self, keys, values}),
      maxDepth: MAX_DEPTH,
      maxNodes: MAX_NODES,
    })
    if (fast) return {file, value: fast.value, positions, format: 'yaml'}
    lineCounter.lineStarts.length = 0
  }
  let doc: ReturnType<typeof parseDocument>
  try {
    // Duplicate keys are found while building: the library's own check compares every pair of keys,
    // which takes longer than the parse itself on a template with thousands of resources.
    doc = parseDocument(text, {lineCounter, customTags: CUSTOM_TAGS, uniqueKeys: false, prettyErrors: false, strict: true, keepSourceTokens: false})
  } catch (error) {
    throw new ParseError(`YAML syntax error: ${describeLibraryError(error)}`, {file, line: 1, column: 1, endLine: 1, endColumn: 1})
  }
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!
    const at = toRange([error.pos[0], error.pos[1], error.pos[1]])
    const flowIndentation = doc.errors.some((each) => each.code === 'BAD_INDENT' && each.message.startsWith('Flow '))
    throw new (flowIndentation && !original ? FlowIndentationError : ParseError)(`YAML syntax error: ${describeLibraryError(error)}`, {file, ...at})
  }
  const positions = new PositionIndex(file)
  const builder = new YamlBuilder(positions, toRange, nodeRange, file)
  const value = doc.contents ? builder.build(doc.contents as YamlNode, 0) : null
  return {file, value, positions, format: 'yaml'}
}

/** The library reports its own stack overflow on deep nesting as an error; say what it means for a template. */
function describeLibraryError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  if (error instanceof RangeError || /call stack/i.test(message)) return `the document nests deeper than ${MAX_DEPTH} levels`
  return firstLine(message)
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim()
}

interface Anchored {
  value: unknown
  /** How many values the anchored node expands to, aliases inside it included. */
  size: number
}

class YamlBuilder {
  private nodes = 0
  private aliasValues = 0
  /** Anchors seen so far in document order; an alias names the latest anchor of its name before it. */
  private readonly anchors = new Map<string, Anchored>()
  private readonly building = new Set<string>()

  constructor(
    private readonly positions: PositionIndex,
    private readonly toRange: (range: readonly [number, number, number] | null | undefined) => SourceRange,
    private readonly nodeRange: (node: YamlNode) => SourceRange,
    private readonly file: string,
  ) {}

  private fail(message: string, node: YamlNode): never {
    throw new ParseError(message, {file: this.file, ...this.toRange(node.range)})
  }

  build(node: YamlNode | null | undefined, depth: number): unknown {
    if (node === null || node === undefined) return null
    if (depth > MAX_DEPTH) this.fail(`the document nests deeper than ${MAX_DEPTH} levels`, node)
    if (isAlias(node)) return this.expandAlias(node as Alias)
    if (++this.nodes > MAX_NODES) this.fail(`the document holds more than ${MAX_NODES.toLocaleString('en')} values`, node)
    const anchor = (node as {anchor?: string}).anchor
    if (!anchor) return this.buildTagged(node, depth)
    const before = this.nodes + this.aliasValues
    this.building.add(anchor)
    const value = this.buildTagged(node, depth)
    this.building.delete(anchor)
    this.anchors.set(anchor, {value, size: this.nodes + this.aliasValues - before + 1})
    return value
  }

  /** An alias yields the anchored value itself (shared, as in the YAML data model), counted as many values as it stands for. */
  private expandAlias(alias: Alias): unknown {
    const name = alias.source
    if (this.building.has(name)) this.fail(`YAML alias *${name} refers to the node that contains it`, alias)
    const anchored = this.anchors.get(name)
    if (!anchored) this.fail(`unknown YAML alias *${name}`, alias)
    this.aliasValues += anchored.size
    if (this.aliasValues > MAX_ALIAS_VALUES) {
      this.fail(`YAML aliases expand to more than ${MAX_ALIAS_VALUES.toLocaleString('en')} values (a YAML alias bomb?)`, alias)
    }
    return anchored.value
  }

  private buildTagged(node: YamlNode, depth: number): unknown {
    const plain = this.buildPlain(node, depth)
    const tag = (node as {tag?: string}).tag
    if (tag && tag in SHORT_TAGS) return this.wrapTag(tag, plain, node)
    return plain
  }

  private wrapTag(tag: string, plain: unknown, node: YamlNode): unknown {
    const name = SHORT_TAGS[tag]!
    let inner = plain
    if (tag === '!GetAtt' && typeof plain === 'string') {
      // CloudFormation splits `!GetAtt A.B.C` at the first dot: the attribute may contain dots (Outputs.Name).
      const dot = plain.indexOf('.')
      inner = dot > 0 ? [plain.slice(0, dot), plain.slice(dot + 1)] : [plain]
    }
    const wrapped = {[name]: inner}
    const range = this.nodeRange(node)
    this.positions.register(wrapped, {self: range, keys: new Map([[name, range]]), values: new Map([[name, range]])})
    return wrapped
  }

  private buildPlain(node: YamlNode, depth: number): unknown {
    if (isScalar(node)) return scalarValue(node as Scalar)
    if (isMap(node)) {
      const result: Record<string, unknown> = {}
      const keys = new Map<string, SourceRange>()
      const values = new Map<string | number, SourceRange>()
      const merged: unknown[] = []
      for (const pair of node.items) {
        if (!isPair(pair)) continue
        const keyNode = pair.key as YamlNode | null
        const key = keyNode && isScalar(keyNode) ? String((keyNode as Scalar).value) : String(this.build(keyNode, depth + 1))
        if (key === '<<' && keyNode && isScalar(keyNode) && (keyNode as Scalar).type === 'PLAIN') {
          merged.push(this.build(pair.value as YamlNode, depth + 1))
          continue
        }
        if (keys.has(key)) this.fail(`duplicate key "${key}" (first written on line ${keys.get(key)!.line})`, keyNode ?? node)
        result[key] = this.build(pair.value as YamlNode, depth + 1)
        if (keyNode) keys.set(key, this.toRange(keyNode.range))
        values.set(key, pair.value ? this.nodeRange(pair.value as YamlNode) : this.toRange(keyNode?.range))
      }
      // YAML merge keys: members of the merged mappings fill what the mapping does not set itself; earlier mappings win.
      for (const source of merged.flatMap((entry): unknown[] => (Array.isArray(entry) ? (entry as unknown[]) : [entry]))) {
        if (!isObject(source) || Array.isArray(source)) continue
        const sourcePositions = this.positions.rangeOf(source) ? source : undefined
        for (const [k, v] of Object.entries(source)) {
          if (k in result) continue
          result[k] = v
          const at = sourcePositions && this.positions.locate(source, [k])
          if (at) keys.set(k, strip(at))
        }
      }
      this.positions.register(result, {self: this.toRange(node.range), keys, values})
      return result
    }
    if (isSeq(node)) {
      const result: unknown[] = []
      const values = new Map<string | number, SourceRange>()
      node.items.forEach((item, index) => {
        result.push(this.build(item as YamlNode, depth + 1))
        values.set(index, item ? this.nodeRange(item as YamlNode) : this.toRange(node.range))
      })
      this.positions.register(result, {self: this.toRange(node.range), keys: NO_KEYS, values})
      return result
    }
    return null
  }
}

function strip(location: SourceLocation): SourceRange {
  return {line: location.line, column: location.column, endLine: location.endLine, endColumn: location.endColumn}
}

function scalarValue(node: Scalar): unknown {
  const value = node.value
  if (typeof value === 'bigint') return Number(value)
  return value
}

/**
 * A strict JSON parser that records where every key and value was written. JSON templates are
 * usually generated (CDK, Serverless Framework) and large; this is several times faster than
 * going through a YAML parser, and rejects what JSON does not allow (trailing commas, comments,
 * missing values) instead of reading it leniently.
 */
const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const JSON_ESCAPES: Record<string, string> = {'"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t'}

function parseJson(file: string, text: string): ParsedFile {
  const positions = new PositionIndex(file)
  let at = 0
  let count = 0
  // JSON strings cannot hold raw line breaks, so lines are counted while skipping white space.
  let line = 1
  let lineStart = 0

  const here = (): {line: number; column: number} => ({line, column: at - lineStart + 1})
  const range = (start: {line: number; column: number}): SourceRange => ({line: start.line, column: start.column, endLine: line, endColumn: at - lineStart + 1})
  const fail = (message: string, start = here()): never => {
    throw new ParseError(`JSON syntax error: ${message}`, {file, line: start.line, column: start.column, endLine: start.line, endColumn: start.column + 1})
  }
  const skipSpace = (): void => {
    for (;;) {
      const c = text.charCodeAt(at)
      if (c === 32 || c === 9 || c === 13) {
        at++
      } else if (c === 10) {
        at++
        line++
        lineStart = at
      } else {
        return
      }
    }
  }
  const describe = (): string => (at >= text.length ? 'end of file' : JSON.stringify(text[at]))

  const parseString = (): string => {
    const start = here()
    at++
    let result = ''
    let chunk = at
    for (;;) {
      if (at >= text.length) fail('unterminated string', start)
      const c = text.charCodeAt(at)
      if (c === 34) {
        result += text.slice(chunk, at)
        at++
        return result
      }
      if (c < 32) fail('control character in string')
      if (c !== 92) {
        at++
        continue
      }
      result += text.slice(chunk, at)
      const escape = text[at + 1]
      if (escape !== undefined && escape in JSON_ESCAPES) {
        result += JSON_ESCAPES[escape]
        at += 2
      } else if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) {
        result += String.fromCharCode(Number.parseInt(text.slice(at + 2, at + 6), 16))
        at += 6
      } else {
        fail('invalid escape in string')
      }
      chunk = at
    }
  }

  const parseValue = (depth: number): unknown => {
    if (depth > MAX_DEPTH) fail(`the document nests deeper than ${MAX_DEPTH} levels`)
    if (++count > MAX_NODES) fail(`the document holds more than ${MAX_NODES.toLocaleString('en')} values`)
    skipSpace()
    const c = text.charCodeAt(at)
    if (c === 123) return parseObject(depth)
    if (c === 91) return parseArray(depth)
    if (c === 34) return parseString()
    if (c === 116 && text.startsWith('true', at)) {
      at += 4
      return true
    }
    if (c === 102 && text.startsWith('false', at)) {
      at += 5
      return false
    }
    if (c === 110 && text.startsWith('null', at)) {
      at += 4
      return null
    }
    JSON_NUMBER.lastIndex = at
    const match = JSON_NUMBER.exec(text)
    if (match) {
      at += match[0].length
      return Number(match[0])
    }
    return fail(`unexpected ${describe()}, expected a value`)
  }

  const parseObject = (depth: number): Record<string, unknown> => {
    const start = here()
    at++
    const result: Record<string, unknown> = {}
    const keys = new Map<string, SourceRange>()
    const values = new Map<string | number, SourceRange>()
    skipSpace()
    if (text.charCodeAt(at) === 125) {
      at++
    } else {
      for (;;) {
        skipSpace()
        if (text.charCodeAt(at) !== 34) fail(`unexpected ${describe()}, expected a string key`)
        const keyStart = here()
        const key = parseString()
        const keyRange = range(keyStart)
        const first = keys.get(key)
        if (first) {
          throw new ParseError(`JSON syntax error: duplicate key "${key}" (first written on line ${first.line})`, {file, ...keyRange})
        }
        skipSpace()
        if (text.charCodeAt(at) !== 58) fail(`unexpected ${describe()}, expected ':' after key "${key}"`)
        at++
        skipSpace()
        const valueStart = here()
        const value = parseValue(depth + 1)
        // `__proto__` would otherwise set the prototype instead of a member.
        if (key === '__proto__') Object.defineProperty(result, key, {value, enumerable: true, writable: true, configurable: true})
        else result[key] = value
        keys.set(key, keyRange)
        values.set(key, range(valueStart))
        skipSpace()
        const next = text.charCodeAt(at)
        at++
        if (next === 44) continue
        if (next === 125) break
        at--
        fail(`unexpected ${describe()}, expected ',' or '}'`)
      }
    }
    positions.register(result, {self: range(start), keys, values})
    return result
  }

  const parseArray = (depth: number): unknown[] => {
    const start = here()
    at++
    const result: unknown[] = []
    const values = new Map<string | number, SourceRange>()
    skipSpace()
    if (text.charCodeAt(at) === 93) {
      at++
    } else {
      for (;;) {
        skipSpace()
        const valueStart = here()
        result.push(parseValue(depth + 1))
        values.set(result.length - 1, range(valueStart))
        skipSpace()
        const next = text.charCodeAt(at)
        at++
        if (next === 44) continue
        if (next === 93) break
        at--
        fail(`unexpected ${describe()}, expected ',' or ']'`)
      }
    }
    positions.register(result, {self: range(start), keys: NO_KEYS, values})
    return result
  }

  const value = parseValue(0)
  skipSpace()
  if (at < text.length) fail(`unexpected ${describe()} after the end of the document`)
  return {file, value, positions, format: 'json'}
}
