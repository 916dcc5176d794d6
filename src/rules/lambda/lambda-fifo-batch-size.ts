// LMB012: SQS batch settings Lambda rejects: more than 10 messages per batch from a FIFO queue, or from a standard queue without a batching window.
import {literal, literalBoolean, literalNumber, textOf} from '../../model/intrinsics.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {mappingSource} from './queries.js'

/** True when the queue is FIFO: FifoQueue true, or a name or ARN ending in .fifo. */
function isFifo(queue: unknown, props: Record<string, unknown> | undefined): boolean {
  if (props && literalBoolean(props.FifoQueue) === true) return true
  const name = props ? literal(props.QueueName) : undefined
  if (typeof name === 'string' && name.endsWith('.fifo')) return true
  return typeof queue === 'string' && queue.endsWith('.fifo')
}

export default defineRule({
  meta: {
    id: 'LMB012',
    name: 'lambda-fifo-batch-size',
    title: 'SQS queue mapping with a batch size Lambda rejects',
    severity: 'error',
    service: 'lambda',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-ERR-3'],
    messages: {
      tooLarge: 'Event source mapping {{mapping}} reads FIFO queue {{queue}} with BatchSize {{batchSize}}; FIFO queues allow at most 10 and the deployment fails.',
      noBatchingWindow:
        'Event source mapping {{mapping}} reads queue {{queue}} with BatchSize {{batchSize}} and {{window}}; above 10 messages Lambda requires a MaximumBatchingWindowInSeconds of at least 1 and the deployment fails.',
    },
    equivalents: {'cfn-lint': ['E3705']},
    docs: {
      what: 'Finds event source mappings (SAM: `SQS` events) from a FIFO SQS queue (`FifoQueue: true`, or a queue name or ARN ending in `.fifo`) with `BatchSize` greater than 10, and from a standard queue with `BatchSize` greater than 10 but no `MaximumBatchingWindowInSeconds` of at least 1.',
      why: 'Lambda rejects such a mapping, so the stack fails to deploy, usually late in a pipeline.',
      failing:
        'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      FifoQueue: true\n  Mapping:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      EventSourceArn: !GetAtt Orders.Arn\n      FunctionName: !Ref Worker\n      BatchSize: 100',
      fixed:
        'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      FifoQueue: true\n  Mapping:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      EventSourceArn: !GetAtt Orders.Arn\n      FunctionName: !Ref Worker\n      BatchSize: 10',
      whenNotToUse: 'Never; the setting cannot deploy.',
      references: [
        'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html',
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html',
      ],
    },
  },
  check({graph, report}) {
    for (const mapping of graph.ofKind('eventSourceMapping')) {
      const source = mappingSource(graph, mapping)
      if (source?.kind !== 'sqs') continue
      const batchSize = literalNumber(mapping.props.BatchSize)
      if (batchSize === undefined || batchSize <= 10) continue
      if (!isFifo(mapping.props.EventSourceArn, source.node?.props)) {
        // "When you set BatchSize to a value greater than 10, you must set MaximumBatchingWindowInSeconds to at least 1" (the resource specification).
        const written = mapping.props.MaximumBatchingWindowInSeconds
        const window = literalNumber(written)
        if (written !== undefined && (window === undefined || window >= 1)) continue
        report({
          node: mapping,
          path: written === undefined ? ['BatchSize'] : ['MaximumBatchingWindowInSeconds'],
          messageId: 'noBatchingWindow',
          data: {
            mapping: displayName(mapping),
            queue: source.node ? displayName(source.node) : textOf(mapping.props.EventSourceArn),
            batchSize,
            window: written === undefined ? 'no MaximumBatchingWindowInSeconds' : `MaximumBatchingWindowInSeconds ${window}`,
          },
          fix: 'Set MaximumBatchingWindowInSeconds to 1 or more (up to 300), or BatchSize to 10 or less.',
        })
        continue
      }
      report({
        node: mapping,
        path: ['BatchSize'],
        messageId: 'tooLarge',
        data: {mapping: displayName(mapping), queue: source.node ? displayName(source.node) : textOf(mapping.props.EventSourceArn), batchSize},
        fix: 'Set BatchSize to 10 or less.',
      })
    }
  },
})
