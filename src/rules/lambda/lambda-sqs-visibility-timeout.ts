// LMB011: an SQS queue must hide a message long enough for its consumer to finish, with room for retries.
import {literal, literalBoolean, literalNumber} from '../../model/intrinsics.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {functionTimeout, mappingSource, resolveFunction} from './queries.js'

export default defineRule({
  meta: {
    id: 'LMB011',
    name: 'lambda-sqs-visibility-timeout',
    title: 'SQS visibility timeout below six times the consumer function timeout',
    severity: 'warning',
    service: 'lambda',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-ERR-7'],
    messages: {
      belowTimeout:
        'Queue {{queue}} visibility timeout ({{visibility}} s) is less than the timeout of its consumer {{function}} ({{timeout}} s): messages reappear while still being processed and are processed twice.',
      belowSixTimes:
        'Queue {{queue}} visibility timeout ({{visibility}} s) is less than 6 × the timeout of its consumer {{function}} ({{timeout}} s) + batching window ({{window}} s) = {{required}} s: throttled retries can make messages reappear and reach the dead-letter queue early.',
    },
    fixable: 'unsafe',
    fixUnsafeReason: 'A longer visibility timeout delays the retry of a message whose consumer crashed by as much.',
    cdkFix: 'visibilityTimeout: cdk.Duration.seconds(6 * timeout)',
    equivalents: {'cfn-lint': ['E3505']},
    docs: {
      what: "For every event source mapping from an SQS queue to a function, compares the queue's `VisibilityTimeout` (default 30 s) with the function's `Timeout` (default 3 s) and the mapping's `MaximumBatchingWindowInSeconds` (default 0). AWS recommends at least six times the function timeout plus the batching window.",
      why: "While a batch is being processed its messages are hidden for the visibility timeout. If that is shorter than the processing (including Lambda's own retries when the function is throttled), the messages become visible again and are received a second time: duplicate side effects, and receive counts that push good messages to the dead-letter queue.",
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 30\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Timeout: 25\n      Events:\n        Orders:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Orders.Arn',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 150\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Timeout: 25\n      Events:\n        Orders:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Orders.Arn',
      whenNotToUse: "Never for the 1× case; the 6× margin may be relaxed for functions that are never throttled (reserved concurrency well above the queue's needs).",
      references: ['https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html', 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html'],
    },
  },
  check({graph, report}) {
    for (const mapping of graph.ofKind('eventSourceMapping')) {
      const source = mappingSource(graph, mapping)
      if (source?.kind !== 'sqs' || !source.node) continue
      if (literalBoolean(mapping.props.Enabled) === false) continue
      const queue = source.node
      const fn = resolveFunction(graph, mapping.props.FunctionName)
      if (!fn) continue
      const visibility = queue.props.VisibilityTimeout === undefined ? 30 : literalNumber(queue.props.VisibilityTimeout)
      const timeout = functionTimeout(fn)
      const window = mapping.props.MaximumBatchingWindowInSeconds === undefined ? 0 : literalNumber(mapping.props.MaximumBatchingWindowInSeconds)
      if (visibility === undefined || timeout === undefined || window === undefined) continue
      const required = 6 * timeout + window
      if (visibility >= required) continue
      report({
        node: queue,
        path: queue.props.VisibilityTimeout === undefined ? [] : ['VisibilityTimeout'],
        messageId: visibility < timeout ? 'belowTimeout' : 'belowSixTimes',
        data: {queue: displayName(queue), visibility, function: displayName(fn), timeout, window, required},
        autofix: (fixer) => fixer.propose(`Set VisibilityTimeout to ${required} seconds`, [fixer.setProperty(queue, ['VisibilityTimeout'], required)]),
        fix: `Set VisibilityTimeout on queue ${displayName(queue)} to at least ${required} seconds (or lower the function Timeout${literal(fn.props.Timeout) === undefined ? '' : ` from ${timeout}`}).`,
      })
    }
  },
})
