// Execution roles SAM generates: trust policies, managed policies it attaches, and the user's Policies as inline policies.
import {asArray, get, isRecord} from '../intrinsics.js'
import {expandPolicyTemplate, managedPolicyArn, samStatement} from '../sam-policy-templates.js'
import type {ResourceDecl} from '../template.js'
import type {PropPath} from '../types.js'
import {type Expansion, generated, identity, type Props, samLocator} from './expansion.js'

/** Managed policies SAM attaches by itself; they are not the user's statements. */
export const SAM_MANAGED_POLICIES = {
  basic: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
  xray: 'arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess',
  sqs: 'arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole',
  kinesis: 'arn:aws:iam::aws:policy/service-role/AWSLambdaKinesisExecutionRole',
  dynamodb: 'arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole',
  msk: 'arn:aws:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole',
  vpc: 'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
  durable: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy',
} as const

export function trustPolicy(service: string): Props {
  return {Version: '2012-10-17', Statement: [{Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: {Service: [service]}}]}
}

/** A policy SAM writes into a role by itself, marked so rules can tell it from the user's statements. */
export interface GeneratedPolicy {
  name: string
  statements: Props[]
  /** The SAM property it comes from, relative to the SAM resource. */
  source?: PropPath
  /** SAM writes some documents without a Version (event invoke destinations). */
  unversioned?: boolean
}

/** Where each inline policy of a generated role comes from, so the role can locate it. */
const ROLE_POLICY_SOURCES = new WeakMap<ResourceDecl, Array<PropPath | undefined>>()

export function addRolePolicy(role: ResourceDecl, name: string, statements: Props[], source?: PropPath, versioned = false): void {
  const policies = (role.props.Policies as Props[] | undefined) ?? []
  const marked = statements.map((statement) => samStatement(statement, (statement as {SamPolicyTemplate?: string}).SamPolicyTemplate ?? name))
  const document = versioned ? {Statement: marked, Version: '2012-10-17'} : {Statement: marked}
  // SAM does not add a document the role already has (two events on the same source).
  if (policies.some((policy) => JSON.stringify(policy.PolicyDocument) === JSON.stringify(document))) return
  policies.push({PolicyName: name, PolicyDocument: document})
  role.props.Policies = policies
  ROLE_POLICY_SOURCES.get(role)?.push(source)
}

const isNoValue = (value: unknown): boolean => isRecord(value) && value.Ref === 'AWS::NoValue'

/** What one branch of a policy entry is, after SAM's policy templates plugin turned templates into documents. */
function policyBranch(value: unknown): {kind: 'none' | 'managed' | 'document' | 'unknown'; value: unknown} {
  if (isNoValue(value)) return {kind: 'none', value}
  if (typeof value === 'string') return {kind: 'managed', value: managedPolicyArn(value)}
  if (!isRecord(value)) return {kind: 'unknown', value}
  const keys = Object.keys(value)
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'))) return {kind: 'managed', value}
  if ('Statement' in value) return {kind: 'document', value}
  const statements = keys.length === 1 ? expandPolicyTemplate(keys[0]!, value[keys[0]!]) : undefined
  return statements ? {kind: 'document', value: {Statement: statements}} : {kind: 'unknown', value}
}

/**
 * A `Policies` entry written as `!If [Condition, …, …]`: SAM keeps the condition, as an inline policy when its
 * branches are documents or policy templates, as a managed policy ARN when they are names or ARNs.
 */
function conditionalPolicy(roleId: string, index: number, branches: [unknown, unknown, unknown], inline: Props[], managed: unknown[]): boolean {
  const [condition, whenTrue, whenFalse] = branches
  const first = policyBranch(whenTrue)
  const second = policyBranch(whenFalse)
  const kind = first.kind === 'none' ? second.kind : first.kind
  if ((second.kind !== 'none' && second.kind !== kind) || kind === 'none' || kind === 'unknown') return false
  if (kind === 'document') {
    const named = (branch: {kind: string; value: unknown}): unknown => (branch.kind === 'none' ? branch.value : {PolicyName: `${roleId}Policy${index}`, PolicyDocument: branch.value})
    inline.push({'Fn::If': [condition, named(first), named(second)]})
    return true
  }
  const arn = {'Fn::If': [condition, first.value, second.value]}
  if (!managed.some((existing) => JSON.stringify(existing) === JSON.stringify(arn))) managed.push(arn)
  return false
}

/**
 * The execution role SAM generates, with the user's `Policies` turned into inline policies
 * (`{Role}Policy{index}`, policy templates expanded) and managed policy ARNs.
 */
export function samRole(
  expansion: Expansion,
  decl: ResourceDecl,
  roleId: string,
  props: Props,
  globalsSection: string | undefined,
  assumeRolePolicy: unknown,
  managed: unknown[],
  generatedPolicies: GeneratedPolicy[],
): ResourceDecl {
  const inline: Props[] = []
  // For each inline policy of the role, the path of what produced it in the SAM resource.
  const sources: Array<PropPath | undefined> = []
  for (const policy of generatedPolicies) {
    const statements = policy.statements.map((s) => samStatement(s, policy.name))
    inline.push({PolicyName: policy.name, PolicyDocument: policy.unversioned ? {Statement: statements} : {Version: '2012-10-17', Statement: statements}})
    sources.push(policy.source)
  }
  const policies = props.Policies
  const single = typeof policies === 'string' || (isRecord(policies) && ('Statement' in policies || Object.keys(policies).length === 1))
  const entries = single ? [policies] : asArray(policies)
  entries.forEach((entry, index) => {
    const at: PropPath = single ? ['Policies'] : ['Policies', index]
    if (typeof entry === 'string') {
      const arn = managedPolicyArn(entry)
      if (!managed.includes(arn)) managed.push(arn)
      return
    }
    if (!isRecord(entry)) return
    const branches = entry['Fn::If']
    if (Object.keys(entry).length === 1 && Array.isArray(branches) && branches.length === 3) {
      if (conditionalPolicy(roleId, index, branches as [unknown, unknown, unknown], inline, managed)) sources.push(at)
      return
    }
    if ('Statement' in entry) {
      inline.push({PolicyName: `${roleId}Policy${index}`, PolicyDocument: entry})
      sources.push(at)
      return
    }
    const [name, parameters] = Object.entries(entry)[0] ?? []
    if (name === undefined || Object.keys(entry).length !== 1) return
    if (name === 'Ref' || name.startsWith('Fn::')) {
      managed.push(entry)
      return
    }
    const statements = expandPolicyTemplate(name, parameters)
    if (statements) {
      inline.push({PolicyName: `${roleId}Policy${index}`, PolicyDocument: {Statement: statements}})
      sources.push([...at, name])
    }
  })
  const role = generated(
    decl,
    roleId,
    'AWS::IAM::Role',
    {
      AssumeRolePolicyDocument: assumeRolePolicy,
      ManagedPolicyArns: managed,
      Policies: inline.length > 0 ? inline : undefined,
      PermissionsBoundary: props.PermissionsBoundary,
    },
    () => undefined,
  )
  ROLE_POLICY_SOURCES.set(role, sources)
  const base = samLocator(expansion, decl, globalsSection, identity)
  role.locate = (path, scope = 'properties') => {
    if (scope === 'resource') return decl.locate(path, 'resource')
    if (path[0] === 'Policies' && typeof path[1] === 'number') {
      const source = sources[path[1]]
      if (source === undefined) return base(['Policies'])
      const userDocument = source[0] === 'Policies' && inline[path[1]]?.PolicyDocument === get(props, ...(source as Array<string | number>))
      // Statements the user wrote keep their shape below PolicyDocument; expansions point at what produced them.
      if (userDocument && path[2] === 'PolicyDocument') return base([...source, ...path.slice(3)])
      return base(source)
    }
    if (path[0] === 'ManagedPolicyArns') return base(['Policies'])
    if (path[0] === 'AssumeRolePolicyDocument' && props.AssumeRolePolicyDocument !== undefined) return base(path)
    if (path[0] === 'PermissionsBoundary' || path[0] === 'Path') return base(path[0] === 'Path' ? ['RolePath'] : path)
    return decl.locate([])
  }
  return role
}
