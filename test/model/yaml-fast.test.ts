// The one-pass YAML reader gives exactly the values and positions of the yaml library, or leaves the text to it.
import {readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {describe, expect, it} from 'vitest'

import {ParseError, parseTemplateText, type ParsedFile} from '../../src/model/parse.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Layouts where the two readers could disagree: comments after collections, empty values, block scalars, flow, tags, core-schema scalars. */
const CASES = [
  'a:\n- x\n# c\nb: 1\n',
  'a: 1\nb:\n  - - nested\n',
  'a: &x 1\nb: *x\n',
  'a: plain\n  continued\n',
  'a: 1\na: 2\n',
  'k: v\n  # comment deeper\n# end\n',
  '# lead\n\nAWSTemplateFormatVersion: "2010-09-09"\nResources:   # cmt\n  Q: {Type: "AWS::SQS::Queue"}\n',
  'a:\n  - x\n  -   y   \n  - |-\n   z\n',
  'x: !Ref\n',
  'x: [a, b,]\ny: {a}\n',
  'x:\n  k: |\n    v\n   # c\ny: 1\n',
  'a:\n  b:\n    c: 1\n# trailing\n',
  'x:\n  a: 1\n   # c\n  # d\n# e\ny: 1\n',
  'x:\n  - a:\n# d\ny: 1\n',
  'x:\n  - \n# d\ny: 1\n',
  'x:\n  a:\n  # c\n# d\ny: 1\n',
  'x:\n  k: !If\n    - a\n    - b\n   # c\n  # d\ny:\n  - !Ref A\n    # c\n  - [a, b]   # z\n      # w\n',
  'x:\n  k: v\n\n    # c\n\n   # d\n  # e\n',
  'x:\n  k:\n  - a\n  # c\ny: 1\n',
  'a:\n  b: 1\nc:\n- 1\n',
  'a: [x]\n  # deeper\nb: {k: [1, {z: !GetAtt A.B}], "q": \'r\'}\nc: !Sub "x"\nd: !Join ["", [a, !Ref B]]\n',
  'a:\n  b:\n    - c: 1\n      d: [1, 2]\n    # x\n  # y\ne: 1\n',
  'a:\n  b: |\n    text\n    more\n\n  # c\n  d: >-\n    folded\n    line\n\n    para\n  e: |+\n    keep\n\n# end\nf: 1\n',
  'a:\n  - !Ref X\n  - !GetAtt A.Arn # c\n  - !If [C, !Ref A, !Ref "AWS::NoValue"]\n  - !Sub\n    - "${x}"\n    - x: !Ref Y\n  -\n  - k: \n    j: ~\n    l: 0x1F\n    m: 1.50\n    n: .inf\n    o: -0\n    p: 0o17\n    q: TRUE\n    r: 1e3\n    "s t": \'it\'\'s\'\n    1.0: x\n    u: [a, "b", c: d]\n',
  'a:\n  - !Ref X\n  - !GetAtt A.Arn # c\n  - !If [C, !Ref A, !Ref "AWS::NoValue"]\n  - !Sub\n    - "${x}"\n    - x: !Ref Y\n  -\n  - k: \n    j: ~\n    l: 0x1F\n    m: 1.50\n    n: .inf\n    o: -0\n    p: 0o17\n    q: TRUE\n    r: 1e3\n    "s t": \'it\'\'s\'\n    1.0: x\n',
  'a: [1,\n  2]\nb: {x: 1,\n   y: [!Ref Q]}\nc: "no \\\\escape"\nd: one # two\ne: http://x:80/a#b\n',
  'a: [1,\n  2]\nb: {x: 1,\n   y: [!Ref Q]}\nd: one # two\ne: http://x:80/a#b\n',
  'a:\n  b:\n    c: 1\n\n    # deep after blank\n  d: 2\n',
  'a:\n  b:\n  - 1\n  # c\nx: 1\n',
  'Resources:\n  A:\n    Type: X\n    Properties:\n      Code: |\n        line1\n          indented\n        line3\n      Other: >\n        a\n        b\n',
]

/**
 * Flow collections whose lines sit at or left of their parent's indentation: PyYAML (so CloudFormation, SAM CLI and
 * cfn-lint) reads them, the yaml library alone does not. Each with the value PyYAML 6.0 gives (short tags as long form).
 */
const FLOW_INDENTATION: Array<[string, string, unknown]> = [
  ['a closing bracket left of its key', 'Q:\n  Tags: [\n    {Key: a, Value: b}\n]\nR: 1\n', {Q: {Tags: [{Key: 'a', Value: 'b'}]}, R: 1}],
  ['a continuation line left of its key', 'Q:\n  Tags: [{Key: a,\n Value: b}]\nR: 1\n', {Q: {Tags: [{Key: 'a', Value: 'b'}]}, R: 1}],
  ['a continuation line at column 0', 'Q:\n  Tags: [{Key: a,\nValue: b}]\nR: 1\n', {Q: {Tags: [{Key: 'a', Value: 'b'}]}, R: 1}],
  ['a flow mapping as the properties', 'Q:\n  Properties: {\n  DelaySeconds: 5,\n  VisibilityTimeout: 30\n  }\nR: 1\n', {Q: {Properties: {DelaySeconds: 5, VisibilityTimeout: 30}}, R: 1}],
  ['a sequence item continued at the dash', 'Q:\n  - {Key: a,\n  Value: b}\n  - c\n', {Q: [{Key: 'a', Value: 'b'}, 'c']}],
  ['a tagged flow sequence', "Q:\n  Name: !Join ['-', [\n  a, b]]\n  Other: x\n", {Q: {Name: {'Fn::Join': ['-', ['a', 'b']]}, Other: 'x'}}],
  ['a value on the next line', 'Q:\n  Tags:\n    [a,\n  b]\n', {Q: {Tags: ['a', 'b']}}],
  ['quotes, comments and a block scalar around it', 'A: |\n  [not, flow\nQ:\n  T: [\'a]\', "b{",  # c\n  d]\n', {A: '[not, flow\n', Q: {T: ['a]', 'b{', 'd']}}],
]

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === '.git' || name === 'dist' || name === 'cdk.out') continue
    const file = path.join(dir, name)
    if (statSync(file).isDirectory()) yamlFiles(file, out)
    else if (/\.(ya?ml|template)$/.test(name)) out.push(file)
  }
  return out
}

type Positions = Map<object, {self: unknown; keys: Map<string, unknown>; values: Map<string | number, unknown>}>

/** Differences between two parses: values (Object.is for numbers) and every container's registered positions. */
function differences(fast: ParsedFile, full: ParsedFile): string[] {
  const problems: string[] = []
  const positions = (parsed: ParsedFile): Positions => (parsed.positions as unknown as {byContainer: Positions}).byContainer
  const shown = (entry: ReturnType<Positions['get']>): string => JSON.stringify(entry && {self: entry.self, keys: [...entry.keys], values: [...entry.values]})
  const walk = (a: unknown, b: unknown, at: string): void => {
    if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
      if (!Object.is(a, b)) problems.push(`${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`)
      return
    }
    if (Array.isArray(a) !== Array.isArray(b)) problems.push(`${at}: a list and a mapping`)
    const left = shown(positions(fast).get(a))
    const right = shown(positions(full).get(b))
    if (left !== right) problems.push(`${at}: positions ${left} vs ${right}`)
    const keys = Object.keys(a)
    if (keys.join('\u0000') !== Object.keys(b).join('\u0000')) problems.push(`${at}: keys ${keys.join()} vs ${Object.keys(b).join()}`)
    for (const key of keys) walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}/${key}`)
  }
  walk(fast.value, full.value, '')
  return problems
}

function compare(file: string, text: string): string[] {
  let fast: ParsedFile | undefined
  let full: ParsedFile | undefined
  let fastError: unknown
  let fullError: unknown
  try {
    fast = parseTemplateText(file, text)
  } catch (error) {
    fastError = error
  }
  try {
    full = parseTemplateText(file, text, {yamlLibrary: true})
  } catch (error) {
    fullError = error
  }
  if (fastError || fullError) {
    const same = fastError instanceof ParseError && fullError instanceof ParseError && fastError.message === fullError.message && JSON.stringify(fastError.location) === JSON.stringify(fullError.location)
    return same ? [] : [`${file}: ${String(fastError)} vs ${String(fullError)}`]
  }
  return differences(fast!, full!).map((problem) => `${file}${problem}`)
}

describe('the one-pass YAML reader', () => {
  it('reads every layout like the yaml library', () => {
    expect(CASES.flatMap((text, index) => compare(`case-${index}.yaml`, text))).toEqual([])
  })

  it('reads flow collections at any indentation CloudFormation accepts, like the yaml library given the same lines indented', () => {
    expect(FLOW_INDENTATION.flatMap(([name, text]) => compare(`${name}.yaml`, text))).toEqual([])
  })

  it.each(FLOW_INDENTATION)('reads %s as PyYAML does, located as written', (_, text, expected) => {
    const parsed = parseTemplateText('t.yaml', text)
    expect(parsed.value).toEqual(expected)
    // Every registered position is on the text as written: a key re-indented for the reader keeps its column.
    const lines = text.split('\n')
    const located = parsed.positions.locate(parsed.value, ['Q'])!
    expect(lines[located.line - 1]!.slice(located.column - 1)).toMatch(/^Q:/)
  })

  it('keeps the column as written for a value on a re-indented line', () => {
    const text = 'Q:\n  Tags: [{Key: a,\nValue: b}]\n'
    const parsed = parseTemplateText('t.yaml', text)
    const tag = (parsed.value as {Q: {Tags: object[]}}).Q.Tags[0]!
    expect(parsed.positions.locate(tag, ['Value'])).toMatchObject({line: 3, column: 1, endLine: 3, endColumn: 6})
  })

  it('still reports a flow collection that is not closed', () => {
    expect(() => parseTemplateText('t.yaml', 'Q:\n  Tags: [{Key: a,\nValue: b}\nR: 1\n')).toThrow(ParseError)
  })

  it("reads every YAML file of the project's tests and examples like the yaml library", () => {
    const files = [...yamlFiles(path.join(root, 'test')), ...yamlFiles(path.join(root, 'examples'))]
    expect(files.length).toBeGreaterThan(50)
    expect(files.flatMap((file) => compare(file, readFileSync(file, 'utf8').replace(/^\uFEFF/, '')))).toEqual([])
  })
})
