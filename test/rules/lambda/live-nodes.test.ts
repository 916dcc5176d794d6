// The headline Lambda rules on nodes shaped as an audit builds them: ARNs as ids and aliases, CFN-shaped props, no file.
import {describe, expect, it} from 'vitest'

import {runRules} from '../../../src/engine/run.js'
import {linkGraph} from '../../../src/model/edges.js'
import {kindOfType, ResourceGraph} from '../../../src/model/graph.js'
import type {GraphNode} from '../../../src/model/types.js'
import {findRule} from '../../../src/rules/index.js'
import {FIXED_NOW} from '../../helpers/lint.js'

const account = 'arn:aws:lambda:eu-west-1:123456789012'

function liveNode(arn: string, type: string, props: Record<string, unknown>): GraphNode {
  return {id: arn, type, kind: kindOfType(type), props, source: 'live', origin: {arn, region: 'eu-west-1', accountId: '123456789012'}, aliases: [arn], locate: () => undefined}
}

function liveGraph(nodes: GraphNode[]): ResourceGraph {
  const graph = new ResourceGraph({source: 'live', parameters: {}, conditions: {}, sam: false})
  for (const node of nodes) graph.add(node)
  linkGraph(graph)
  return graph
}

function run(id: string, graph: ResourceGraph) {
  const rule = findRule(id)!
  return runRules(graph, [{rule, severity: rule.meta.severity, options: {...rule.meta.options}}], {now: FIXED_NOW})
}

describe('Lambda rules on live nodes', () => {
  const fn = liveNode(`${account}:function:notifier`, 'AWS::Lambda::Function', {FunctionName: 'notifier', Runtime: 'nodejs22.x'})
  const topic = liveNode('arn:aws:sns:eu-west-1:123456789012:orders', 'AWS::SNS::Topic', {})
  const subscription = liveNode('arn:aws:sns:eu-west-1:123456789012:orders:1f2e', 'AWS::SNS::Subscription', {Protocol: 'lambda', TopicArn: topic.id, Endpoint: fn.id})

  it('LMB002 names the function by its ARN and the topic that invokes it', () => {
    const findings = run('LMB002', liveGraph([fn, topic, subscription]))
    expect(findings).toMatchObject([{ruleId: 'LMB002', source: 'live', data: {function: 'notifier', sources: 'SNS topic orders'}, resource: {arn: fn.id}}])
  })

  it('LMB002 accepts an event invoke configuration on a qualified ARN', () => {
    const config = liveNode(`${fn.id}:live`, 'AWS::Lambda::EventInvokeConfig', {
      FunctionName: `${fn.id}:live`,
      Qualifier: 'live',
      DestinationConfig: {OnFailure: {Destination: 'arn:aws:sqs:eu-west-1:123456789012:failures'}},
    })
    expect(run('LMB002', liveGraph([fn, topic, subscription, config]))).toEqual([])
  })

  it('LMB003 reads a live mapping with ARNs', () => {
    const queue = liveNode('arn:aws:sqs:eu-west-1:123456789012:jobs', 'AWS::SQS::Queue', {VisibilityTimeout: 30})
    const mapping = liveNode(`${account}:event-source-mapping:6d1c`, 'AWS::Lambda::EventSourceMapping', {EventSourceArn: queue.id, FunctionName: fn.id, BatchSize: 10, FunctionResponseTypes: []})
    expect(run('LMB003', liveGraph([fn, queue, mapping]))).toMatchObject([{data: {source: 'SQS queue jobs', function: 'notifier', batchSize: 10}}])
  })
})
