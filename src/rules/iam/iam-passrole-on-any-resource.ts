// IAM004: iam:PassRole should name the roles that may be passed, never `*`.
import {defineRule} from '../types.js'
import {actionMatches, elements, holderName, isAllow, isWildcardAction, policyName, starResource, writtenStatements} from './policy.js'

export default defineRule({
  meta: {
    id: 'IAM004',
    name: 'iam-passrole-on-any-resource',
    title: 'IAM policy allows iam:PassRole on every role',
    severity: 'error',
    service: 'iam',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-SEC-1'],
    messages: {
      passRoleOnStar: 'Policy {{policy}} of {{holder}} allows "{{action}}" on Resource "*": it can hand any role of the account, including administrator roles, to a service it creates.',
    },
    equivalents: {cfn_nag: ['F38', 'F39', 'F40']},
    docs: {
      what: 'Finds `Allow` statements whose actions match `iam:PassRole` (`iam:PassRole`, `iam:Pass*`, …) and whose `Resource` contains `"*"`. `*` and `iam:*` are reported by IAM001.',
      why: 'PassRole on `*` is a classic privilege escalation: the holder creates a function, task or state machine with a more powerful role and runs code as that role.',
      failing:
        'Resources:\n  Policy:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: pass\n      Roles: [!Ref WorkerRole]\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: iam:PassRole\n            Resource: "*"',
      fixed:
        'Resources:\n  Policy:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: pass\n      Roles: [!Ref WorkerRole]\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: iam:PassRole\n            Resource: !GetAtt JobRole.Arn\n            Condition:\n              StringEquals:\n                iam:PassedToService: states.amazonaws.com',
      whenNotToUse: 'Never for function roles; for deployment roles, scope PassRole to a role path instead of suppressing.',
      references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege'],
    },
  },
  check({graph, report}) {
    for (const ref of writtenStatements(graph)) {
      if (!isAllow(ref.statement)) continue
      const star = starResource(ref)
      if (!star) continue
      const action = elements(ref, 'Action').find((a) => !isWildcardAction(a.value) && actionMatches(a.value, 'iam:PassRole'))
      if (!action) continue
      report({
        node: ref.holder,
        path: star.path,
        messageId: 'passRoleOnStar',
        data: {action: action.value, holder: holderName(ref.holder), policy: policyName(ref)},
        fix: 'Set Resource to the ARNs of the roles that may be passed and add a Condition on iam:PassedToService.',
      })
    }
  },
})
