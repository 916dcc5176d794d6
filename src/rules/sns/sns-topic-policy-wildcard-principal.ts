// SNS003: topic policies should name who may publish or subscribe, never everyone.
import {documentStatements} from '../../model/edges.js'
import {hasPrincipalScopingCondition, isAllow, parseDocument, wildcardPrincipals} from '../iam/policy.js'
import {userName} from '../sqs/queues.js'
import {defineRule} from '../types.js'

export default defineRule({
  meta: {
    id: 'SNS003',
    name: 'sns-topic-policy-wildcard-principal',
    title: 'Topic policy allows any principal',
    severity: 'error',
    service: 'sns',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-SEC-1', 'P-SEC-5'],
    messages: {
      wildcardPrincipal: 'Topic policy {{policy}} allows principal "*" without a condition on the caller\'s source, account or organisation: anyone with AWS credentials may use the topic.',
    },
    equivalents: {cfn_nag: ['F18']},
    docs: {
      what: 'Finds `Allow` statements of `AWS::SNS::TopicPolicy` whose `Principal` is `"*"` (or `{AWS: "*"}`) with no condition on `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOwner`, `aws:PrincipalOrgID` or the like.',
      why: 'A topic open to `*` lets any AWS account publish forged events to every subscriber, or subscribe its own endpoint and receive every message.',
      failing:
        'Resources:\n  OrdersPolicy:\n    Type: AWS::SNS::TopicPolicy\n    Properties:\n      Topics: [!Ref Orders]\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: "*"\n            Action: sns:Publish\n            Resource: !Ref Orders',
      fixed:
        'Resources:\n  OrdersPolicy:\n    Type: AWS::SNS::TopicPolicy\n    Properties:\n      Topics: [!Ref Orders]\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: {Service: events.amazonaws.com}\n            Action: sns:Publish\n            Resource: !Ref Orders\n            Condition: {ArnEquals: {aws:SourceArn: !GetAtt OrdersRule.Arn}}',
      whenNotToUse: 'Public topics that deliberately accept subscriptions from anyone (public data feeds); suppress with a reason.',
      references: ['https://docs.aws.amazon.com/sns/latest/dg/sns-security-best-practices.html', 'https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html'],
    },
  },
  check({graph, report}) {
    for (const policy of graph.ofKind('topicPolicy')) {
      for (const ref of documentStatements(policy, parseDocument(policy.props.PolicyDocument), ['PolicyDocument'])) {
        if (!isAllow(ref.statement) || hasPrincipalScopingCondition(ref.statement)) continue
        for (const path of wildcardPrincipals(ref)) {
          report({
            node: policy,
            path,
            messageId: 'wildcardPrincipal',
            data: {policy: userName(policy)},
            fix: 'Name the principal (e.g. {Service: events.amazonaws.com}) and add a Condition on aws:SourceArn or aws:SourceAccount.',
          })
        }
      }
    }
  },
})
