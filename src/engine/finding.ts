// What a rule run produces and every reporter renders.
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

import type {FindingFix} from '../fix/types.js'
import type {Source, SourceLocation} from '../model/types.js'
import type {Severity} from '../rules/types.js'

export interface FindingResource {
  /** Logical id of the generated or declared resource (template), or ARN (live). */
  id: string
  type: string
  /** The logical id the user wrote (the SAM resource for SAM-generated resources). */
  logicalId?: string
  /** The type the user wrote, when it differs (AWS::Serverless::Function). */
  declaredType?: string
  arn?: string
  region?: string
  stack?: string
  cdkPath?: string
  /** Where the resource is declared in a Serverless Framework configuration: `functions.hello`, `resources.Resources.OrdersQueue`, `provider`. */
  declaredAs?: string
  /** Live findings of an organisation audit: the account, and its name in AWS Organizations. */
  accountId?: string
  accountName?: string
}

export interface Finding {
  ruleId: string
  ruleName: string
  severity: Severity
  messageId: string
  data: Record<string, string | number>
  message: string
  source: Source
  resource?: FindingResource
  location?: SourceLocation
  fix?: string
  /** The fix as text edits on the file, when the rule can make it (`lint --fix`, SARIF `fixes`). */
  autofix?: FindingFix
  /** The rule can fix this finding, when its edits were not computed (stylish, junit and github reports do not carry them). */
  fixable?: FindingFix['applicability']
  /** CDK findings: the construct-level change to make in the app's code (a synthesized template is not the source). */
  constructFix?: string
  docsUrl?: string
  /** Live findings: a link to the resource in the AWS console. */
  consoleUrl?: string
}

/** Rule pages are generated into docs/rules/ of the repository and shipped in the package. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** The installed copy of the rule pages. */
export const DOCS_DIR = path.join(PACKAGE_ROOT, 'docs', 'rules')

let base: string | undefined

/** The package's `repository` as a web address (`git+https://github.com/o/r.git` → `https://github.com/o/r`). */
function repositoryUrl(): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {repository?: string | {url?: string}}
    const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url
    const web = url?.replace(/^git\+/, '').replace(/\.git$/, '')
    return web && /^https:\/\//.test(web) ? web : undefined
  } catch {
    return undefined
  }
}

/**
 * Where rule pages are linked: SLS_EDA_DOCS_URL when set (a mirror, an intranet, a pinned tag), else the
 * repository's docs/rules, else the pages installed with the package.
 */
export function docsBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.SLS_EDA_DOCS_URL?.trim()
  if (configured) return configured.replace(/\/+$/, '')
  base ??= repositoryUrl() ? `${repositoryUrl()}/blob/main/docs/rules` : pathToFileURL(DOCS_DIR).href
  return base
}

export function docsUrl(ruleId: string): string {
  return `${docsBaseUrl()}/${ruleId}.md`
}

/** Text and placeholders (`key`, with the text written) of a message template, in order. */
type MessageParts = Array<string | {key: string; whole: string}>

// Rules report thousands of findings from a few dozen templates: split each template once.
const MESSAGE_PARTS = new Map<string, MessageParts>()

function messageParts(template: string): MessageParts {
  let parts = MESSAGE_PARTS.get(template)
  if (parts) return parts
  parts = []
  let last = 0
  for (const match of template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
    if (match.index > last) parts.push(template.slice(last, match.index))
    parts.push({key: match[1]!, whole: match[0]})
    last = match.index + match[0].length
  }
  if (last < template.length) parts.push(template.slice(last))
  if (MESSAGE_PARTS.size >= 10_000) MESSAGE_PARTS.clear()
  MESSAGE_PARTS.set(template, parts)
  return parts
}

/** Fills `{{name}}` placeholders of a message template. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  let text = ''
  for (const part of messageParts(template)) {
    if (typeof part === 'string') text += part
    else text += part.key in data ? String(data[part.key]) : part.whole
  }
  return text
}
