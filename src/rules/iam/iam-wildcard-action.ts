// IAM001: identity policies should name the actions they need, not `*` or `service:*`.
import {defineRule} from '../types.js'
import {elements, holderName, isAllow, isEveryAction, isFullAdminStatement, isWildcardAction, policyName, writtenStatements} from './policy.js'

export default defineRule({
  meta: {
    id: 'IAM001',
    name: 'iam-wildcard-action',
    title: 'IAM policy allows every action of a service',
    severity: 'error',
    service: 'iam',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-SEC-1'],
    messages: {
      wildcardAction: 'Policy {{policy}} of {{holder}} allows action "{{action}}": it grants every current and future action of {{service}}. List the actions the code calls instead.',
    },
    equivalents: {
      'serverless-rules': ['WS1003'],
      'cdk-nag': ['Serverless-LambdaStarPermissions', 'AwsSolutions-IAM5'],
      checkov: ['CKV_AWS_63'],
      cfn_nag: ['F3', 'F4', 'F5'],
    },
    docs: {
      what:
        'Finds `Allow` statements whose `Action` (a string or a list, any case) is `*` or `service:*`, in role inline policies, `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy`, users, groups and the inline statements of SAM `Policies`. `*` on `Resource: "*"` is full administrator access and is reported by IAM003 instead; `NotAction` by IAM005.',
      why: '`sqs:*` lets a function delete or purge queues and change their policies, not only send messages. A bug or a compromised dependency then has the reach of every action of the service, including actions AWS adds later.',
      failing:
        'Resources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs22.x\n      Policies:\n        - Statement:\n            - Effect: Allow\n              Action: sqs:*\n              Resource: !GetAtt Orders.Arn',
      fixed:
        'Resources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs22.x\n      Policies:\n        - SQSSendMessagePolicy:\n            QueueName: !GetAtt Orders.QueueName',
      whenNotToUse: 'Roles of deployment or break-glass tooling that genuinely administer a service; suppress the rule on that role with a reason.',
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
        'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html',
        'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-templates.html',
      ],
      limitations: 'Partial wildcards such as `s3:Get*` are not reported. Actions given by an intrinsic (`!Ref`, `!If`) cannot be read and are skipped.',
    },
  },
  check({graph, report}) {
    for (const ref of writtenStatements(graph)) {
      if (!isAllow(ref.statement)) continue
      // `*` on `*` is full administrator access, reported once by IAM003.
      const fullAdmin = isFullAdminStatement(ref)
      for (const action of elements(ref, 'Action')) {
        if (!isWildcardAction(action.value) || (fullAdmin && isEveryAction(action.value))) continue
        const service = action.value.includes(':') && !action.value.startsWith('*') ? action.value.split(':')[0]!.toLowerCase() : 'every service'
        report({
          node: ref.holder,
          path: action.path,
          messageId: 'wildcardAction',
          data: {action: action.value, holder: holderName(ref.holder), policy: policyName(ref), service},
          fix: `Replace "${action.value}" with the actions the code calls (e.g. sqs:SendMessage), or use a SAM policy template scoped to one resource.`,
        })
      }
    }
  },
})
