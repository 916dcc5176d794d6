// IAM003: no role, user or group should hold full administrator access.
import {asArray} from '../../model/intrinsics.js'
import {defineRule} from '../types.js'
import {elements, holderName, isEveryAction, isFullAdminStatement, managedPolicyArnText, policyHolders, policyName, starResource, writtenStatements} from './policy.js'

const ADMIN_POLICY = /^arn:[^:]+:iam::aws:policy\/AdministratorAccess$/

export default defineRule({
  meta: {
    id: 'IAM003',
    name: 'iam-full-admin',
    title: 'IAM principal has full administrator access',
    severity: 'error',
    service: 'iam',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-SEC-1'],
    messages: {
      starOnStar: 'Policy {{policy}} of {{holder}} allows "{{action}}" on Resource "*": full administrator access to the account.',
      adminPolicy: '{{holder}} has the AWS managed policy AdministratorAccess attached: full administrator access to the account.',
    },
    equivalents: {checkov: ['CKV_AWS_62'], cfn_nag: ['W43']},
    docs: {
      what: 'Finds `Allow` statements with `Action: "*"` on `Resource: "*"` (role inline policies, `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy`, SAM `Policies` statements), and roles, users or groups with the `AdministratorAccess` AWS managed policy attached (SAM: `Policies: AdministratorAccess`).',
      why: 'Administrator access lets whoever controls the code delete every resource, read every secret and create new principals. For a function or state machine it turns any injection bug into an account takeover.',
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs22.x\n      Policies: AdministratorAccess',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs22.x\n      Policies:\n        - DynamoDBCrudPolicy:\n            TableName: !Ref Orders',
      whenNotToUse: 'Deployment roles of a pipeline account that deliberately administer the account; suppress the rule on that role with a reason.',
      references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege', 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html'],
    },
  },
  check({graph, report}) {
    for (const ref of writtenStatements(graph)) {
      if (!isFullAdminStatement(ref)) continue
      const action = elements(ref, 'Action').find((a) => isEveryAction(a.value))!
      report({
        node: ref.holder,
        path: action.path,
        messageId: 'starOnStar',
        data: {action: action.value, holder: holderName(ref.holder), policy: policyName(ref), resource: starResource(ref)?.value ?? '*'},
        fix: 'Replace the statement with the actions and resource ARNs the code needs.',
      })
    }
    for (const holder of policyHolders(graph)) {
      asArray(holder.props.ManagedPolicyArns).forEach((arn, index) => {
        const text = managedPolicyArnText(arn)
        if (text === undefined || !ADMIN_POLICY.test(text)) return
        report({
          node: holder,
          path: ['ManagedPolicyArns', index],
          messageId: 'adminPolicy',
          data: {holder: holderName(holder)},
          fix: 'Remove AdministratorAccess and grant only the actions and resources the code needs (SAM: use policy templates).',
        })
      })
    }
  },
})
