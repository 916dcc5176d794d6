// What a rule run produces and every reporter renders.
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
  docsUrl?: string
  /** Live findings: a link to the resource in the AWS console. */
  consoleUrl?: string
}

/** Docs pages are generated into docs/rules/ of the repository. */
export const DOCS_BASE_URL = 'https://github.com/sls-eda/sls-eda/blob/main/docs/rules'

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}/${ruleId}.md`
}

/** Fills `{{name}}` placeholders of a message template. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole))
}
