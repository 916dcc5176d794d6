// Parser tests: every CloudFormation short tag, JSON, positions of keys and values, and the guard rails against hostile input.
import {describe, expect, it} from 'vitest'
import {LineCounter, parseDocument} from 'yaml'

import {ParseError, parseTemplateText} from '../../src/model/parse.js'

const valueOf = (yaml: string): unknown => (parseTemplateText('t.yaml', `V: ${yaml}\n`).value as {V: unknown}).V

/** Runs `parse` and returns the ParseError it throws, failing the test on any other outcome. */
function parseError(file: string, text: string): ParseError {
  try {
    parseTemplateText(file, text)
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError)
    return error as ParseError
  }
  throw new Error('expected a ParseError')
}

/** CPU time of `run` in milliseconds: wall time on a shared machine measures the neighbours too. */
function cpuMs(run: () => void): number {
  const start = process.cpuUsage()
  run()
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

describe('short tags', () => {
  it.each([
    ['!Ref Queue', {Ref: 'Queue'}],
    ['!Ref AWS::Region', {Ref: 'AWS::Region'}],
    ['!GetAtt Queue.Arn', {'Fn::GetAtt': ['Queue', 'Arn']}],
    ['!GetAtt Stack.Outputs.TopicArn', {'Fn::GetAtt': ['Stack', 'Outputs.TopicArn']}],
    ['!GetAtt [Queue, Arn]', {'Fn::GetAtt': ['Queue', 'Arn']}],
    ['!GetAtt [Queue, !Ref Attribute]', {'Fn::GetAtt': ['Queue', {Ref: 'Attribute'}]}],
    ["!Sub '${AWS::StackName}-orders'", {'Fn::Sub': '${AWS::StackName}-orders'}],
    ["!Sub ['${Name}-dlq', {Name: !Ref Base}]", {'Fn::Sub': ['${Name}-dlq', {Name: {Ref: 'Base'}}]}],
    ["!Join ['', [a, !Ref B]]", {'Fn::Join': ['', ['a', {Ref: 'B'}]]}],
    ['!If [IsProd, 30, !Ref AWS::NoValue]', {'Fn::If': ['IsProd', 30, {Ref: 'AWS::NoValue'}]}],
    ["!Select [0, !GetAZs '']", {'Fn::Select': [0, {'Fn::GetAZs': ''}]}],
    ['!Split [",", !Ref List]', {'Fn::Split': [',', {Ref: 'List'}]}],
    ['!FindInMap [Sizes, !Ref AWS::Region, Memory]', {'Fn::FindInMap': ['Sizes', {Ref: 'AWS::Region'}, 'Memory']}],
    ['!ImportValue shared-bus-arn', {'Fn::ImportValue': 'shared-bus-arn'}],
    ["!ImportValue {'Fn::Sub': '${Env}-bus'}", {'Fn::ImportValue': {'Fn::Sub': '${Env}-bus'}}],
    ['!GetAZs eu-west-1', {'Fn::GetAZs': 'eu-west-1'}],
    ['!Base64 {"Fn::Sub": "echo ${X}"}', {'Fn::Base64': {'Fn::Sub': 'echo ${X}'}}],
    ['!Cidr [!GetAtt Vpc.CidrBlock, 6, 5]', {'Fn::Cidr': [{'Fn::GetAtt': ['Vpc', 'CidrBlock']}, 6, 5]}],
    ['!Equals [!Ref Env, prod]', {'Fn::Equals': [{Ref: 'Env'}, 'prod']}],
    ['!And [!Condition A, !Not [!Condition B]]', {'Fn::And': [{Condition: 'A'}, {'Fn::Not': [{Condition: 'B'}]}]}],
    ['!Or [!Equals [a, b], !Condition C]', {'Fn::Or': [{'Fn::Equals': ['a', 'b']}, {Condition: 'C'}]}],
    ['!Condition IsProd', {Condition: 'IsProd'}],
    ['!Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}', {'Fn::Transform': {Name: 'AWS::Include', Parameters: {Location: 's3://b/k'}}}],
    ['!ToJsonString {a: !Ref B}', {'Fn::ToJsonString': {a: {Ref: 'B'}}}],
    ['!Length [a, b]', {'Fn::Length': ['a', 'b']}],
  ])('%s', (yaml, expected) => {
    expect(valueOf(yaml)).toEqual(expected)
  })

  it('reads block forms and nested tags across lines', () => {
    const text = ['V: !Sub', '  - "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Name}"', '  - Name: !Select', '      - 1', '      - !Split ["/", !Ref Url]', ''].join('\n')
    expect(parseTemplateText('t.yaml', text).value).toEqual({
      V: {'Fn::Sub': ['arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Name}', {Name: {'Fn::Select': [1, {'Fn::Split': ['/', {Ref: 'Url'}]}]}}]},
    })
  })

  it('keeps block scalars of !Sub as text', () => {
    expect(parseTemplateText('t.yaml', 'V: !Sub |\n  a ${X}\n  b\n').value).toEqual({V: {'Fn::Sub': 'a ${X}\nb\n'}})
  })

  it('reads AWSTemplateFormatVersion written as a date as text', () => {
    expect(parseTemplateText('t.yaml', 'AWSTemplateFormatVersion: 2010-09-09\n').value).toEqual({AWSTemplateFormatVersion: '2010-09-09'})
  })
})

describe('positions', () => {
  const text = [
    'Resources:', //                                          1
    '  Fn:', //                                               2
    '    Type: AWS::Lambda::Function', //                     3
    '    Properties:', //                                     4
    '      Role: !GetAtt FnRole.Arn', //                      5
    '      Environment:', //                                  6
    '        Variables: {TABLE: !Ref Table, MODE: fast}', //  7
    '      Layers: [a, !Ref B]', //                           8
    '      Code: !Sub', //                                    9
    '        - s3://${Bucket}/x', //                          10
    '        - Bucket: !Ref B', //                            11
    '',
  ].join('\n')
  const parsed = parseTemplateText('t.yaml', text)
  const resources = (parsed.value as {Resources: Record<string, unknown>}).Resources

  it.each<[Array<string | number>, [number, number, number, number]]>([
    [['Fn'], [2, 3, 2, 5]],
    [
      ['Fn', 'Type'],
      [3, 5, 3, 9],
    ],
    [
      ['Fn', 'Properties', 'Role'],
      [5, 7, 5, 11],
    ],
    [
      ['Fn', 'Properties', 'Role', 'Fn::GetAtt'],
      [5, 13, 5, 31],
    ],
    [
      ['Fn', 'Properties', 'Environment', 'Variables', 'MODE'],
      [7, 40, 7, 44],
    ],
    [
      ['Fn', 'Properties', 'Environment', 'Variables', 'TABLE', 'Ref'],
      [7, 28, 7, 38],
    ],
    [
      ['Fn', 'Properties', 'Layers', 0],
      [8, 16, 8, 17],
    ],
    [
      ['Fn', 'Properties', 'Layers', 1],
      [8, 19, 8, 25],
    ],
    [
      ['Fn', 'Properties', 'Code', 'Fn::Sub', 1, 'Bucket'],
      [11, 11, 11, 17],
    ],
    // A path that goes further than the document stops at the deepest part that exists.
    [
      ['Fn', 'Properties', 'Role', 'Fn::GetAtt', 0, 'nothing'],
      [5, 13, 5, 31],
    ],
    [
      ['Fn', 'Properties', 'Missing', 'Deeper'],
      [4, 5, 4, 15],
    ],
  ])('%j', (path, [line, column, endLine, endColumn]) => {
    expect(parsed.positions.locate(resources, path)).toEqual({file: 't.yaml', line, column, endLine, endColumn})
  })

  it('ends a block mapping where its last value ends, not on the next line', () => {
    const properties = (resources.Fn as {Properties: object}).Properties
    expect(parsed.positions.rangeOf(properties)).toEqual({file: 't.yaml', line: 5, column: 7, endLine: 11, endColumn: 25})
  })

  it('locates keys and values of JSON templates', () => {
    const json = [
      '{',
      '  "Resources": {',
      '    "Q": {',
      '      "Type": "AWS::SQS::Queue",',
      '      "Properties": {"RedrivePolicy": {"deadLetterTargetArn": {"Fn::GetAtt": ["D", "Arn"]}}}',
      '    }',
      '  }',
      '}',
    ].join('\n')
    const file = parseTemplateText('t.json', json)
    expect(file.format).toBe('json')
    const root = file.value as {Resources: Record<string, unknown>}
    expect(file.positions.locate(root.Resources, ['Q'])).toMatchObject({line: 3, column: 5, endLine: 3, endColumn: 8})
    expect(file.positions.locate(root.Resources, ['Q', 'Properties', 'RedrivePolicy', 'deadLetterTargetArn', 'Fn::GetAtt', 1])).toMatchObject({line: 5, column: 84, endLine: 5, endColumn: 89})
    expect(file.positions.rangeOf(root.Resources)).toMatchObject({line: 2, column: 16, endLine: 7, endColumn: 4})
  })
})

describe('JSON', () => {
  it('reads every JSON value type', () => {
    expect(parseTemplateText('t.json', '{"a": [1, -2.5e3, true, false, null, "x\\u0041\\n\\"\\/"], "b": {}}').value).toEqual({
      a: [1, -2500, true, false, null, 'xA\n"/'],
      b: {},
    })
  })

  it('reads a file that is not named .json but opens with a brace as strict JSON', () => {
    expect(parseTemplateText('template.template', '{"Resources": {}}').format).toBe('json')
    expect(parseError('template.template', '{"a": 1,}').message).toMatch(/JSON syntax error/)
  })

  it('reads a .yaml file that opens with a brace as YAML', () => {
    expect(parseTemplateText('t.yaml', '{a: !Ref B}').value).toEqual({a: {Ref: 'B'}})
  })

  it('keeps __proto__ as a member instead of setting the prototype', () => {
    const value = parseTemplateText('t.json', '{"__proto__": {"polluted": true}}').value as Record<string, unknown>
    expect(Object.keys(value)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it.each<[string, string, number, number]>([
    ['missing value', '{"a": 1,\n "b": }', 2, 7],
    ['trailing comma in a list', '{"a": [1, 2,]}', 1, 13],
    ['trailing comma in an object', '{"a": 1,\n}', 2, 1],
    ['comment', '{"a": 1 // why\n}', 1, 9],
    ['unterminated string', '{"a": "abc', 1, 7],
    ['text after the document', '{"a": 1} x', 1, 10],
    ['single quotes', "{'a': 1}", 1, 2],
    ['bad escape', '{"a": "\\x"}', 1, 8],
    ['duplicate key', '{"A": 1,\n "A": 2}', 2, 2],
  ])('rejects %s with its position', (_name, text, line, column) => {
    const error = parseError('t.json', text)
    expect(error.message).toMatch(/^JSON syntax error: /)
    expect(error.location).toMatchObject({file: 't.json', line, column})
  })
})

describe('guard rails', () => {
  it('stops a billion-laughs alias bomb fast, at the alias that tips it over', () => {
    let bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for (const name of 'bcdefghi') {
      const previous = String.fromCharCode(name.charCodeAt(0) - 1)
      bomb += `${name}: &${name} [${Array.from({length: 9}, () => `*${previous}`).join(',')}]\n`
    }
    let error: ParseError | undefined
    const ms = cpuMs(() => {
      error = parseError('t.yaml', bomb)
    })
    expect(error!.message).toMatch(/aliases expand to more than/)
    expect(error!.location.line).toBeGreaterThan(1)
    expect(ms).toBeLessThan(250)
  })

  it('accepts anchors reused a reasonable number of times, sharing their value', () => {
    const value = parseTemplateText('t.yaml', 'base: &tags [{Key: team, Value: orders}]\nA: {Tags: *tags}\nB: {Tags: *tags}\n').value as Record<string, {Tags: unknown}>
    expect(value.A.Tags).toEqual([{Key: 'team', Value: 'orders'}])
    expect(value.B.Tags).toBe(value.A.Tags)
  })

  it.each([
    ['a sequence', 'a: &a [1, *a]\n', 1, 11],
    ['a mapping', 'a: &a {b: *a}\n', 1, 11],
  ])('rejects an alias to %s that contains it', (_name, text, line, column) => {
    const error = parseError('t.yaml', text)
    expect(error.message).toMatch(/refers to the node that contains it/)
    expect(error.location).toMatchObject({line, column})
  })

  it('rejects an alias without an anchor', () => {
    expect(parseError('t.yaml', 'a: *nope\n').location).toMatchObject({line: 1, column: 4})
  })

  it('rejects duplicate keys at the second one, naming the first', () => {
    const error = parseError('t.yaml', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  Q:\n    Type: AWS::SNS::Topic\n')
    expect(error.message).toBe('duplicate key "Q" (first written on line 2)')
    expect(error.location).toEqual({file: 't.yaml', line: 4, column: 3, endLine: 4, endColumn: 4})
  })

  it.each([
    ['YAML flow', 't.yaml', `a: ${'['.repeat(1000)}${']'.repeat(1000)}`],
    ['YAML block', 't.yaml', Array.from({length: 300}, (_, depth) => `${'  '.repeat(depth)}k${depth}:`).join('\n') + ' 1\n'],
    ['JSON', 't.json', `{"a": ${'['.repeat(5000)}${']'.repeat(5000)}}`],
  ])('rejects %s nested deeper than CloudFormation could use', (_name, file, text) => {
    expect(parseError(file, text).message).toMatch(/nests deeper than 200 levels/)
  })

  it.each([
    ['a syntax error', 'a: b\n  c: d\n', 1, 4],
    ['tabs as indentation', 'a:\n\tb: 1\n', 2, 1],
    ['several documents', 'a: 1\n---\nb: 2\n', 2, 1],
    ['an unclosed flow sequence', 'a: [1, 2\n', 2, 1],
  ])('reports %s as a ParseError with its position', (_name, text, line, column) => {
    const error = parseError('t.yaml', text)
    expect(error.message).toMatch(/^YAML syntax error: /)
    expect(error.location).toMatchObject({file: 't.yaml', line, column})
  })

  it('applies YAML merge keys, the mapping itself and earlier merges winning', () => {
    const text = 'one: &one {x: 1, y: 1}\ntwo: &two {x: 2, z: 2}\nthing:\n  <<: [*one, *two]\n  y: 3\n'
    const parsed = parseTemplateText('t.yaml', text)
    const thing = (parsed.value as {thing: Record<string, unknown>}).thing
    expect(thing).toEqual({x: 1, y: 3, z: 2})
    // A merged member is located where the anchored mapping wrote it.
    expect(parsed.positions.locate(thing, ['z'])).toMatchObject({line: 2, column: 18})
  })

  it('keeps a quoted "<<" key as an ordinary key', () => {
    expect(parseTemplateText('t.yaml', '"<<": 1\n').value).toEqual({'<<': 1})
  })

  describe('a template with 5,000 resources', () => {
    const count = 5000
    const yaml = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:']
    const json: Record<string, unknown> = {}
    for (let index = 0; index < count; index++) {
      yaml.push(`  Queue${index}:`, '    Type: AWS::SQS::Queue', '    Properties:', `      RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq${index}.Arn, maxReceiveCount: 3}`)
      json[`Queue${index}`] = {Type: 'AWS::SQS::Queue', Properties: {RedrivePolicy: {deadLetterTargetArn: {'Fn::GetAtt': [`Dlq${index}`, 'Arn']}, maxReceiveCount: 3}}}
    }
    const yamlText = yaml.join('\n') + '\n'
    const jsonText = JSON.stringify({AWSTemplateFormatVersion: '2010-09-09', Resources: json}, null, 2)

    it('loads as YAML with little cost over the yaml library itself', () => {
      const options = {uniqueKeys: false, strict: true, lineCounter: new LineCounter()}
      let parsed: ReturnType<typeof parseTemplateText> | undefined
      // The best of two runs each: a busy machine makes single runs noisy.
      const library = Math.min(...[1, 2].map(() => cpuMs(() => parseDocument(yamlText, options))))
      const ours = Math.min(
        ...[1, 2].map(() =>
          cpuMs(() => {
            parsed = parseTemplateText('t.yaml', yamlText)
          }),
        ),
      )
      const resources = (parsed!.value as {Resources: Record<string, unknown>}).Resources
      expect(Object.keys(resources)).toHaveLength(count)
      expect(parsed!.positions.locate(resources, ['Queue4999', 'Properties', 'RedrivePolicy'])?.line).toBe(2 + 4999 * 4 + 4)
      // This 690 KB document took 0.8-1.1 s of CPU on a two-core machine under heavy load, 70-90% of it inside the yaml
      // library itself; the ratio to the library's own time keeps the test meaningful on a busy machine.
      expect(ours).toBeLessThan(library * 1.5 + 50)
      expect(ours).toBeLessThan(3000)
    })

    it('loads as JSON in well under a second of CPU time', () => {
      parseTemplateText('t.json', jsonText)
      let parsed: ReturnType<typeof parseTemplateText> | undefined
      const ms = cpuMs(() => {
        parsed = parseTemplateText('t.json', jsonText)
      })
      const resources = (parsed!.value as {Resources: Record<string, unknown>}).Resources
      expect(Object.keys(resources)).toHaveLength(count)
      const keyLine = jsonText.slice(0, jsonText.indexOf('"Queue4999"')).split('\n').length
      expect(parsed!.positions.locate(resources, ['Queue4999', 'Properties', 'RedrivePolicy'])?.line).toBe(keyLine + 3)
      expect(ms).toBeLessThan(500)
    })
  })
})
