// Serverless Framework services: the template `serverless package` wrote is linted, and each finding is pointed back at the function or resource in serverless.yml that made it.
import {readFileSync} from 'node:fs'

import {isMap, isScalar, LineCounter, parseDocument, type YAMLMap} from 'yaml'

import type {Finding} from '../engine/finding.js'

/** A place in the service's configuration file that resources of the packaged template come from. */
export interface ServerlessDeclaration {
  /** As the configuration spells it: `functions.hello`, `resources.Resources.OrdersQueue`, `provider.iam.role`, `provider`. */
  name: string
  line: number
  column: number
}

export interface ServerlessSource {
  file: string
  /** Function keys by their normalised name (the prefix of every logical id Serverless derives from a function). */
  functions: Map<string, ServerlessDeclaration>
  /** Resources written under `resources.Resources`, which keep their own logical ids. */
  resources: Map<string, ServerlessDeclaration>
  /** The role Serverless makes for every function (`IamRoleLambdaExecution`), from `provider.iam.role` or `provider.iamRoleStatements`. */
  sharedRole?: ServerlessDeclaration
  /** Everything else Serverless adds for the service (deployment bucket, the REST or HTTP API, event topics…). */
  provider: ServerlessDeclaration
}

/**
 * The name Serverless gives a function in logical ids (`getNormalizedFunctionName` in the framework's
 * lib/plugins/aws/lib/naming.js): `-` becomes `Dash`, `_` becomes `Underscore`, the first letter is upper-cased.
 * `hello` → `HelloLambdaFunction`, `HelloLogGroup`, `HelloEventSourceMappingSQSQueue`…
 */
export function normalizedFunctionName(key: string): string {
  const name = key.replace(/-/g, 'Dash').replace(/_/g, 'Underscore')
  return name.charAt(0).toUpperCase() + name.slice(1)
}

type Position = {line: number; column: number}

/** The keys of a YAML or JSON configuration with their positions, read with the YAML parser (JSON is YAML). */
function readStructured(text: string): {at: (keys: string[]) => Position | undefined; keysOf: (keys: string[]) => Array<[string, Position]>} | undefined {
  const lineCounter = new LineCounter()
  // Serverless's own variables (`${self:…}`) and CloudFormation tags in `resources` are values; only keys matter here.
  const doc = parseDocument(text, {lineCounter, prettyErrors: false, strict: false, uniqueKeys: false, logLevel: 'silent'})
  if (!isMap(doc.contents)) return undefined
  const position = (offset: number | undefined): Position => {
    const {line, col} = lineCounter.linePos(offset ?? 0)
    return {line, column: col}
  }
  const mapAt = (keys: string[]): YAMLMap | undefined => {
    let current: unknown = doc.contents
    for (const key of keys) {
      if (!isMap(current)) return undefined
      current = current.get(key, true)
    }
    return isMap(current) ? current : undefined
  }
  const keysOf = (keys: string[]): Array<[string, Position]> =>
    (mapAt(keys)?.items ?? []).flatMap((pair) => (isScalar(pair.key) ? [[String(pair.key.value), position(pair.key.range?.[0])] as [string, Position]] : []))
  const at = (keys: string[]): Position | undefined => {
    const parent = keys.length > 1 ? mapAt(keys.slice(0, -1)) : isMap(doc.contents) ? doc.contents : undefined
    const pair = parent?.items.find((item) => isScalar(item.key) && String(item.key.value) === keys.at(-1))
    return pair && isScalar(pair.key) ? position(pair.key.range?.[0]) : undefined
  }
  return {at, keysOf}
}

/** Keys written as `name:` at the start of a line, for configurations in TypeScript or JavaScript, which are not evaluated. */
function scanKeys(text: string): Array<[string, Position]> {
  const keys: Array<[string, Position]> = []
  text.split(/\r?\n/).forEach((line, index) => {
    const match = /^(\s*)['"]?([\w-]+)['"]?\s*:/.exec(line)
    if (match) keys.push([match[2]!, {line: index + 1, column: match[1]!.length + 1}])
  })
  return keys
}

/** Reads where the functions and resources of a service are declared. Never throws: what cannot be read points at line 1. */
export function readServerlessSource(file: string): ServerlessSource {
  let text = ''
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    // An unreadable configuration still lets the packaged template be linted; findings point at its first line.
  }
  const source: ServerlessSource = {file, functions: new Map(), resources: new Map(), provider: {name: 'provider', line: 1, column: 1}}
  const structured = /\.(ya?ml|json)$/i.test(file) ? readStructured(text) : undefined
  if (structured) {
    for (const [key, at] of structured.keysOf(['functions'])) source.functions.set(normalizedFunctionName(key), {name: `functions.${key}`, ...at})
    for (const [key, at] of structured.keysOf(['resources', 'Resources'])) source.resources.set(key, {name: `resources.Resources.${key}`, ...at})
    const provider = structured.at(['provider'])
    if (provider) source.provider = {name: 'provider', ...provider}
    const role = structured.at(['provider', 'iam', 'role']) ?? structured.at(['provider', 'iam'])
    const legacy = structured.at(['provider', 'iamRoleStatements'])
    if (role) source.sharedRole = {name: structured.at(['provider', 'iam', 'role']) ? 'provider.iam.role' : 'provider.iam', ...role}
    else if (legacy) source.sharedRole = {name: 'provider.iamRoleStatements', ...legacy}
    return source
  }
  // TypeScript or JavaScript: every `key:` line is a candidate; the first one whose name matches wins.
  for (const [key, at] of scanKeys(text)) {
    const normalized = normalizedFunctionName(key)
    if (key === 'provider' && source.provider.line === 1) source.provider = {name: 'provider', ...at}
    else if (!source.functions.has(normalized)) source.functions.set(normalized, {name: `functions.${key}`, ...at})
    if (!source.resources.has(key)) source.resources.set(key, {name: `resources.Resources.${key}`, ...at})
  }
  return source
}

/** The declaration in serverless.yml that a logical id of the packaged template comes from. */
export function declarationOf(source: ServerlessSource, logicalId: string): ServerlessDeclaration {
  const resource = source.resources.get(logicalId)
  if (resource && /\.(ya?ml|json)$/i.test(source.file)) return resource
  // Serverless prefixes what it makes for a function with the function's normalised name; the longest match wins (Hello vs HelloWorld).
  let best: ServerlessDeclaration | undefined
  let bestLength = 0
  for (const [prefix, declaration] of source.functions) {
    if (prefix.length > bestLength && logicalId.length > prefix.length && logicalId.startsWith(prefix) && /[A-Z0-9]/.test(logicalId.charAt(prefix.length))) {
      best = declaration
      bestLength = prefix.length
    }
  }
  if (best) return best
  // The integration of an `httpApi` event is named after the function it calls (HttpApiIntegrationHello).
  const integration = /^HttpApiIntegration(.+)$/.exec(logicalId)?.[1]
  if (integration && source.functions.has(integration)) return source.functions.get(integration)!
  if (resource) return resource
  if (logicalId === 'IamRoleLambdaExecution' && source.sharedRole) return source.sharedRole
  return source.provider
}

/** Points a finding of the packaged template at the function or resource of serverless.yml it is about. */
export function relocateFinding(finding: Finding, source: ServerlessSource): Finding {
  const logicalId = finding.resource?.logicalId ?? finding.resource?.id
  if (!finding.resource || !logicalId) return finding
  const declaration = declarationOf(source, logicalId)
  const key = declaration.name.split('.').at(-1) ?? declaration.name
  return {
    ...finding,
    resource: {...finding.resource, declaredAs: declaration.name},
    location: {file: source.file, line: declaration.line, column: declaration.column, endLine: declaration.line, endColumn: declaration.column + key.length},
  }
}
