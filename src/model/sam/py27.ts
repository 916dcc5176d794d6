// Python 2.7 dict order and str() as SAM reproduces them: SAM hashes str(swagger) into the API Gateway Deployment's logical id.
import {isRecord} from '../intrinsics.js'

/**
 * A string SAM holds as `Py27UniStr` (it came from the template): str() writes it as `u'...'`,
 * where strings SAM writes itself print as `'...'`.
 */
export class PyUnicode {
  constructor(readonly value: string) {}
}

/** A key or string value as SAM holds it. */
export type PyString = string | PyUnicode

/**
 * A float the template wrote with a fractional part that JSON drops (`swagger: 2.0`): Python prints it `2.0`.
 * The parsed template keeps only the number, so this is used where a float is what YAML gives for what is written.
 */
export class PyFloat {
  constructor(readonly value: number) {}
}

export type PyValue = PyString | number | PyFloat | boolean | null | PyValue[] | PyDict

const textOf = (key: PyString): string => (typeof key === 'string' ? key : key.value)

const MASK64 = (1n << 64n) - 1n
const hashes = new Map<string, bigint>()

/** Python 2.7's string hash (stringobject.c), as an unsigned 64-bit value. */
function stringHash(text: string): bigint {
  const cached = hashes.get(text)
  if (cached !== undefined) return cached
  let length = 0n
  let x = 0n
  for (const char of text) {
    const ordinal = BigInt(char.codePointAt(0)!)
    if (length === 0n) x = ordinal << 7n
    x = ((1000003n * x) & MASK64) ^ ordinal
    length++
  }
  const hash = length === 0n ? 0n : (x ^ length) & MASK64
  hashes.set(text, hash)
  return hash
}

const MINSIZE = 8
const DUMMY = Symbol('dummy')

/** The slot table of a Python 2.7 dict (dictobject.c): iteration order is slot order, which depends on every insert and delete. */
class Py27Keys {
  private slots = new Map<number, string | typeof DUMMY>()
  private size = 0
  private fill = 0
  private mask = MINSIZE - 1

  private index(key: string): number {
    const hash = stringHash(key)
    const mask = BigInt(this.mask)
    let i = Number(hash & mask)
    if (!this.slots.has(i) || this.slots.get(i) === key) return i
    let free: number | undefined = this.slots.get(i) === DUMMY ? i : undefined
    let walker = BigInt(i)
    let perturb = hash
    while (this.slots.has(i) && this.slots.get(i) !== key) {
      walker = (walker << 2n) + walker + perturb + 1n
      i = Number(walker & mask)
      if (!this.slots.has(i)) return free ?? i
      if (this.slots.get(i) === key) return i
      if (free === undefined && this.slots.get(i) === DUMMY) free = i
      perturb >>= 5n
    }
    return i
  }

  private resize(request: number): void {
    let size = MINSIZE
    while (size <= request) size <<= 1
    this.mask = size - 1
    const old = this.keys()
    this.slots = new Map()
    this.fill = this.size = 0
    for (const key of old) this.add(key)
  }

  add(key: string): void {
    const start = this.size
    const i = this.index(key)
    const current = this.slots.get(i)
    if (current === undefined) {
      this.size++
      this.fill++
      this.slots.set(i, key)
    } else {
      if (current === DUMMY) this.size++
      this.slots.set(i, key)
    }
    if (this.size > start && this.fill * 3 >= (this.mask + 1) * 2) this.resize(this.size * (this.size > 50000 ? 2 : 4))
  }

  remove(key: string): void {
    const i = this.index(key)
    const current = this.slots.get(i)
    if (current !== undefined && current !== DUMMY) {
      this.slots.set(i, DUMMY)
      this.size--
    }
  }

  /** PyDict_Merge: sizes the table for both dicts first, then inserts. */
  merge(keys: readonly string[]): void {
    if (keys.length === 0) return
    if ((this.fill + keys.length) * 3 >= (this.mask + 1) * 2) this.resize((this.size + keys.length) * 2)
    for (const key of keys) this.add(key)
  }

  keys(): string[] {
    return [...this.slots.entries()]
      .filter((entry): entry is [number, string] => entry[1] !== DUMMY)
      .sort((a, b) => a[0] - b[0])
      .map((entry) => entry[1])
  }
}

/** A dict as SAM holds it: a `Py27Dict` (Python 2.7 order) or a plain dict (insertion order). */
export class PyDict {
  private readonly entries = new Map<string, {key: PyString; value: PyValue}>()
  private readonly order: Py27Keys | undefined

  constructor(py27 = true) {
    this.order = py27 ? new Py27Keys() : undefined
  }

  get py27(): boolean {
    return this.order !== undefined
  }

  /** `Py27Dict({...})`: the keys are merged into the table before they are set. */
  static of(items: ReadonlyArray<[PyString, PyValue]>, py27 = true): PyDict {
    const dict = new PyDict(py27)
    dict.update(items)
    return dict
  }

  get(key: string): PyValue | undefined {
    return this.entries.get(key)?.value
  }

  has(key: string): boolean {
    return this.entries.has(key)
  }

  /** Python keeps the original key object when a key is set again. */
  set(key: PyString, value: PyValue): void {
    const text = textOf(key)
    const existing = this.entries.get(text)
    if (existing) existing.value = value
    else this.entries.set(text, {key, value})
    this.order?.add(text)
  }

  /** `Py27Dict.update(dict)`: the incoming keys are merged into the table (which may grow it first), then set. */
  update(items: ReadonlyArray<[PyString, PyValue]>): void {
    this.order?.merge(items.map(([key]) => textOf(key)))
    for (const [key, value] of items) this.set(key, value)
  }

  setDefault(key: PyString, value: PyValue): PyValue {
    if (!this.has(textOf(key))) this.set(key, value)
    return this.get(textOf(key))!
  }

  delete(key: string): void {
    if (!this.entries.delete(key)) return
    this.order?.remove(key)
  }

  keys(): string[] {
    return this.order ? this.order.keys() : [...this.entries.keys()]
  }

  items(): Array<[PyString, PyValue]> {
    return this.keys().map((key) => {
      const entry = this.entries.get(key)!
      return [entry.key, entry.value]
    })
  }

  /** `copy.deepcopy`: a Py27Dict copy re-inserts its keys in their current order, which can change that order. */
  deepCopy(): PyDict {
    const copy = new PyDict(this.py27)
    for (const [key, value] of this.items()) copy.set(key, pyDeepCopy(value))
    return copy
  }
}

export function pyDeepCopy(value: PyValue): PyValue {
  if (value instanceof PyDict) return value.deepCopy()
  if (Array.isArray(value)) return value.map(pyDeepCopy)
  return value
}

/** `_convert_to_py27_type`: how SAM takes a template value (strings become Py27UniStr, dicts Py27Dict). */
export function fromTemplate(value: unknown): PyValue {
  if (typeof value === 'string') return new PyUnicode(value)
  if (Array.isArray(value)) return value.map(fromTemplate)
  if (isRecord(value)) {
    const dict = new PyDict()
    for (const key of Object.keys(value)) dict.set(new PyUnicode(key), fromTemplate(value[key]))
    return dict
  }
  if (typeof value === 'number' || typeof value === 'boolean') return value
  return null
}

/** A dict SAM builds with plain `dict` literals ({'Fn::Sub': ...}): insertion order, plain keys. */
export function plainDict(value: Record<string, PyValue>): PyDict {
  return PyDict.of(Object.entries(value), false)
}

/** Back to the JSON value the template carries. */
export function toJson(value: PyValue): unknown {
  if (value instanceof PyUnicode) return value.value
  if (value instanceof PyFloat) return value.value
  if (value instanceof PyDict) {
    const result: Record<string, unknown> = {}
    for (const [key, child] of value.items()) result[textOf(key)] = toJson(child)
    return result
  }
  if (Array.isArray(value)) return value.map(toJson)
  return value
}

/** Python 3's repr of a str. */
function strRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'"
  let result = quote
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (char === quote || char === '\\') result += `\\${char}`
    else if (char === '\t') result += '\\t'
    else if (char === '\n') result += '\\n'
    else if (char === '\r') result += '\\r'
    else if (code < 0x20 || code === 0x7f) result += `\\x${code.toString(16).padStart(2, '0')}`
    else result += char
  }
  return result + quote
}

/** `Py27UniStr.__repr__`: u + repr of the unicode_escape'd text, with doubled backslashes undone. */
function unicodeRepr(text: string): string {
  let escaped = ''
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (char === '\\') escaped += '\\\\'
    else if (char === '\t') escaped += '\\t'
    else if (char === '\n') escaped += '\\n'
    else if (char === '\r') escaped += '\\r'
    else if (code < 0x20 || (code >= 0x7f && code < 0x100)) escaped += `\\x${code.toString(16).padStart(2, '0')}`
    else if (code >= 0x100 && code < 0x10000) escaped += `\\u${code.toString(16).padStart(4, '0')}`
    else if (code >= 0x10000) escaped += `\\U${code.toString(16).padStart(8, '0')}`
    else escaped += char
  }
  return `u${strRepr(escaped).split('\\\\').join('\\')}`
}

function numberRepr(value: number): string {
  if (Number.isInteger(value)) return String(value)
  const text = String(value)
  // Python writes exponents with two digits at least and keeps the sign: 1e-05, 1e+21.
  return text.replace(/e([+-])(\d)$/, 'e$10$2')
}

/** `repr(value)`. */
export function pyRepr(value: PyValue): string {
  if (typeof value === 'string') return strRepr(value)
  if (value instanceof PyUnicode) return unicodeRepr(value.value)
  if (value === null) return 'None'
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  if (typeof value === 'number') return numberRepr(value)
  if (value instanceof PyFloat) return Number.isInteger(value.value) ? `${value.value}.0` : numberRepr(value.value)
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`
  return pyStr(value)
}

/** `str(value)`: a Py27Dict prints in Python 2.7 order; everything inside prints as repr. */
export function pyStr(value: PyValue): string {
  if (!(value instanceof PyDict)) return typeof value === 'string' ? value : value instanceof PyUnicode ? value.value : pyRepr(value)
  return `{${value
    .items()
    .map(([key, child]) => `${pyRepr(key)}: ${pyRepr(child)}`)
    .join(', ')}}`
}
