// EVB003: an event bus should not accept events from every AWS account.
import {documentStatements} from '../../model/edges.js'
import {literal} from '../../model/intrinsics.js'
import type {GraphNode, PropPath} from '../../model/types.js'
import {hasPrincipalScopingCondition, isAllow, parseDocument, wildcardPrincipals} from '../iam/policy.js'
import {userName} from '../sqs/queues.js'
import {defineRule} from '../types.js'

export default defineRule({
  meta: {
    id: 'EVB003',
    name: 'eventbridge-bus-policy-open',
    title: 'Event bus policy open to every account',
    severity: 'error',
    service: 'eventbridge',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-SEC-5'],
    messages: {
      open: 'Event bus policy {{policy}} allows principal "*" without a condition on the caller\'s account or organisation: any AWS account can put events on the bus.',
    },
    equivalents: {'cdk-nag': ['AwsSolutions-EVB1']},
    docs: {
      what: 'Finds `AWS::Events::EventBusPolicy` resources that allow principal `*` — with the legacy `Principal: "*"` property and no `Condition`, or with a `Statement` whose principal is `*` and that has no condition on `aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:SourceAccount` or the like — and `AWS::Events::EventBus` `Policy` documents doing the same.',
      why: 'Rules on the bus trust the events they match. A bus open to `*` lets any account inject events that trigger payments, provisioning or deletion downstream.',
      failing: 'Resources:\n  OpenBus:\n    Type: AWS::Events::EventBusPolicy\n    Properties:\n      EventBusName: !Ref Bus\n      StatementId: all\n      Action: events:PutEvents\n      Principal: "*"',
      fixed:
        'Resources:\n  OrgBus:\n    Type: AWS::Events::EventBusPolicy\n    Properties:\n      EventBusName: !Ref Bus\n      StatementId: org\n      Action: events:PutEvents\n      Principal: "*"\n      Condition:\n        Type: StringEquals\n        Key: aws:PrincipalOrgID\n        Value: o-abc123',
      whenNotToUse: 'Never; list the accounts or use the organisation condition.',
      references: [
        'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus-perms.html',
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-events-eventbuspolicy.html',
      ],
    },
  },
  check({graph, report}) {
    const open = (node: GraphNode, path: PropPath): void => {
      report({node, path, messageId: 'open', data: {policy: userName(node)}, fix: 'Name the accounts allowed to put events, or add a condition on aws:PrincipalOrgID.'})
    }
    for (const policy of graph.ofKind('busPolicy')) {
      if (literal(policy.props.Principal) === '*' && policy.props.Condition === undefined) open(policy, ['Principal'])
      const statement = parseDocument(policy.props.Statement)
      if (statement !== undefined) {
        for (const ref of documentStatements(policy, {Statement: statement}, [])) {
          if (!isAllow(ref.statement) || hasPrincipalScopingCondition(ref.statement)) continue
          for (const where of wildcardPrincipals(ref)) open(policy, where)
        }
      }
    }
    for (const bus of graph.ofKind('bus')) {
      for (const ref of documentStatements(bus, parseDocument(bus.props.Policy), ['Policy'])) {
        if (!isAllow(ref.statement) || hasPrincipalScopingCondition(ref.statement)) continue
        for (const where of wildcardPrincipals(ref)) open(bus, where)
      }
    }
  },
})
