// IAM005: Allow statements should list what they grant, not everything except a list (NotAction, NotResource, NotPrincipal).
import {defineRule} from '../types.js'
import {holderName, isAllow, policyName, trustStatements, writtenStatements} from './policy.js'

export default defineRule({
  meta: {
    id: 'IAM005',
    name: 'iam-allow-with-not-element',
    title: 'IAM Allow statement uses NotAction, NotResource or NotPrincipal',
    severity: 'error',
    service: 'iam',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-SEC-1'],
    messages: {
      notAction: 'Policy {{policy}} of {{holder}} allows NotAction: every action except the ones listed, including actions AWS adds later.',
      notResource: 'Policy {{policy}} of {{holder}} allows on NotResource: every resource except the ones listed.',
      notPrincipal: 'The trust policy of {{holder}} allows NotPrincipal: every principal except the ones listed may assume the role.',
    },
    equivalents: {cfn_nag: ['W14', 'W15', 'W16', 'W17', 'W18', 'W19', 'W20', 'W21', 'W22', 'W23', 'F6']},
    docs: {
      what: 'Finds `Effect: Allow` statements with `NotAction` or `NotResource` in identity policies (role inline policies, `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy`, SAM `Policies` statements), and `Allow` with `NotPrincipal` in role trust policies.',
      why: 'Allow with a Not element is a deny-list: it grants everything not named, so it grows silently as AWS adds services and actions. It is almost never what a function or state machine needs.',
      failing:
        'Resources:\n  Policy:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            NotAction: iam:*\n            Resource: "*"',
      fixed:
        'Resources:\n  Policy:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: [dynamodb:GetItem, dynamodb:PutItem]\n            Resource: !GetAtt Orders.Arn',
      whenNotToUse: '`NotAction`/`NotResource` with `Deny` is a legitimate guard rail and is not reported.',
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html',
      ],
    },
  },
  check({graph, report}) {
    for (const ref of writtenStatements(graph)) {
      if (!isAllow(ref.statement)) continue
      for (const [key, messageId] of [
        ['NotAction', 'notAction'],
        ['NotResource', 'notResource'],
      ] as const) {
        if (ref.statement[key] === undefined) continue
        report({
          node: ref.holder,
          path: [...ref.path, key],
          messageId,
          data: {holder: holderName(ref.holder), policy: policyName(ref)},
          fix: `Replace ${key} with ${key.slice(3)} listing exactly what the code needs.`,
        })
      }
    }
    for (const ref of trustStatements(graph)) {
      if (!isAllow(ref.statement) || ref.statement.NotPrincipal === undefined) continue
      report({
        node: ref.holder,
        path: [...ref.path, 'NotPrincipal'],
        messageId: 'notPrincipal',
        data: {holder: holderName(ref.holder)},
        fix: 'Replace NotPrincipal with Principal naming the services or roles that assume this role.',
      })
    }
  },
})
