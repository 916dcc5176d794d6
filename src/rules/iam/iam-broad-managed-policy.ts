// IAM007: function roles should not get AWS managed *FullAccess policies.
import {asArray} from '../../model/intrinsics.js'
import {SAM_MANAGED_POLICIES} from '../../model/sam/index.js'
import {defineRule} from '../types.js'
import {holderName, isFunctionRole, managedPolicyArnText} from './policy.js'

const BROAD_POLICY = /^arn:[^:]+:iam::aws:policy\/(?:.*\/)?([\w+=,.@-]*FullAccess[\w+=,.@-]*|PowerUserAccess)$/
const SAM_ATTACHED = new Set<string>(Object.values(SAM_MANAGED_POLICIES))

export default defineRule({
  meta: {
    id: 'IAM007',
    name: 'iam-broad-managed-policy',
    title: 'Function role has a broad AWS managed policy',
    severity: 'warning',
    service: 'iam',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-SEC-1'],
    messages: {
      broadPolicy: "Role {{holder}} of a Lambda function has the AWS managed policy {{policy}}: full access to every resource of the service, not only the function's own.",
    },
    equivalents: {'cdk-nag': ['AwsSolutions-IAM4'], cfn_nag: ['W44']},
    docs: {
      what: "Finds roles assumed by Lambda functions (by a function in the template, or trusting `lambda.amazonaws.com`) that have an AWS managed `*FullAccess` policy (or `PowerUserAccess`) in `ManagedPolicyArns` — including SAM `Policies: AmazonDynamoDBFullAccess`. The execution policies SAM attaches by itself (basic execution, X-Ray, queue and stream pollers) are not reported. `AdministratorAccess` is IAM003's.",
      why: "`AmazonSQSFullAccess` lets a function that only sends to one queue delete and purge every queue in the account. Policy templates or inline statements scoped to the function's resources give the same capability without the blast radius.",
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs22.x\n      Policies:\n        - AmazonDynamoDBFullAccess',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs22.x\n      Policies:\n        - DynamoDBCrudPolicy:\n            TableName: !Ref Orders',
      whenNotToUse: 'Prototypes that are never deployed to a shared account.',
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies',
        'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-templates.html',
      ],
    },
  },
  check({graph, report}) {
    for (const role of graph.ofKind('role')) {
      const arns = asArray(role.props.ManagedPolicyArns)
      const broad = arns.map((arn, index) => ({text: managedPolicyArnText(arn), index})).filter(({text}) => text !== undefined && !SAM_ATTACHED.has(text) && BROAD_POLICY.test(text))
      if (broad.length === 0 || !isFunctionRole(graph, role)) continue
      for (const {text, index} of broad) {
        const name = text!.split('/').pop()!
        report({
          node: role,
          path: ['ManagedPolicyArns', index],
          messageId: 'broadPolicy',
          data: {holder: holderName(role), policy: name},
          fix: `Replace ${name} with a SAM policy template or an inline statement naming the actions and ARNs the function uses.`,
        })
      }
    }
  },
})
