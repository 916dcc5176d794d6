// What a rule run produces and every reporter renders.
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

/** Docs pages are generated into docs/rules/ of the repository. */
export const DOCS_BASE_URL = 'https://github.com/sls-eda/sls-eda/blob/main/docs/rules'

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}/${ruleId}.md`
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
