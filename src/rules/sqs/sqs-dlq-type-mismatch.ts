// SQS005: a dead-letter queue must be of the type its source accepts (FIFO for FIFO, standard for standard).
import {defineRule} from '../types.js'
import {deadLetterSources} from '../helpers.js'
import {isFifoQueue, isFifoTopic, userName} from './queues.js'

const kindName = (fifo: boolean): string => (fifo ? 'FIFO' : 'standard')

export default defineRule({
  meta: {
    id: 'SQS005',
    name: 'sqs-dlq-type-mismatch',
    title: 'Dead-letter queue type does not match its source',
    severity: 'error',
    service: 'sqs',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-ERR-1'],
    messages: {
      mismatch: '{{sourceType}} {{source}} sends failures to {{dlqType}} queue {{dlq}}: a {{sourceType}} queue or subscription needs a {{sourceType}} dead-letter queue, and the deployment fails.',
      fifoNotSupported: '{{source}} ({{service}}) sends failures to FIFO queue {{dlq}}, but {{service}} only accepts standard queues as dead-letter queues.',
    },
    equivalents: {'cfn-lint': ['E3502']},
    docs: {
      what: 'Finds a redrive policy whose source and dead-letter queue differ in type (FIFO vs standard); an SNS subscription whose topic and redrive queue differ in type; and FIFO queues used as the dead-letter queue of a Lambda function or an EventBridge rule target, which accept standard queues only.',
      why: 'SQS requires the dead-letter queue of a FIFO queue to be FIFO and of a standard queue to be standard; EventBridge rejects FIFO DLQs ("SQS FIFO is not supported by Dead Letter Queues"). The stack fails to deploy, or the failure path silently does not exist.',
      failing:
        'Resources:\n  Payments:\n    Type: AWS::SQS::Queue\n    Properties:\n      FifoQueue: true\n      RedrivePolicy: {deadLetterTargetArn: !GetAtt PaymentsDlq.Arn, maxReceiveCount: 5}\n  PaymentsDlq:\n    Type: AWS::SQS::Queue',
      fixed:
        'Resources:\n  Payments:\n    Type: AWS::SQS::Queue\n    Properties:\n      FifoQueue: true\n      RedrivePolicy: {deadLetterTargetArn: !GetAtt PaymentsDlq.Arn, maxReceiveCount: 5}\n  PaymentsDlq:\n    Type: AWS::SQS::Queue\n    Properties:\n      FifoQueue: true',
      whenNotToUse: 'Never: the configuration cannot work.',
      references: [
        'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-dead-letter-queue.html',
        'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html',
        'https://docs.aws.amazon.com/sns/latest/dg/sns-configure-dead-letter-queue.html',
      ],
      limitations: 'Types given by intrinsics (`FifoQueue: !If …`) are skipped.',
    },
  },
  check({graph, report}) {
    for (const dlq of graph.ofKind('queue')) {
      const dlqFifo = isFifoQueue(dlq)
      if (dlqFifo === undefined) continue
      for (const source of deadLetterSources(graph, dlq)) {
        const edge = graph.out(source.id, 'dead-letters-to').find((e) => e.to === dlq.id)
        if (source.kind === 'queue' || source.kind === 'subscription') {
          const topic = source.kind === 'subscription' ? graph.resolve(source.props.TopicArn) : undefined
          const sourceFifo = source.kind === 'queue' ? isFifoQueue(source) : topic?.kind === 'topic' ? isFifoTopic(topic) : undefined
          if (sourceFifo === undefined || sourceFifo === dlqFifo) continue
          report({
            node: source,
            path: edge?.path ?? [],
            messageId: 'mismatch',
            data: {source: userName(source), sourceType: kindName(sourceFifo), dlq: userName(dlq), dlqType: kindName(dlqFifo)},
            fix: `Point the redrive policy at a ${kindName(sourceFifo)} queue${sourceFifo ? ' (FifoQueue: true, name ending in .fifo)' : ''}.`,
          })
          continue
        }
        const service = source.kind === 'function' ? 'Lambda' : source.kind === 'rule' ? 'EventBridge' : undefined
        if (!dlqFifo || service === undefined) continue
        report({
          node: source,
          path: edge?.path ?? [],
          messageId: 'fifoNotSupported',
          data: {source: userName(source), service, dlq: userName(dlq)},
          fix: 'Use a standard SQS queue as the dead-letter queue.',
        })
      }
    }
  },
})
