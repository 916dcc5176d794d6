// SQS008: queue policies should not let anyone, or any action, in.
import {documentStatements} from '../../model/edges.js'
import {elements, hasPrincipalScopingCondition, isAllow, isWildcardAction, parseDocument, wildcardPrincipals} from '../iam/policy.js'
import {defineRule} from '../types.js'
import {userName} from './queues.js'

export default defineRule({
  meta: {
    id: 'SQS008',
    name: 'sqs-queue-policy-wildcard',
    title: 'Queue policy allows any principal or any action',
    severity: 'error',
    service: 'sqs',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-SEC-1', 'P-SEC-5'],
    messages: {
      wildcardPrincipal: 'Queue policy {{policy}} allows principal "*" without a condition on the caller\'s source, account or organisation: anyone with AWS credentials may use the queue.',
      wildcardAction: 'Queue policy {{policy}} allows action "{{action}}": the principals can also delete, purge and reconfigure the queue.',
    },
    equivalents: {cfn_nag: ['F20', 'F21']},
    docs: {
      what: 'Finds `Allow` statements of `AWS::SQS::QueuePolicy` whose `Principal` is `"*"` (or `{AWS: "*"}`) with no condition on `aws:SourceArn`, `aws:SourceAccount`, `aws:PrincipalOrgID` or the like, and statements allowing `*` or `sqs:*`.',
      why: 'A queue open to `*` accepts messages from, and hands them to, any AWS account. `sqs:*` also grants `DeleteQueue`, `PurgeQueue` and `SetQueueAttributes` to whoever only needed to send.',
      failing:
        'Resources:\n  OrdersPolicy:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n      Queues: [!Ref Orders]\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: "*"\n            Action: sqs:SendMessage\n            Resource: !GetAtt Orders.Arn',
      fixed:
        'Resources:\n  OrdersPolicy:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n      Queues: [!Ref Orders]\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: {Service: sns.amazonaws.com}\n            Action: sqs:SendMessage\n            Resource: !GetAtt Orders.Arn\n            Condition: {ArnEquals: {aws:SourceArn: !Ref OrdersTopic}}',
      whenNotToUse: 'Never for a wildcard action; a public queue open to `*` is almost never intended.',
      references: [
        'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
      ],
    },
  },
  check({graph, report}) {
    for (const policy of graph.ofKind('queuePolicy')) {
      for (const ref of documentStatements(policy, parseDocument(policy.props.PolicyDocument), ['PolicyDocument'])) {
        if (!isAllow(ref.statement)) continue
        if (!hasPrincipalScopingCondition(ref.statement)) {
          for (const path of wildcardPrincipals(ref)) {
            report({
              node: policy,
              path,
              messageId: 'wildcardPrincipal',
              data: {policy: userName(policy)},
              fix: 'Name the principal (e.g. {Service: sns.amazonaws.com}) and add a Condition on aws:SourceArn or aws:SourceAccount.',
            })
          }
        }
        for (const action of elements(ref, 'Action')) {
          if (!isWildcardAction(action.value)) continue
          report({node: policy, path: action.path, messageId: 'wildcardAction', data: {policy: userName(policy), action: action.value}, fix: 'List the actions the principal needs, e.g. sqs:SendMessage.'})
        }
      }
    }
  },
})
