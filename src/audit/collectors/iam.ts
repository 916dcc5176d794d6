// IAM: the roles functions and state machines run as, with inline and attached policies (URL-decoded), in AWS::IAM::Role's shape.
import {
  GetAccountAuthorizationDetailsCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  type ManagedPolicyDetail,
  type RoleDetail,
} from '@aws-sdk/client-iam'

import {dropUndefined, parsePolicyDocument} from '../collection.js'
import {allPages, perResource, type RegionContext} from '../context.js'
import {isAccessDenied, isNotFound} from '../errors.js'

/**
 * Above this many roles, one paginated GetAccountAuthorizationDetails (about 100 roles with all their
 * policies per page) costs fewer calls than three or more calls per role.
 */
export const ROLE_DETAIL_THRESHOLD = 20

interface RoleFacts {
  arn: string
  name: string
  path?: string
  description?: string
  maxSessionDuration?: number
  permissionsBoundary?: string
  trust?: string
  inline: Array<{name: string; document?: string}>
  attached: string[]
}

/** Collects the given roles; IAM is global, so calls go through `context.apiRegion`. */
export async function collectIam(context: RegionContext, roleArns: Set<string>): Promise<{roles: number; policies: number}> {
  if (roleArns.size === 0) return {roles: 0, policies: 0}
  let facts: RoleFacts[] | undefined
  let customerPolicies = new Map<string, {name: string; document?: string}>()
  if (roleArns.size > ROLE_DETAIL_THRESHOLD) {
    try {
      const details = await authorizationDetails(context)
      facts = details.roles.filter((role) => roleArns.has(role.Arn!)).map(roleFactsOfDetail)
      customerPolicies = details.policies
    } catch (error) {
      // Some organisations deny this one call; the per-role calls below need only role-level reads.
      if (!isAccessDenied(error)) throw error
    }
  }
  if (!facts) {
    facts = await rolesOneByOne(context, [...roleArns])
    customerPolicies = await customerManagedPolicies(context, facts)
  }
  const {accountId, collection} = context
  const usedPolicies = new Set<string>()
  for (const role of facts) {
    for (const arn of role.attached) if (customerPolicies.has(arn)) usedPolicies.add(arn)
    collection.add({
      arn: role.arn,
      type: 'AWS::IAM::Role',
      props: dropUndefined({
        RoleName: role.name,
        Path: role.path,
        Description: role.description || undefined,
        MaxSessionDuration: role.maxSessionDuration,
        PermissionsBoundary: role.permissionsBoundary,
        AssumeRolePolicyDocument: parsePolicyDocument(role.trust),
        Policies: role.inline.length > 0 ? role.inline.map((policy) => ({PolicyName: policy.name, PolicyDocument: parsePolicyDocument(policy.document)})) : undefined,
        ManagedPolicyArns: role.attached.length > 0 ? role.attached : undefined,
      }),
      region: 'global',
      accountId,
      names: [role.name],
      physicalIds: [role.name],
    })
  }
  for (const arn of usedPolicies) {
    const policy = customerPolicies.get(arn)!
    const roles = facts.filter((role) => role.attached.includes(arn)).map((role) => role.arn)
    collection.add({
      arn,
      type: 'AWS::IAM::ManagedPolicy',
      // Roles holds ARNs rather than names: IAM names are global and may clash with other resources' names.
      props: dropUndefined({ManagedPolicyName: policy.name, PolicyDocument: parsePolicyDocument(policy.document), Roles: roles}),
      region: 'global',
      accountId,
      physicalIds: [arn],
    })
  }
  return {roles: facts.length, policies: usedPolicies.size}
}

async function authorizationDetails(context: RegionContext): Promise<{roles: RoleDetail[]; policies: Map<string, {name: string; document?: string}>}> {
  const client = context.clients.get('iam', context.apiRegion ?? context.region)
  const pages = await allPages(
    (Marker) => client.send(new GetAccountAuthorizationDetailsCommand({Filter: ['Role', 'LocalManagedPolicy'], Marker, MaxItems: 1000})),
    (page) => (page.IsTruncated ? page.Marker : undefined),
  )
  const policies = new Map<string, {name: string; document?: string}>()
  for (const policy of pages.flatMap((page) => page.Policies ?? [])) {
    if (policy.Arn) policies.set(policy.Arn, {name: policy.PolicyName ?? policy.Arn, document: defaultVersion(policy)})
  }
  return {roles: pages.flatMap((page) => page.RoleDetailList ?? []).filter((role) => role.Arn && role.RoleName), policies}
}

function defaultVersion(policy: ManagedPolicyDetail): string | undefined {
  return (policy.PolicyVersionList ?? []).find((version) => version.IsDefaultVersion)?.Document
}

function roleFactsOfDetail(role: RoleDetail): RoleFacts {
  return {
    arn: role.Arn!,
    name: role.RoleName!,
    path: role.Path,
    permissionsBoundary: role.PermissionsBoundary?.PermissionsBoundaryArn,
    trust: role.AssumeRolePolicyDocument,
    inline: (role.RolePolicyList ?? []).map((policy) => ({name: policy.PolicyName ?? '', document: policy.PolicyDocument})),
    attached: (role.AttachedManagedPolicies ?? []).flatMap((policy) => (policy.PolicyArn ? [policy.PolicyArn] : [])),
  }
}

async function rolesOneByOne(context: RegionContext, arns: string[]): Promise<RoleFacts[]> {
  const client = context.clients.get('iam', context.apiRegion ?? context.region)
  const found = await Promise.all(
    arns.map(async (arn): Promise<RoleFacts | undefined> => {
      const name = arn.split('/').pop()!
      const role = await perResource(context, 'iam', 'GetRole', () => missingAsUndefined(() => client.send(new GetRoleCommand({RoleName: name}))))
      if (!role?.Role) return undefined
      const [inlineNames, attached] = await Promise.all([
        perResource(context, 'iam', 'ListRolePolicies', () =>
          allPages(
            (Marker) => client.send(new ListRolePoliciesCommand({RoleName: name, Marker})),
            (page) => (page.IsTruncated ? page.Marker : undefined),
          ).then((pages) => pages.flatMap((page) => page.PolicyNames ?? [])),
        ),
        perResource(context, 'iam', 'ListAttachedRolePolicies', () =>
          allPages(
            (Marker) => client.send(new ListAttachedRolePoliciesCommand({RoleName: name, Marker})),
            (page) => (page.IsTruncated ? page.Marker : undefined),
          ).then((pages) => pages.flatMap((page) => page.AttachedPolicies ?? []).flatMap((policy) => (policy.PolicyArn ? [policy.PolicyArn] : []))),
        ),
      ])
      // A role whose policies cannot be read would look harmless: leave it out rather than guess.
      if (inlineNames === undefined || attached === undefined) return undefined
      const inline = await Promise.all(
        inlineNames.map(async (policyName) => {
          const policy = await perResource(context, 'iam', 'GetRolePolicy', () => client.send(new GetRolePolicyCommand({RoleName: name, PolicyName: policyName})))
          return {name: policyName, document: policy?.PolicyDocument}
        }),
      )
      return {
        arn: role.Role.Arn ?? arn,
        name: role.Role.RoleName ?? name,
        path: role.Role.Path,
        description: role.Role.Description,
        maxSessionDuration: role.Role.MaxSessionDuration,
        permissionsBoundary: role.Role.PermissionsBoundary?.PermissionsBoundaryArn,
        trust: role.Role.AssumeRolePolicyDocument,
        inline,
        attached,
      }
    }),
  )
  return found.filter((role): role is RoleFacts => role !== undefined)
}

/** Documents of the customer-managed policies attached to the roles; AWS-managed ones are judged by their ARN, as in templates. */
async function customerManagedPolicies(context: RegionContext, roles: RoleFacts[]): Promise<Map<string, {name: string; document?: string}>> {
  const client = context.clients.get('iam', context.apiRegion ?? context.region)
  const arns = [...new Set(roles.flatMap((role) => role.attached))].filter((arn) => !arn.includes(':iam::aws:policy/'))
  const policies = new Map<string, {name: string; document?: string}>()
  await Promise.all(
    arns.map(async (arn) => {
      const policy = await perResource(context, 'iam', 'GetPolicy', () => missingAsUndefined(() => client.send(new GetPolicyCommand({PolicyArn: arn}))))
      const versionId = policy?.Policy?.DefaultVersionId
      if (!versionId) return
      const version = await perResource(context, 'iam', 'GetPolicyVersion', () => client.send(new GetPolicyVersionCommand({PolicyArn: arn, VersionId: versionId})))
      if (version?.PolicyVersion?.Document) policies.set(arn, {name: policy.Policy?.PolicyName ?? arn, document: version.PolicyVersion.Document})
    }),
  )
  return policies
}

async function missingAsUndefined<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call()
  } catch (error) {
    if (isNotFound(error)) return undefined
    throw error
  }
}
