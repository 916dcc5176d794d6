// Linking templates: what joins them, what stays apart, and how the linked graph names what it joined.
import {describe, expect, it} from 'vitest'

import {buildApplicationGraph, linkedGroups, linkKeys, type StackMember} from '../../src/model/application.js'
import {graphOf} from '../helpers/lint.js'

const member = (name: string, text: string, extra: Partial<StackMember> = {}): StackMember => ({name, file: `${name}.yaml`, graph: graphOf(text, `${name}.yaml`), ...extra})

const QUEUES = `Parameters:
  Stage: {Type: String, Default: prod}
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties: {QueueName: !Sub '\${Stage}-jobs'}
Outputs:
  Arn:
    Value: !GetAtt Queue.Arn
    Export: {Name: !Sub '\${AWS::StackName}-\${Stage}-jobs-arn'}
`
const consumer = (source: string): string => `Resources:
  Queue:
    Type: AWS::SQS::Queue
  Worker:
    Type: AWS::Lambda::Function
    Properties: {Runtime: nodejs22.x, Handler: index.handler, Role: arn:aws:iam::123456789012:role/r, Code: {ZipFile: x}}
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Worker
      EventSourceArn: ${source}
`

describe('linking templates', () => {
  it('resolves export names built with AWS::StackName only when the stack name is known', () => {
    const importer = member('service', consumer('!ImportValue shared-prod-jobs-arn'))
    expect(linkedGroups([linkKeys(member('shared', QUEUES)), linkKeys(importer)])).toEqual([[0], [1]])
    expect(linkedGroups([linkKeys(member('shared', QUEUES, {stackName: 'shared'})), linkKeys(importer)])).toEqual([[0, 1]])
  })

  it('links nothing by a name two templates offer (two environments of one template)', () => {
    const keys = [linkKeys(member('a', QUEUES, {stackName: 'shared'})), linkKeys(member('b', QUEUES, {stackName: 'shared'})), linkKeys(member('c', consumer('!ImportValue shared-prod-jobs-arn')))]
    expect(linkedGroups(keys)).toEqual([[0], [1], [2]])
  })

  it('keeps a logical id unless another template uses it, and turns an import into a reference to the exported resource', () => {
    const {graph, memberOf} = buildApplicationGraph([member('queues', QUEUES, {stackName: 'shared'}), member('service', consumer('!ImportValue shared-prod-jobs-arn'))])
    expect(graph.nodes.map((node) => node.id).sort()).toEqual(['Mapping', 'Worker', 'queues/Queue', 'service/Queue'])
    const mapping = graph.get('Mapping')!
    expect(mapping.props.EventSourceArn).toEqual({'Fn::GetAtt': ['queues/Queue', 'Arn']})
    expect(mapping.props.FunctionName).toEqual({Ref: 'Worker'})
    expect(graph.in('queues/Queue', 'references').map((edge) => edge.from)).toEqual(['Mapping'])
    expect(memberOf.get('queues/Queue')!.name).toBe('queues')
    expect(graph.localId(graph.get('queues/Queue')!)).toBe('Queue')
    expect(graph.contextOf(mapping).file).toBe('service.yaml')
  })

  it('links physical names written as ARNs and queue URLs to the resource of that name, and leaves unknown names alone', () => {
    const arn = "!Sub 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:prod-jobs'"
    const {graph} = buildApplicationGraph([member('queues', QUEUES), member('service', consumer(arn))])
    expect(graph.get('Mapping')!.props.EventSourceArn).toEqual({'Fn::GetAtt': ['queues/Queue', 'Arn']})
    const url = buildApplicationGraph([member('queues', QUEUES), member('service', consumer('https://sqs.eu-west-1.amazonaws.com/123456789012/prod-jobs'))]).graph
    expect(url.get('Mapping')!.props.EventSourceArn).toEqual({Ref: 'queues/Queue'})
    const unknown = buildApplicationGraph([member('queues', QUEUES), member('service', consumer('arn:aws:sqs:eu-west-1:123456789012:other'))]).graph
    expect(unknown.get('Mapping')!.props.EventSourceArn).toBe('arn:aws:sqs:eu-west-1:123456789012:other')
  })

  it("keeps a parameter reference unresolved, never naming another template's resource of the same name", () => {
    const withParameter = `Parameters:
  Worker: {Type: String}
Resources:
  Reader:
    Type: AWS::Lambda::EventSourceMapping
    Properties: {FunctionName: reader, EventSourceArn: !Ref Worker}
Outputs:
  Out: {Value: x, Export: {Name: linked}}
`
    const {graph} = buildApplicationGraph([member('a', withParameter), member('b', consumer('!ImportValue linked'))])
    const reader = graph.get('Reader')!
    expect(reader.props.EventSourceArn).toEqual({Ref: 'a/Worker'})
    expect(graph.get('b/Worker')?.type).toBe('AWS::Lambda::Function')
    expect(graph.resolve(reader.props.EventSourceArn)).toBeUndefined()
  })
})
