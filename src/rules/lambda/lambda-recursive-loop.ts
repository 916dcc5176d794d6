// LMB017: a function that invokes itself, or feeds the queue, topic or bus that triggers it, can loop without end.
import {literal} from '../../model/intrinsics.js'
import type {GraphNode} from '../../model/types.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {deliveredTo, invokeTargets, publishesToDefaultBus, publishTargets} from './queries.js'

/** How many hops (queue → mapping → function, topic → subscription → queue, …) a loop may take before we stop looking. */
const MAX_HOPS = 6

/** The path from `start` back to `fn`, as node ids, or undefined. */
function loopPath(fn: GraphNode, start: GraphNode | 'default', next: (node: GraphNode | 'default') => GraphNode[]): string[] | undefined {
  const queue: Array<{node: GraphNode | 'default'; path: string[]}> = [{node: start, path: [start === 'default' ? 'default event bus' : start.id]}]
  const seen = new Set<string>()
  while (queue.length > 0) {
    const {node, path} = queue.shift()!
    if (path.length > MAX_HOPS) continue
    for (const target of next(node)) {
      if (target === fn) return [...path, fn.id]
      if (seen.has(target.id) || target.kind === 'function') continue
      seen.add(target.id)
      queue.push({node: target, path: [...path, target.id]})
    }
  }
  return undefined
}

export default defineRule({
  meta: {
    id: 'LMB017',
    name: 'lambda-recursive-loop',
    title: 'Lambda function invokes itself or sits in a queue, topic or bus loop',
    severity: 'warning',
    service: 'lambda',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-ANTI-2'],
    messages: {
      invokesItself: 'Function {{function}} may invoke itself (its role allows lambda:InvokeFunction on its own ARN): a bug becomes an endless, costly loop.',
      loop: 'Function {{function}} may publish to {{target}}, which triggers it again ({{path}}): a message that causes another message loops without end.',
      allowed: "Function {{function}} sets RecursiveLoop: Allow, turning off Lambda's loop detection; remove it unless the recursion is intended and bounded.",
    },
    equivalents: {},
    docs: {
      what: 'Finds functions whose execution role allows `lambda:InvokeFunction` on the function itself, functions whose role may send to a queue, publish to a topic or put events on a bus (statements, `publishes-to` edges, SAM policy templates such as `SQSSendMessagePolicy`) that delivers back to the same function — directly, or through subscriptions, rule targets, queues and pipes — and functions with `RecursiveLoop: Allow`.',
      why: 'A recursive loop runs until something breaks: concurrency, budget or a downstream. Lambda detects some SQS/SNS/S3 loops and stops them after about 16 iterations, but not loops through EventBridge or other services, and not when `RecursiveLoop` is `Allow`.',
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Jobs:\n    Type: AWS::SQS::Queue\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Policies:\n        - SQSSendMessagePolicy:\n            QueueName: !GetAtt Jobs.QueueName\n      Events:\n        Jobs:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Jobs.Arn',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Jobs:\n    Type: AWS::SQS::Queue\n  FollowUps:\n    Type: AWS::SQS::Queue\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Policies:\n        - SQSSendMessagePolicy:\n            QueueName: !GetAtt FollowUps.QueueName\n      Events:\n        Jobs:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Jobs.Arn',
      whenNotToUse:
        "Deliberate, bounded recursion (e.g. a crawler that stops at a depth carried in the message, or an EventBridge rule whose pattern excludes the function's own events); suppress with that reason.",
      references: ['https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html', 'https://docs.aws.amazon.com/lambda/latest/operatorguide/recursive-runaway.html'],
      limitations: 'EventBridge rule patterns are not evaluated: a rule on the bus the function writes to is assumed to match its events. Loops through S3 buckets and DynamoDB streams are not followed.',
    },
  },
  check({graph, report}) {
    for (const fn of graph.ofKind('function')) {
      const data = {function: displayName(fn)}
      if (literal(fn.props.RecursiveLoop) === 'Allow') {
        report({node: fn, path: ['RecursiveLoop'], messageId: 'allowed', data, fix: 'Remove RecursiveLoop or set it to Terminate.'})
      }
      if (invokeTargets(graph, fn).includes(fn)) {
        report({node: fn, path: [], messageId: 'invokesItself', data, fix: 'Remove lambda:InvokeFunction on the function itself from its role; hand follow-up work to a queue or a state machine.'})
      }
      const starts: Array<GraphNode | 'default'> = publishTargets(graph, fn)
      if (publishesToDefaultBus(graph, fn)) starts.push('default')
      for (const start of starts) {
        const path = loopPath(fn, start, (node) => deliveredTo(graph, node))
        if (!path) continue
        report({
          node: fn,
          path: [],
          messageId: 'loop',
          data: {
            ...data,
            target: start === 'default' ? 'the default event bus' : displayName(start),
            path: [fn.id, ...path]
              .map((id) => {
                const node = graph.get(id)
                return node ? displayName(node) : id
              })
              .join(' → '),
          },
          fix: "Publish follow-up work to a different queue, topic or bus than the one that triggers the function, or filter the function's own events out of the rule.",
        })
      }
    }
  },
})
