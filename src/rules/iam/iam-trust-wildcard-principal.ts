// IAM006: a role's trust policy should name who may assume it, never `*`.
import {defineRule} from '../types.js'
import {hasPrincipalScopingCondition, holderName, isAllow, trustStatements, wildcardPrincipals} from './policy.js'

export default defineRule({
  meta: {
    id: 'IAM006',
    name: 'iam-trust-wildcard-principal',
    title: 'IAM role can be assumed by any principal',
    severity: 'error',
    service: 'iam',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-SEC-1'],
    messages: {
      wildcardPrincipal: 'The trust policy of role {{holder}} allows principal "*" without a condition on the caller\'s account, organisation or ARN: anyone with AWS credentials may assume it.',
    },
    equivalents: {checkov: ['CKV_AWS_60', 'CKV_AWS_61'], cfn_nag: ['F2']},
    docs: {
      what: 'Finds `Allow` statements of a role\'s `AssumeRolePolicyDocument` whose `Principal` is `"*"` or `{AWS: "*"}` and that have no condition restricting the caller (`aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:SourceAccount`, `aws:SourceArn`…). Live roles are read from their decoded trust policy.',
      why: 'A wildcard principal lets every AWS account — not only yours — call sts:AssumeRole on the role and act with its permissions.',
      failing:
        'Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: {AWS: "*"}\n            Action: sts:AssumeRole',
      fixed:
        'Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: {Service: lambda.amazonaws.com}\n            Action: sts:AssumeRole',
      whenNotToUse: 'Never; to let several accounts in, list them or use aws:PrincipalOrgID, which this rule accepts.',
      references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user.html'],
      limitations: '`sts:ExternalId` alone is not taken as a restriction: it is a shared secret, not an identity.',
    },
  },
  check({graph, report}) {
    for (const ref of trustStatements(graph)) {
      if (!isAllow(ref.statement) || hasPrincipalScopingCondition(ref.statement)) continue
      for (const path of wildcardPrincipals(ref)) {
        report({
          node: ref.holder,
          path,
          messageId: 'wildcardPrincipal',
          data: {holder: holderName(ref.holder)},
          fix: 'Set Principal to the service (e.g. {Service: lambda.amazonaws.com}) or the account and role ARNs that assume this role, or add a Condition on aws:PrincipalOrgID.',
        })
      }
    }
  },
})
