// SARIF 2.1.0 for code-scanning tools (GitHub code scanning, Azure DevOps, IDE viewers): results with locations, and every rule that ran with its help.
import {createHash} from 'node:crypto'
import path from 'node:path'
import {pathToFileURL} from 'node:url'

import type {Fix, Location, Log, ReportingDescriptor, Result} from 'sarif'

import {docsUrl, type Finding} from '../engine/finding.js'
import type {FindingFix} from '../fix/types.js'
import {renderRuleMarkdown, renderRuleText} from '../lib/rule-docs.js'
import type {RuleMeta, Severity} from '../rules/types.js'
import type {ReportInput} from './types.js'

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'

const LEVEL: Readonly<Record<Severity, Result.level>> = {error: 'error', warning: 'warning', info: 'note'}

/** GitHub ranks code-scanning alerts by this property; it wants a number from 0 to 10 as a string. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {error: '7.0', warning: '4.0', info: '1.0'}

/** The symbol artifact URIs are relative to; `originalUriBaseIds` says where it was on this machine. */
const SRCROOT = '%SRCROOT%'

/** A file path as a SARIF URI: relative to the working folder when inside it, an absolute file URI otherwise. */
export function artifactUri(file: string, cwd: string): {uri: string; uriBaseId?: string} {
  const relative = path.relative(cwd, file)
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return {uri: pathToFileURL(file).href}
  return {uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT}
}

export function descriptor(meta: RuleMeta): ReportingDescriptor {
  return {
    id: meta.id,
    name: meta.name,
    shortDescription: {text: meta.title},
    fullDescription: {text: meta.docs.what},
    help: {text: renderRuleText(meta), markdown: renderRuleMarkdown(meta)},
    helpUri: docsUrl(meta.id),
    defaultConfiguration: {level: LEVEL[meta.severity]},
    properties: {
      tags: [...new Set([meta.service, ...meta.sources, ...meta.practices])],
      precision: 'high',
      'problem.severity': meta.severity === 'info' ? 'recommendation' : meta.severity,
      ...(meta.service === 'iam' ? {'security-severity': SECURITY_SEVERITY[meta.severity]} : {}),
    },
  }
}

/** A fingerprint that survives edits elsewhere in the file: rule, file, resource and message id, not line numbers. */
function fingerprint(finding: Finding, uri: string | undefined): string {
  const parts = [finding.ruleId, uri ?? '', finding.resource?.stack ?? '', finding.resource?.cdkPath ?? finding.resource?.id ?? '', finding.messageId, JSON.stringify(finding.data)]
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32)
}

export function result(finding: Finding, ruleIndex: number, cwd: string, fallbackFile: string): Result {
  const location: Location = {}
  const file = finding.location?.file ?? (finding.source === 'template' ? fallbackFile : undefined)
  const artifact = file ? artifactUri(file, cwd) : undefined
  if (artifact) {
    location.physicalLocation = {artifactLocation: artifact}
    if (finding.location) {
      const {line, column, endLine, endColumn} = finding.location
      location.physicalLocation.region = {
        startLine: Math.max(1, line),
        startColumn: Math.max(1, column),
        endLine: Math.max(line, endLine, 1),
        endColumn: Math.max(1, endLine > line ? endColumn : Math.max(endColumn, column)),
      }
    }
  }
  const resource = finding.resource
  if (resource) {
    location.logicalLocations = [
      {
        name: resource.logicalId ?? resource.id,
        fullyQualifiedName: resource.arn ?? resource.cdkPath ?? [resource.stack, resource.id].filter(Boolean).join('/'),
        kind: 'resource',
      },
    ]
  }
  const construct = finding.constructFix ? ` CDK: ${finding.constructFix} (construct ${finding.resource?.cdkPath ?? finding.resource?.id ?? '?'}).` : ''
  const text = (finding.fix ? `${finding.message} Fix: ${finding.fix}` : finding.message) + construct
  const out: Result = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: {text},
    locations: location.physicalLocation || location.logicalLocations ? [location] : [],
    partialFingerprints: {'slsEdaFinding/v1': fingerprint(finding, artifact?.uri)},
    properties: {
      messageId: finding.messageId,
      data: finding.data,
      ...(resource ? {resource} : {}),
      ...(finding.autofix ? {fixApplicability: finding.autofix.applicability} : {}),
    },
  }
  if (finding.autofix && artifact) out.fixes = [sarifFix(finding.autofix, artifact)]
  return out
}

/** A fix as SARIF: one artifact change whose replacements are the edits (regions in lines and columns, and in characters). */
function sarifFix(fix: FindingFix, artifact: {uri: string; uriBaseId?: string}): Fix {
  const reason = fix.reason ? ` (unsafe: ${fix.reason})` : ''
  return {
    description: {text: `${fix.description}${reason}`},
    artifactChanges: [
      {
        artifactLocation: artifact,
        replacements: fix.edits.map((edit) => ({
          deletedRegion: {startLine: edit.line, startColumn: edit.column, endLine: edit.endLine, endColumn: edit.endColumn, charOffset: edit.start, charLength: edit.end - edit.start},
          insertedContent: {text: edit.text},
        })),
      },
    ],
  }
}

export function sarifLog(input: ReportInput): Log {
  // Findings can come from rules outside the list that ran (e.g. a parse error under --rule); describe those too.
  const metas = new Map<string, RuleMeta>()
  for (const meta of input.rules) metas.set(meta.id, meta)
  const rules = [...metas.values()]
  const index = new Map(rules.map((meta, i) => [meta.id, i]))
  const results: Result[] = []
  for (const file of input.files) {
    for (const finding of file.findings) {
      if (!index.has(finding.ruleId)) {
        // No metadata: a minimal descriptor keeps ruleIndex valid.
        index.set(finding.ruleId, rules.length)
        rules.push({id: finding.ruleId, name: finding.ruleName} as RuleMeta)
      }
      results.push(result(finding, index.get(finding.ruleId)!, input.cwd, file.file))
    }
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'sls-eda',
            semanticVersion: input.version,
            version: input.version,
            informationUri: 'https://github.com/sls-eda/sls-eda',
            rules: rules.map((meta) => (meta.docs ? descriptor(meta) : {id: meta.id, name: meta.name, helpUri: docsUrl(meta.id)})),
          },
        },
        originalUriBaseIds: {[SRCROOT]: {uri: pathToFileURL(input.cwd + path.sep).href}},
        invocations: [{executionSuccessful: !input.files.some((file) => file.unusable)}],
        columnKind: 'unicodeCodePoints',
        results,
      },
    ],
  }
}

export function renderSarif(input: ReportInput): string {
  return JSON.stringify(sarifLog(input), null, 2) + '\n'
}
