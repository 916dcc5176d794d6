// `sls-eda transform --graph`: the linked application's resource graph, nodes and typed edges, as the rules see it.
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {applicationGraphs} from '../../src/transform/graph.js'
import {runCli, STACK_TRACE} from '../commands/cli.js'

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/applications')

describe('transform --graph', () => {
  it('prints one application per group of linked templates, with edges that cross stacks', () => {
    const {applications, warnings} = applicationGraphs('exports', FIXTURES)
    expect(warnings).toEqual([])
    expect(applications.map((application) => application.stacks.map((stack) => stack.name))).toEqual([['monitoring', 'queues', 'service'], ['unrelated']])
    const [linked] = applications
    const stackOf = Object.fromEntries(linked!.nodes.map((node) => [node.id, node.stack]))
    const crossing = linked!.edges.filter((edge) => stackOf[edge.from as string] !== stackOf[edge.to as string]).map((edge) => `${String(edge.from)} ${String(edge.kind)} ${String(edge.to)}`)
    expect(crossing.sort()).toEqual(['OrdersDlqDepth alarms-on OrdersDlq', 'OrdersDlqDepth references OrdersDlq', 'WorkerOrders references Orders'])
    expect(linked!.nodes.find((node) => node.id === 'Worker')).toMatchObject({type: 'AWS::Lambda::Function', declaredType: 'AWS::Serverless::Function', stack: 'service', file: 'exports/service.yaml', line: 9})
  })

  it('shows a nested template as the stack its parent creates, and a single template as an application of one', () => {
    const {applications} = applicationGraphs('nested', FIXTURES)
    expect(applications).toHaveLength(1)
    expect(applications[0]!.stacks).toEqual([
      {name: 'parent', file: 'nested/parent.yaml'},
      {name: 'parent/QueueStack', file: 'nested/stacks/queue.yaml', stack: 'parent/QueueStack', nestedIn: 'parent/QueueStack'},
      {name: 'parent/Tables', file: 'nested/stacks/table.yaml', stack: 'parent/Tables', nestedIn: 'parent/Tables'},
    ])
    expect(applications[0]!.edges).toContainEqual({from: 'StreamMapping', to: 'Consumer', kind: 'triggers', path: 'FunctionName'})
    const single = applicationGraphs('names/queue.yaml', FIXTURES).applications
    expect(single.map((application) => application.nodes.map((node) => node.id))).toEqual([['Payments', 'PaymentsDlq']])
  })

  it('links the stacks of a CDK assembly, and refuses a missing path with exit code 2 (built CLI)', () => {
    const result = runCli(['transform', 'cdk-stage/cdk.out', '--graph'], {cwd: FIXTURES})
    expect(result.status, result.stderr).toBe(0)
    const document = JSON.parse(result.stdout)
    expect(document.applications).toHaveLength(1)
    expect(document.applications[0].edges).toContainEqual({from: 'WorkerSqsEventSourceProdQueuesJobs8B1C2D3E', to: 'JobsDF1CC2D4', kind: 'references', path: 'EventSourceArn'})
    const missing = runCli(['transform', 'nothing-here', '--graph'], {cwd: FIXTURES})
    expect(missing.status).toBe(2)
    expect(missing.stderr).toContain('nothing-here: no such file or directory')
    expect(missing.stderr).not.toMatch(STACK_TRACE)
  })
})
