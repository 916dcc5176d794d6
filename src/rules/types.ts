// The shape of a rule: metadata first (id, name, severity, docs, equivalents), then a pure check over the resource graph.
import type {ResourceGraph} from '../model/graph.js'
import type {Fixer} from '../fix/fixer.js'
import type {Applicability, FixProposal} from '../fix/types.js'
import type {GraphNode, PropPath, Source} from '../model/types.js'

export type Severity = 'error' | 'warning' | 'info'

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info']

/**
 * What each severity promises, in the words the README and the rule index print. A rule's severity is
 * the most its findings can weigh; a finding that depends on a branch of an `Fn::If` or on what the
 * template cannot show is lowered (`Report.maxSeverity`).
 */
export const SEVERITY_POLICY: Readonly<Record<Severity, string>> = {
  error: 'CloudFormation will reject the template, or loss of data or a security exposure is certain from the template alone.',
  warning: 'a practice whose absence hides failures (or lets them grow unnoticed).',
  info: 'advice.',
}

/** Higher is more severe. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = {error: 3, warning: 2, info: 1}

export type Service = 'lambda' | 'iam' | 'sqs' | 'sns' | 'eventbridge' | 'stepfunctions' | 'apigateway' | 'appsync' | 'dynamodb' | 'kinesis' | 'cloudwatch' | 'logs' | 'template'

export const SERVICES: readonly Service[] = ['lambda', 'iam', 'sqs', 'sns', 'eventbridge', 'stepfunctions', 'apigateway', 'appsync', 'dynamodb', 'kinesis', 'cloudwatch', 'logs', 'template']

/** Tools whose checks a rule may correspond to, keyed as in `sls-eda rules --json`. */
export type EquivalentTool = 'serverless-rules' | 'cdk-nag' | 'cfn-lint' | 'checkov' | 'cfn_nag' | 'security-hub'

export const EQUIVALENT_TOOLS: readonly EquivalentTool[] = ['serverless-rules', 'cdk-nag', 'cfn-lint', 'checkov', 'cfn_nag', 'security-hub']

/** Rule lifecycle, as Ruff's rule groups: users' configuration keeps working while rules come and go. */
export type RuleStatus = 'stable' | 'preview' | 'deprecated' | 'removed'

export interface RuleDocs {
  /** What it checks. */
  what: string
  /** Why it matters. */
  why: string
  /** A failing example (template YAML). */
  failing: string
  /** The same example, fixed. */
  fixed: string
  /** When not to use it. */
  whenNotToUse: string
  /** Links to the AWS guidance the rule enforces. */
  references: string[]
  /** What the rule cannot see (e.g. parts of a practice that are not visible statically). */
  limitations?: string
}

export interface RuleMeta {
  /** Stable short code, e.g. SQS001. */
  id: string
  /** Self-explaining kebab-case name, e.g. sqs-queue-without-dlq. */
  name: string
  title: string
  severity: Severity
  service: Service
  /**
   * Services whose resources the check reads besides its own service's (SQS002 reads CloudWatch alarms):
   * an audit that could not read one of them in a region drops the rule's findings there rather than report a false absence.
   */
  reads?: Service[]
  /** Where the rule applies: templates on disk, live accounts, or both. */
  sources: Source[]
  status: RuleStatus
  /** Part of the default `recommended` preset; every rule is in `strict`. */
  recommended: boolean
  /** Sections of the practices document the rule enforces, e.g. P-ERR-1. */
  practices: string[]
  docs: RuleDocs
  /** Message templates by message id; `{{name}}` is replaced by the report's data. */
  messages: Record<string, string>
  equivalents: Partial<Record<EquivalentTool, string[]>>
  /** Default options; configuration may override them. */
  options?: Record<string, unknown>
  /**
   * The rule's findings can carry a fix (`sls-eda lint --fix`): safe fixes keep behaviour, unsafe ones change
   * something a user may rely on and are applied only with `--unsafe-fixes`.
   */
  fixable?: Applicability
  /** Unsafe fixes: what changes for the user (turning on tracing costs money; a DLQ changes where failed messages go). */
  fixUnsafeReason?: string
  /** CDK apps: the construct property that makes the same change, e.g. `tracing: lambda.Tracing.ACTIVE`. */
  cdkFix?: string
}

export interface Report {
  /** The resource the finding is about. Template-wide findings (schema, parameters) give `at` instead. */
  node?: GraphNode
  /** Path inside the node's properties (or resource, with scope 'resource') the finding points at. */
  path?: PropPath
  /** Without a node: an absolute path in the template as written, e.g. ['Resources', 'Queue', 'Properties', 'VisibilityTimout']. */
  at?: PropPath
  scope?: 'properties' | 'resource'
  messageId: string
  data?: Record<string, string | number>
  /** How to fix it, in one sentence naming the property and value to set. */
  fix?: string
  /**
   * The most this finding may weigh, whatever the rule's configured severity: a finding that depends
   * on which branch of an `Fn::If` is deployed, or on something the template cannot show, is advice.
   */
  maxSeverity?: Severity
  /**
   * The fix as text edits, built with the fixer (which knows the file as written and SAM's mapping back to it);
   * undefined when this finding cannot be fixed automatically. Only rules with `meta.fixable` give one.
   */
  autofix?: (fixer: Fixer) => FixProposal | undefined
  /** CDK: the construct property for this finding when it differs from the rule's `cdkFix`. */
  cdkFix?: string
}

export interface RuleContext {
  graph: ResourceGraph
  /** The rule's options: defaults merged with configuration. */
  options: Record<string, unknown>
  /** Today, injected so date-dependent rules are testable. */
  now: Date
  /** A property, not a method: rules destructure it (`check({graph, report})`). */
  report: (report: Report) => void
}

export interface Rule {
  meta: RuleMeta
  check(context: RuleContext): void
}

/** The lower of two severities. */
export function lowerSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[a] <= SEVERITY_RANK[b] ? a : b
}

/** Identity function that gives rule modules their type. */
export function defineRule(rule: Rule): Rule {
  return rule
}
