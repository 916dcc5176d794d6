// SQS007: queue policies should deny requests that do not use TLS.
import {documentStatements} from '../../model/edges.js'
import {get, literal, literalBoolean} from '../../model/intrinsics.js'
import {parseDocument} from '../iam/policy.js'
import {defineRule} from '../types.js'
import {userName} from './queues.js'

/** A Deny statement conditioned on aws:SecureTransport being false (Bool or BoolIfExists, any key case). */
export function deniesInsecureTransport(statement: Record<string, unknown>): boolean {
  if (literal(statement.Effect) !== 'Deny') return false
  for (const operator of ['Bool', 'BoolIfExists']) {
    const block = get(statement.Condition, operator)
    if (typeof block !== 'object' || block === null) continue
    for (const [key, value] of Object.entries(block)) {
      if (key.toLowerCase() === 'aws:securetransport' && literalBoolean(Array.isArray(value) ? value[0] : value) === false) return true
    }
  }
  return false
}

export default defineRule({
  meta: {
    id: 'SQS007',
    name: 'sqs-queue-policy-without-secure-transport',
    title: 'Queue policy does not require TLS',
    severity: 'info',
    service: 'sqs',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: false,
    practices: ['P-SEC-3'],
    messages: {
      noSecureTransport: 'Queue policy {{policy}} has no Deny statement for aws:SecureTransport false: clients may send and receive messages over plain HTTP.',
    },
    fixable: 'unsafe',
    fixUnsafeReason: 'Requests to the queue over plain HTTP are refused from then on (AWS SDKs always use HTTPS; hand-written clients may not).',
    cdkFix: 'enforceSSL: true',
    equivalents: {'cdk-nag': ['AwsSolutions-SQS4']},
    docs: {
      what: 'Finds `AWS::SQS::QueuePolicy` documents without a `Deny` statement conditioned on `aws:SecureTransport` being `false`. Queues without any policy are not reported.',
      why: 'SQS accepts HTTP as well as HTTPS requests. A deny on insecure transport makes sure no client, library or misconfigured endpoint ever sends messages in clear text.',
      failing:
        'Resources:\n  OrdersPolicy:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n      Queues: [!Ref Orders]\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: {Service: sns.amazonaws.com}\n            Action: sqs:SendMessage\n            Resource: !GetAtt Orders.Arn',
      fixed:
        'Resources:\n  OrdersPolicy:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n      Queues: [!Ref Orders]\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: {Service: sns.amazonaws.com}\n            Action: sqs:SendMessage\n            Resource: !GetAtt Orders.Arn\n          - Effect: Deny\n            Principal: "*"\n            Action: sqs:*\n            Resource: !GetAtt Orders.Arn\n            Condition: {Bool: {aws:SecureTransport: false}}',
      whenNotToUse: 'When every client is an AWS service (they always use TLS) and the team accepts the residual risk.',
      references: ['https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html'],
    },
  },
  check({graph, report}) {
    for (const policy of graph.ofKind('queuePolicy')) {
      const document = parseDocument(policy.props.PolicyDocument)
      if (document === undefined) continue
      if (documentStatements(policy, document, ['PolicyDocument']).some(({statement}) => deniesInsecureTransport(statement))) continue
      report({
        node: policy,
        path: ['PolicyDocument'],
        messageId: 'noSecureTransport',
        data: {policy: userName(policy)},
        fix: 'Add a statement: Effect Deny, Principal "*", Action sqs:*, Resource the queue ARN, Condition Bool aws:SecureTransport false.',
        autofix: (fixer) => {
          const written = fixer.written(policy)
          // The queues are named by Ref (their URL); the statement needs their ARNs.
          const queues = Array.isArray(policy.props.Queues) ? policy.props.Queues.map((queue) => get(queue, 'Ref')) : []
          if (!written || written.sam || queues.length === 0 || queues.some((queue) => typeof queue !== 'string')) return undefined
          const arns = (queues as string[]).map((queue) => fixer.getAtt(queue, 'Arn'))
          const statement = {Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: arns.length === 1 ? arns[0] : arns, Condition: {Bool: {'aws:SecureTransport': false}}}
          return fixer.propose('Deny requests that do not use TLS', [fixer.source.append(['Resources', written.id, 'Properties', 'PolicyDocument', 'Statement'], statement)])
        },
      })
    }
  },
})
