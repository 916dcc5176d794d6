// SAM policy templates (e.g. SQSPollerPolicy) and managed policy names, expanded into what SAM writes in the generated role.
import managedPolicyPaths from './sam-managed-policy-paths.json' with {type: 'json'}
import policyTemplates from './sam-policy-templates.json' with {type: 'json'}

type Statement = Record<string, unknown>

interface PolicyTemplate {
  Parameters?: Record<string, unknown>
  Definition: {Statement: Statement[]}
}

const TEMPLATES = policyTemplates.Templates as unknown as Record<string, PolicyTemplate>

/**
 * Replaces every `{Ref: <template parameter>}` of a template definition by the value the user
 * gave, as SAM's policy template processor does: the definitions keep parameters as `Fn::Sub`
 * variables, so a value that is itself an intrinsic (`!GetAtt Queue.QueueName`) stays one.
 */
function substitute(node: unknown, values: Record<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((item) => substitute(item, values))
  if (typeof node !== 'object' || node === null) return node
  const record = node as Record<string, unknown>
  const keys = Object.keys(record)
  if (keys.length === 1 && keys[0] === 'Ref' && typeof record.Ref === 'string' && Object.hasOwn(values, record.Ref)) return values[record.Ref]
  return Object.fromEntries(keys.map((key) => [key, substitute(record[key], values)]))
}

/**
 * A copy of a statement SAM writes by itself, marked with `SamPolicyTemplate: <name>` so rules can tell it from the
 * user's. The mark is not enumerable: it never reaches the expanded template (IAM rejects unknown statement keys) nor
 * a comparison with SAM's output.
 */
export function samStatement<T extends object>(statement: T, name: string): T & {SamPolicyTemplate: string} {
  const copy = {...statement} as T & {SamPolicyTemplate: string}
  delete (copy as Record<string, unknown>).SamPolicyTemplate
  Object.defineProperty(copy, 'SamPolicyTemplate', {value: name, enumerable: false, writable: true, configurable: true})
  return copy
}

/**
 * The statements of a SAM policy template, each marked with `SamPolicyTemplate: <name>` so rules
 * can tell them from statements the user wrote. Undefined when the name is not a SAM template, or
 * when a parameter the template needs has no value (SAM rejects such a template).
 */
export function expandPolicyTemplate(name: string, parameters: unknown): Statement[] | undefined {
  if (!Object.hasOwn(TEMPLATES, name)) return undefined
  const template = TEMPLATES[name]!
  const values = typeof parameters === 'object' && parameters !== null && !Array.isArray(parameters) ? (parameters as Record<string, unknown>) : {}
  const needed = Object.keys(template.Parameters ?? {})
  if (needed.some((parameter) => !Object.hasOwn(values, parameter))) return undefined
  const known = Object.fromEntries(needed.map((parameter) => [parameter, values[parameter]]))
  return template.Definition.Statement.map((statement) => samStatement(substitute(statement, known) as Statement, name))
}

/** Names of every SAM policy template. */
export const KNOWN_POLICY_TEMPLATES = Object.keys(TEMPLATES)

/** The parameter names a policy template takes. */
export function policyTemplateParameters(name: string): string[] | undefined {
  return Object.hasOwn(TEMPLATES, name) ? Object.keys(TEMPLATES[name]!.Parameters ?? {}) : undefined
}

const PATH_OF_POLICY = new Map<string, string>(Object.entries(managedPolicyPaths.Paths as Record<string, string[]>).flatMap(([path, names]) => names.map((name) => [name, path] as [string, string])))

/**
 * The ARN SAM writes for a managed policy given by name in `Policies` (`AWSLambdaBasicExecutionRole`
 * lives under `service-role/`); a value that is already an ARN is kept.
 */
export function managedPolicyArn(nameOrArn: string): string {
  if (nameOrArn.startsWith('arn:')) return nameOrArn
  const path = PATH_OF_POLICY.get(nameOrArn)
  return `arn:aws:iam::aws:policy/${path ? `${path}/` : ''}${nameOrArn}`
}
