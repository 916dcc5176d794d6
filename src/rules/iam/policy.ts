// Policy-document queries the IAM rules share: which statements the user wrote, and what their actions, resources and principals allow.
import {documentStatements, type PolicyStatementRef} from '../../model/edges.js'
import type {ResourceGraph} from '../../model/graph.js'
import {actionMatches} from '../../model/iam-actions.js'
import {asArray, get, isRecord, literal, subArguments} from '../../model/intrinsics.js'
import type {GraphNode, PropPath} from '../../model/types.js'
import {displayName} from '../helpers.js'

/** Types whose `Policies` property holds inline identity policies. */
const INLINE_POLICY_TYPES = new Set(['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'])

/** Principals that hold identity policies and may list managed policy ARNs. */
export function policyHolders(graph: ResourceGraph): GraphNode[] {
  return graph.nodes.filter((node) => INLINE_POLICY_TYPES.has(node.type))
}

/**
 * A policy document as CloudFormation writes it (an object) or as IAM returns it live (JSON text,
 * URL-encoded by GetRolePolicy / GetPolicyVersion).
 */
export function parseDocument(document: unknown): unknown {
  if (typeof document !== 'string') return document
  for (const text of [document, safeDecode(document)]) {
    if (text === undefined) continue
    try {
      return JSON.parse(text)
    } catch {
      // Not JSON as it stands; try the URL-decoded form next.
    }
  }
  return undefined
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text)
  } catch {
    return undefined
  }
}

/** True for a policy AWS owns (arn:aws:iam::aws:policy/…): its statements are not the user's. */
export function isAwsManagedPolicyArn(arn: string): boolean {
  return /^arn:[^:]+:iam::aws:policy\//.test(arn)
}

/**
 * Every identity-policy statement the user wrote (template) or attached (live): inline policies of
 * roles, users and groups, `AWS::IAM::Policy`, customer `AWS::IAM::ManagedPolicy`. Statements SAM
 * expands from its policy templates carry `SamPolicyTemplate` and are left out; so are AWS managed
 * policies, whose content the user cannot change.
 */
export function writtenStatements(graph: ResourceGraph): PolicyStatementRef[] {
  const result: PolicyStatementRef[] = []
  for (const holder of policyHolders(graph)) {
    asArray(holder.props.Policies).forEach((policy, index) => {
      result.push(...documentStatements(holder, parseDocument(get(policy, 'PolicyDocument')), ['Policies', index, 'PolicyDocument']))
    })
  }
  for (const policy of graph.ofKind('policy', 'managedPolicy')) {
    if (policy.managed || (policy.origin.arn !== undefined && isAwsManagedPolicyArn(policy.origin.arn))) continue
    result.push(...documentStatements(policy, parseDocument(policy.props.PolicyDocument), ['PolicyDocument']))
  }
  return result.filter(({statement}) => statement.SamPolicyTemplate === undefined)
}

/** The trust policy statements of every role. */
export function trustStatements(graph: ResourceGraph): PolicyStatementRef[] {
  return graph.ofKind('role').flatMap((role) => documentStatements(role, parseDocument(role.props.AssumeRolePolicyDocument), ['AssumeRolePolicyDocument']))
}

/** True when the statement's Effect is literally Allow (CloudFormation requires the exact spelling). */
export function isAllow(statement: Record<string, unknown>): boolean {
  return literal(statement.Effect) === 'Allow'
}

export interface Element {
  value: string
  path: PropPath
}

/** The literal strings of `Action`, `Resource`, `NotAction`… with their paths; intrinsics are skipped (lenient). */
export function elements(ref: PolicyStatementRef, key: string): Element[] {
  const raw = ref.statement[key]
  if (typeof raw === 'string') return [{value: raw, path: [...ref.path, key]}]
  if (!Array.isArray(raw)) return []
  return raw.flatMap((item, index) => (typeof item === 'string' ? [{value: item, path: [...ref.path, key, index]}] : []))
}

/** `*`, `*:*` or `service:*` (any case): every action, or every action of a service. */
export function isWildcardAction(action: string): boolean {
  const trimmed = action.trim()
  if (/^\*+$/.test(trimmed)) return true
  return /^[a-z0-9*-]+:\*+$/i.test(trimmed)
}

/** True for an action pattern that grants every action of every service. */
export function isEveryAction(action: string): boolean {
  return /^\*+(?::\*+)?$/.test(action.trim())
}

export {actionMatches}

/** The statement's `Resource` contains the bare `*`. */
export function starResource(ref: PolicyStatementRef): Element | undefined {
  return elements(ref, 'Resource').find((element) => element.value.trim() === '*')
}

/** A statement granting every action on every resource. */
export function isFullAdminStatement(ref: PolicyStatementRef): boolean {
  return isAllow(ref.statement) && elements(ref, 'Action').some((a) => isEveryAction(a.value)) && starResource(ref) !== undefined
}

/** Condition keys of a statement, lower-cased (`aws:sourcearn`, `s3:prefix`…). */
export function conditionKeys(statement: Record<string, unknown>): string[] {
  const condition = statement.Condition
  if (!isRecord(condition)) return []
  return Object.values(condition).flatMap((block) => (isRecord(block) ? Object.keys(block).map((key) => key.toLowerCase()) : []))
}

/**
 * Condition keys that restrict which callers a resource or trust policy admits: with one of them a
 * `*` principal is an account, organisation or source, not everyone.
 */
const PRINCIPAL_SCOPING_KEYS = [
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:sourcevpce',
  'aws:sourcevpc',
  'aws:userid',
  'aws:principalservicename',
]

export function hasPrincipalScopingCondition(statement: Record<string, unknown>): boolean {
  return conditionKeys(statement).some((key) => PRINCIPAL_SCOPING_KEYS.includes(key))
}

/** The places in a `Principal` that are the `*` wildcard: `"*"` itself or `{AWS: "*"}` / `{AWS: [..., "*"]}`. */
export function wildcardPrincipals(ref: PolicyStatementRef, key = 'Principal'): PropPath[] {
  const principal = ref.statement[key]
  if (typeof principal === 'string') return principal.trim() === '*' ? [[...ref.path, key]] : []
  if (!isRecord(principal)) return []
  const aws = principal.AWS
  if (typeof aws === 'string') return aws.trim() === '*' ? [[...ref.path, key, 'AWS']] : []
  if (Array.isArray(aws)) return aws.flatMap((item, index) => (typeof item === 'string' && item.trim() === '*' ? [[...ref.path, key, 'AWS', index]] : []))
  return []
}

/** How a finding names the holder: the logical id the user wrote (the SAM function for its generated role), or the ARN's name live. */
export function holderName(node: GraphNode): string {
  if (node.source === 'live') return displayName(node)
  return node.origin.logicalId ?? node.id
}

/** The policy name an inline statement belongs to, when it is written literally. */
export function policyName(ref: PolicyStatementRef): string {
  if (ref.path[0] === 'Policies' && typeof ref.path[1] === 'number') {
    const name = literal(get(ref.holder.props.Policies, ref.path[1], 'PolicyName'))
    if (typeof name === 'string') return name
  }
  const own = literal(ref.holder.props.PolicyName ?? ref.holder.props.ManagedPolicyName)
  return typeof own === 'string' ? own : holderName(ref.holder)
}

/** The literal text of a managed policy ARN, also when written as `!Sub arn:${AWS::Partition}:iam::aws:policy/X`. */
export function managedPolicyArnText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  const [text] = subArguments(get(value, 'Fn::Sub'))
  if (typeof text === 'string') return text.replace(/\$\{AWS::Partition\}/g, 'aws')
  return undefined
}

/** Roles a Lambda function runs as: assumed by a function in the graph, or trusting lambda.amazonaws.com. */
export function isFunctionRole(graph: ResourceGraph, role: GraphNode): boolean {
  if (graph.in(role.id, 'assumes-role').some((edge) => graph.get(edge.from)?.kind === 'function')) return true
  return documentStatements(role, parseDocument(role.props.AssumeRolePolicyDocument), []).some(
    ({statement}) => isAllow(statement) && asArray(get(statement.Principal, 'Service')).some((service) => service === 'lambda.amazonaws.com'),
  )
}
