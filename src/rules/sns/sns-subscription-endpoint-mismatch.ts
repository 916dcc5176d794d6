// SNS004: a subscription's endpoint must be the kind of address its protocol delivers to.
import type {ResourceGraph} from '../../model/graph.js'
import {asArray, collectReferences, get, isRecord, literal} from '../../model/intrinsics.js'
import type {GraphNode, PropPath} from '../../model/types.js'
import {userName} from '../sqs/queues.js'
import {defineRule} from '../types.js'

interface Expectation {
  /** What the endpoint should be, for the message. */
  expected: string
  /** A literal endpoint that fits. */
  literal: (endpoint: string) => boolean
  /** Node kinds or CloudFormation types the endpoint may reference, and the attribute that gives the right value (undefined: Ref). */
  targets: Array<{match: (node: GraphNode) => boolean; attribute: string | undefined}>
}

const arnOf = (service: string) => (endpoint: string) => new RegExp(`^arn:[^:]+:${service}:`).test(endpoint)

const EXPECTATIONS: Record<string, Expectation> = {
  sqs: {expected: 'an SQS queue ARN (!GetAtt Queue.Arn)', literal: arnOf('sqs'), targets: [{match: (n) => n.kind === 'queue', attribute: 'Arn'}]},
  lambda: {
    expected: 'a Lambda function ARN (!GetAtt Function.Arn, or an alias or version)',
    literal: arnOf('lambda'),
    targets: [
      {match: (n) => n.kind === 'function', attribute: 'Arn'},
      {match: (n) => n.kind === 'alias' || n.kind === 'version', attribute: undefined},
    ],
  },
  firehose: {expected: 'a Firehose delivery stream ARN', literal: arnOf('firehose'), targets: [{match: (n) => n.type === 'AWS::KinesisFirehose::DeliveryStream', attribute: 'Arn'}]},
  application: {expected: 'an SNS platform application endpoint ARN', literal: (e) => arnOf('sns')(e) && e.includes(':endpoint/'), targets: []},
  http: {expected: 'an http:// URL', literal: (e) => e.startsWith('http://'), targets: []},
  https: {expected: 'an https:// URL', literal: (e) => e.startsWith('https://'), targets: []},
  email: {expected: 'an email address', literal: (e) => /^[^@\s]+@[^@\s]+$/.test(e), targets: []},
  'email-json': {expected: 'an email address', literal: (e) => /^[^@\s]+@[^@\s]+$/.test(e), targets: []},
  sms: {expected: 'a phone number in E.164 form (+14155550100)', literal: (e) => /^\+?[0-9][0-9 ().-]{5,}$/.test(e), targets: []},
}

interface Mismatch {
  actual: string
  endpoint: string
}

/** Describes what an endpoint value is, or undefined when it fits the protocol (or cannot be told). */
function mismatch(graph: ResourceGraph, protocol: string, endpoint: unknown): Mismatch | undefined {
  const expectation = EXPECTATIONS[protocol]
  if (!expectation || endpoint === undefined) return undefined
  if (typeof endpoint === 'string') return expectation.literal(endpoint) ? undefined : {actual: `"${endpoint}"`, endpoint}
  if (!isRecord(endpoint)) return undefined
  const target = graph.resolve(endpoint)
  if (!target) return undefined
  const refs = collectReferences(endpoint).filter((ref) => ref.target === target.id)
  const text = refs[0]?.via === 'Fn::GetAtt' ? `!GetAtt ${target.id}.${refs[0].attribute}` : refs[0]?.via === 'Ref' ? `!Ref ${target.id}` : target.id
  const fit = expectation.targets.find((t) => t.match(target))
  if (!fit) return {actual: `a resource of type ${target.type}`, endpoint: text}
  // Only a bare Ref or GetAtt tells which value the endpoint takes; Sub and Join may build anything.
  if (refs.length !== 1 || (refs[0]!.via !== 'Ref' && refs[0]!.via !== 'Fn::GetAtt') || refs[0]!.path.length > 0) return undefined
  const attribute = refs[0]!.via === 'Ref' ? undefined : refs[0]!.attribute
  if (attribute === fit.attribute) return undefined
  const what = attribute === undefined ? (target.kind === 'queue' ? 'the queue URL' : target.kind === 'function' ? 'the function name' : 'its Ref value') : `its ${attribute}`
  return {actual: what, endpoint: text}
}

export default defineRule({
  meta: {
    id: 'SNS004',
    name: 'sns-subscription-endpoint-mismatch',
    title: 'SNS subscription endpoint does not match its protocol',
    severity: 'error',
    service: 'sns',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-ERR-6'],
    messages: {
      mismatch: 'Subscription {{subscription}} has protocol {{protocol}} but its endpoint {{endpoint}} is {{actual}}; expected {{expected}}.',
    },
    equivalents: {'cfn-lint': ['W3694']},
    docs: {
      what: 'Checks the `Endpoint` of `AWS::SNS::Subscription` resources and inline topic subscriptions against the `Protocol`: `sqs` needs a queue ARN (`!GetAtt Q.Arn`, not `!Ref Q`, which is the URL), `lambda` a function ARN (not `!Ref Fn`, the name), `http`/`https` a URL of that scheme, `email` an address, `sms` a phone number, `firehose` and `application` their ARNs.',
      why: 'SNS rejects most mismatches at deployment; those it accepts never deliver. `!Ref Queue` for an `sqs` subscription is the most common case: the URL is not an ARN.',
      failing:
        'Resources:\n  Sub:\n    Type: AWS::SNS::Subscription\n    Properties:\n      TopicArn: !Ref Orders\n      Protocol: sqs\n      Endpoint: !Ref Billing\n  Orders:\n    Type: AWS::SNS::Topic\n  Billing:\n    Type: AWS::SQS::Queue',
      fixed:
        'Resources:\n  Sub:\n    Type: AWS::SNS::Subscription\n    Properties:\n      TopicArn: !Ref Orders\n      Protocol: sqs\n      Endpoint: !GetAtt Billing.Arn\n  Orders:\n    Type: AWS::SNS::Topic\n  Billing:\n    Type: AWS::SQS::Queue',
      whenNotToUse: 'Never.',
      references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sns-subscription.html', 'https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html'],
      limitations: 'Endpoints from parameters, imports or `!Sub`/`!Join` built strings are only checked for the kind of resource they name.',
    },
  },
  check({graph, report}) {
    const check = (node: GraphNode, protocolValue: unknown, endpoint: unknown, path: PropPath): void => {
      const protocol = literal(protocolValue)
      if (typeof protocol !== 'string') return
      const found = mismatch(graph, protocol.toLowerCase(), endpoint)
      if (!found) return
      const expected = EXPECTATIONS[protocol.toLowerCase()]!.expected
      report({
        node,
        path,
        messageId: 'mismatch',
        data: {subscription: userName(node), protocol, endpoint: found.endpoint, actual: found.actual, expected},
        fix: `Set Endpoint to ${expected}.`,
      })
    }
    for (const subscription of graph.ofKind('subscription')) check(subscription, subscription.props.Protocol, subscription.props.Endpoint, ['Endpoint'])
    for (const topic of graph.ofKind('topic')) {
      asArray(topic.props.Subscription).forEach((entry, index) => check(topic, get(entry, 'Protocol'), get(entry, 'Endpoint'), ['Subscription', index, 'Endpoint']))
    }
  },
})
