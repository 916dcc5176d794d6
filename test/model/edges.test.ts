// Typed edges and reference resolution: raw CloudFormation, SAM and live nodes must give the same relations.
import {describe, expect, it} from 'vitest'

import {linkGraph} from '../../src/model/edges.js'
import {kindOfType, ResourceGraph} from '../../src/model/graph.js'
import type {EdgeKind, GraphNode} from '../../src/model/types.js'
import {graphOf} from '../helpers/lint.js'

const SAM = 'Transform: AWS::Serverless-2016-10-31\n'

/** `from -> to` of every edge of a kind. */
function edges(text: string, kind: EdgeKind): string[] {
  return graphOf(text)
    .edges.filter((edge) => edge.kind === kind)
    .map((edge) => `${edge.from} -> ${edge.to}`)
    .sort()
}

const resources = (body: string, header = ''): string => `${header}Resources:\n${body}`

const QUEUES = '  Queue:\n    Type: AWS::SQS::Queue\n  Dlq:\n    Type: AWS::SQS::Queue\n'
const FN =
  '  Fn:\n    Type: AWS::Lambda::Function\n    Properties: {Handler: a, Runtime: nodejs20.x, Role: !GetAtt FnRole.Arn, Code: {ZipFile: x}}\n  FnRole:\n    Type: AWS::IAM::Role\n    Properties: {AssumeRolePolicyDocument: {}}\n'

describe('triggers', () => {
  it.each<[string, string, string[]]>([
    ['an event source mapping', `${QUEUES}${FN}  Esm:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties: {FunctionName: !Ref Fn, EventSourceArn: !GetAtt Queue.Arn}\n`, ['Esm -> Fn']],
    ['a mapping by function ARN', `${QUEUES}${FN}  Esm:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties: {FunctionName: !GetAtt Fn.Arn, EventSourceArn: !GetAtt Queue.Arn}\n`, ['Esm -> Fn']],
    [
      'a mapping on an alias',
      `${QUEUES}${FN}  V:\n    Type: AWS::Lambda::Version\n    Properties: {FunctionName: !Ref Fn}\n  Live:\n    Type: AWS::Lambda::Alias\n    Properties: {FunctionName: !Ref Fn, FunctionVersion: !GetAtt V.Version, Name: live}\n  Esm:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties: {FunctionName: !Ref Live, EventSourceArn: !GetAtt Queue.Arn}\n`,
      ['Esm -> Fn'],
    ],
    ['a subscription', `${FN}  T:\n    Type: AWS::SNS::Topic\n  S:\n    Type: AWS::SNS::Subscription\n    Properties: {TopicArn: !Ref T, Protocol: lambda, Endpoint: !GetAtt Fn.Arn}\n`, ['S -> Fn']],
    ['an inline topic subscription', `${FN}  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      Subscription: [{Protocol: lambda, Endpoint: !GetAtt Fn.Arn}]\n`, ['T -> Fn']],
    ['a rule target', `${FN}  R:\n    Type: AWS::Events::Rule\n    Properties: {ScheduleExpression: rate(1 hour), Targets: [{Id: t, Arn: !GetAtt Fn.Arn}]}\n`, ['R -> Fn']],
    [
      'a schedule',
      `${FN}  S:\n    Type: AWS::Scheduler::Schedule\n    Properties: {ScheduleExpression: rate(1 hour), FlexibleTimeWindow: {Mode: 'OFF'}, Target: {Arn: !GetAtt Fn.Arn, RoleArn: x}}\n`,
      ['S -> Fn'],
    ],
    ['a pipe', `${QUEUES}${FN}  P:\n    Type: AWS::Pipes::Pipe\n    Properties: {Source: !GetAtt Queue.Arn, Target: !GetAtt Fn.Arn, RoleArn: !GetAtt FnRole.Arn}\n`, ['P -> Fn']],
    ['a permission', `${FN}  P:\n    Type: AWS::Lambda::Permission\n    Properties: {FunctionName: !Ref Fn, Action: lambda:InvokeFunction, Principal: s3.amazonaws.com}\n`, ['P -> Fn']],
    [
      'a permission by qualified ARN text',
      `${FN}  P:\n    Type: AWS::Lambda::Permission\n    Properties: {FunctionName: !Sub '\${Fn.Arn}:live', Action: lambda:InvokeFunction, Principal: sns.amazonaws.com}\n`,
      ['P -> Fn'],
    ],
    [
      'a bucket notification',
      `${FN}  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      NotificationConfiguration:\n        LambdaConfigurations: [{Event: 's3:ObjectCreated:*', Function: !GetAtt Fn.Arn}]\n`,
      ['B -> Fn'],
    ],
  ])('from %s', (_name, body, expected) => {
    expect(edges(resources(body), 'triggers')).toEqual(expected)
  })

  it('comes out the same for a SAM function and the raw resources it stands for', () => {
    const sam = resources(
      `${QUEUES}  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a\n      Runtime: nodejs20.x\n      InlineCode: x\n      AutoPublishAlias: live\n      Events:\n        Q:\n          Type: SQS\n          Properties: {Queue: !GetAtt Queue.Arn}\n        Cron:\n          Type: Schedule\n          Properties: {Schedule: rate(1 hour)}\n`,
      SAM,
    )
    expect(edges(sam, 'triggers')).toEqual(['FnCron -> Fn', 'FnCronPermission -> Fn', 'FnQ -> Fn'])
  })
})

describe('dead-letters-to', () => {
  it.each<[string, string, string[]]>([
    ['a queue redrive policy', `${QUEUES}  Q2:\n    Type: AWS::SQS::Queue\n    Properties: {RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 3}}\n`, ['Q2 -> Dlq']],
    [
      'a redrive policy written as JSON text',
      `${QUEUES}  Q2:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy: '{"deadLetterTargetArn": "arn:aws:sqs:us-east-1:123456789012:dlq", "maxReceiveCount": 3}'\n`,
      [],
    ],
    ['a function DLQ', `${QUEUES}${FN.replace('Role: !GetAtt FnRole.Arn', 'Role: !GetAtt FnRole.Arn, DeadLetterConfig: {TargetArn: !GetAtt Dlq.Arn}')}`, ['Fn -> Dlq']],
    [
      'an event source mapping on-failure destination',
      `${QUEUES}${FN}  Esm:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties: {FunctionName: !Ref Fn, EventSourceArn: x, DestinationConfig: {OnFailure: {Destination: !GetAtt Dlq.Arn}}}\n`,
      ['Esm -> Dlq'],
    ],
    [
      'an async invoke on-failure destination',
      `${QUEUES}${FN}  Eic:\n    Type: AWS::Lambda::EventInvokeConfig\n    Properties: {FunctionName: !Ref Fn, Qualifier: $LATEST, DestinationConfig: {OnFailure: {Destination: !GetAtt Dlq.Arn}}}\n`,
      ['Eic -> Dlq'],
    ],
    [
      'a rule target DLQ',
      `${QUEUES}${FN}  R:\n    Type: AWS::Events::Rule\n    Properties: {ScheduleExpression: rate(1 hour), Targets: [{Id: t, Arn: !GetAtt Fn.Arn, DeadLetterConfig: {Arn: !GetAtt Dlq.Arn}}]}\n`,
      ['R -> Dlq'],
    ],
    [
      'a subscription redrive policy',
      `${QUEUES}  T:\n    Type: AWS::SNS::Topic\n  S:\n    Type: AWS::SNS::Subscription\n    Properties: {TopicArn: !Ref T, Protocol: sqs, Endpoint: !GetAtt Queue.Arn, RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn}}\n`,
      ['S -> Dlq'],
    ],
    [
      'a schedule target DLQ',
      `${QUEUES}${FN}  S:\n    Type: AWS::Scheduler::Schedule\n    Properties: {ScheduleExpression: rate(1 hour), FlexibleTimeWindow: {Mode: 'OFF'}, Target: {Arn: !GetAtt Fn.Arn, RoleArn: x, DeadLetterConfig: {Arn: !GetAtt Dlq.Arn}}}\n`,
      ['S -> Dlq'],
    ],
    [
      'a pipe DLQ',
      `${QUEUES}${FN}  P:\n    Type: AWS::Pipes::Pipe\n    Properties: {Source: x, Target: !GetAtt Fn.Arn, RoleArn: x, SourceParameters: {KinesisStreamParameters: {StartingPosition: LATEST, DeadLetterConfig: {Arn: !GetAtt Dlq.Arn}}}}\n`,
      ['P -> Dlq'],
    ],
  ])('from %s', (_name, body, expected) => {
    expect(edges(resources(body), 'dead-letters-to')).toEqual(expected)
  })

  it('reads a redrive policy written as JSON text live, where names resolve through aliases', () => {
    const graph = liveGraph([
      {id: 'arn:aws:sqs:us-east-1:123456789012:orders', type: 'AWS::SQS::Queue', props: {RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:orders-dlq","maxReceiveCount":5}'}},
      {id: 'arn:aws:sqs:us-east-1:123456789012:orders-dlq', type: 'AWS::SQS::Queue', props: {}, aliases: ['https://sqs.us-east-1.amazonaws.com/123456789012/orders-dlq', 'orders-dlq']},
    ])
    expect(graph.out('arn:aws:sqs:us-east-1:123456789012:orders', 'dead-letters-to').map((edge) => edge.to)).toEqual(['arn:aws:sqs:us-east-1:123456789012:orders-dlq'])
  })

  it('comes out the same for SAM-created dead-letter queues', () => {
    const sam = resources(
      `  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a\n      Runtime: nodejs20.x\n      InlineCode: x\n      EventInvokeConfig: {DestinationConfig: {OnFailure: {Type: SNS}}}\n      Events:\n        R:\n          Type: EventBridgeRule\n          Properties: {Pattern: {source: [a]}, DeadLetterConfig: {Type: SQS}}\n        S:\n          Type: ScheduleV2\n          Properties: {ScheduleExpression: rate(1 hour), DeadLetterConfig: {Type: SQS}}\n`,
      SAM,
    )
    expect(edges(sam, 'dead-letters-to')).toEqual(['FnEventInvokeConfig -> FnEventInvokeConfigOnFailureTopic', 'FnR -> FnRQueue', 'FnS -> FnSQueue'])
  })
})

describe('alarms-on', () => {
  const alarm = (dimensions: string): string =>
    `${QUEUES}${FN}  A:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      Namespace: AWS/SQS\n      MetricName: ApproximateAgeOfOldestMessage\n      Dimensions:\n        - Name: QueueName\n          Value: ${dimensions}\n`

  it.each<[string, string, string[]]>([
    ['!GetAtt Q.QueueName', alarm('!GetAtt Queue.QueueName'), ['A -> Queue']],
    ['!Ref of a function', alarm('!Ref Fn'), ['A -> Fn']],
    ['!Sub naming one resource', alarm("!Sub '${Queue.QueueName}'"), ['A -> Queue']],
    ['!Sub with a variable map', alarm("!Sub ['${name}', {name: !GetAtt Queue.QueueName}]"), ['A -> Queue']],
    ['!Join of one resource', alarm("!Join ['', [!GetAtt Queue.QueueName]]"), ['A -> Queue']],
    ['!Sub naming two resources (unresolvable)', alarm("!Sub '${Queue}-${Dlq}'"), []],
    [
      'the literal name the queue is given',
      `${QUEUES.replace('  Queue:\n    Type: AWS::SQS::Queue\n', '  Queue:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: orders}\n')}  OrdersFn:\n    Type: AWS::Lambda::Function\n    Properties: {FunctionName: orders, Handler: a, Runtime: nodejs20.x, Role: x, Code: {ZipFile: x}}\n  A:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      Dimensions: [{Name: QueueName, Value: orders}]\n  B:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      Dimensions: [{Name: FunctionName, Value: orders}]\n`,
      ['A -> Queue', 'B -> OrdersFn'],
    ],
    ['a parameter', alarm('!Ref QueueNameParameter'), []],
    [
      'metric math',
      `${QUEUES}  A:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      Metrics:\n        - Id: m1\n          MetricStat: {Metric: {Namespace: AWS/SQS, MetricName: NumberOfMessagesSent, Dimensions: [{Name: QueueName, Value: !GetAtt Dlq.QueueName}]}, Period: 60, Stat: Sum}\n        - Id: e1\n          Expression: m1 > 0\n`,
      ['A -> Dlq'],
    ],
    [
      'a composite alarm by name, by !Ref and by !GetAtt in !Sub',
      `  One:\n    Type: AWS::CloudWatch::Alarm\n    Properties: {AlarmName: orders-age}\n  Two:\n    Type: AWS::CloudWatch::Alarm\n  Three:\n    Type: AWS::CloudWatch::Alarm\n  C:\n    Type: AWS::CloudWatch::CompositeAlarm\n    Properties:\n      AlarmRule: !Sub 'ALARM("orders-age") OR ALARM(\${Two}) OR ALARM(\${Three.Arn})'\n`,
      ['C -> One', 'C -> Three', 'C -> Two'],
    ],
    [
      'a composite alarm written as plain text',
      `  One:\n    Type: AWS::CloudWatch::Alarm\n    Properties: {AlarmName: orders-age}\n  C:\n    Type: AWS::CloudWatch::CompositeAlarm\n    Properties:\n      AlarmRule: ALARM(orders-age) AND NOT OK('orders-age')\n`,
      ['C -> One'],
    ],
  ])('through %s', (_name, body, expected) => {
    expect(edges(resources(body), 'alarms-on')).toEqual(expected)
  })
})

describe('roles', () => {
  const body = `${QUEUES}${FN}  Other:
    Type: AWS::Lambda::Function
    Properties: {Handler: a, Runtime: nodejs20.x, Role: x, Code: {ZipFile: x}}
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties: {RoleArn: !GetAtt FnRole.Arn, Definition: {}}
  Policy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: p
      Roles: [!Ref FnRole]
      PolicyDocument:
        Statement:
          - {Effect: Allow, Action: 'lambda:Invoke*', Resource: !GetAtt Other.Arn}
          - {Effect: Allow, Action: [sqs:SendMessage], Resource: !Sub 'arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:\${Queue.QueueName}'}
          - {Effect: Deny, Action: 'sns:Publish', Resource: '*'}
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Roles: [!Ref FnRole]
      PolicyDocument:
        Statement: [{Effect: Allow, Action: 'states:StartExecution', Resource: !Ref Machine}]
`

  it.each<[EdgeKind, string[]]>([
    ['assumes-role', ['Fn -> FnRole', 'Machine -> FnRole']],
    ['attached-to', ['Managed -> FnRole', 'Policy -> FnRole']],
    ['invokes', ['FnRole -> Other']],
    ['publishes-to', ['FnRole -> Machine', 'FnRole -> Queue']],
  ])('%s', (kind, expected) => {
    expect(edges(resources(body), kind)).toEqual(expected)
  })
})

/** A live graph from nodes the way audit collectors build them. */
function liveGraph(nodes: Array<Pick<GraphNode, 'id' | 'type' | 'props'> & {aliases?: string[]}>): ResourceGraph {
  const graph = new ResourceGraph({source: 'live', parameters: {}, conditions: {}, sam: false})
  for (const node of nodes) {
    graph.add({...node, kind: kindOfType(node.type), source: 'live', origin: {arn: node.id}, locate: () => undefined})
  }
  linkGraph(graph)
  return graph
}

describe('resolve', () => {
  const template = graphOf(resources(`${QUEUES}${FN}`))

  it.each<[string, unknown, string | undefined]>([
    ['Ref', {Ref: 'Queue'}, 'Queue'],
    ['GetAtt', {'Fn::GetAtt': ['Queue', 'Arn']}, 'Queue'],
    ['GetAtt in dotted form', {'Fn::GetAtt': 'Queue.QueueName'}, 'Queue'],
    ['Sub naming one resource', {'Fn::Sub': 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Queue.QueueName}'}, 'Queue'],
    ['Sub with a variable map', {'Fn::Sub': ['arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:${name}', {name: {'Fn::GetAtt': ['Dlq', 'QueueName']}}]}, 'Dlq'],
    ['Sub naming two resources', {'Fn::Sub': '${Queue}/${Dlq}'}, undefined],
    ['Sub naming only pseudo parameters', {'Fn::Sub': '${AWS::StackName}-q'}, undefined],
    ['Join of one resource', {'Fn::Join': [':', ['arn', {Ref: 'Fn'}, 'live']]}, 'Fn'],
    ['Join of two resources', {'Fn::Join': [':', [{Ref: 'Fn'}, {Ref: 'Queue'}]]}, undefined],
    ['ImportValue', {'Fn::ImportValue': 'shared-queue'}, undefined],
    ['a parameter', {Ref: 'QueueArnParameter'}, undefined],
    ['a literal that is not a resource', 'arn:aws:sqs:us-east-1:123456789012:elsewhere', undefined],
    // A literal is a physical name: `Queue` names a queue called Queue in the account, not the logical id.
    ['a literal equal to a logical id', 'Queue', undefined],
  ])('%s', (_name, value, expected) => {
    expect(template.resolve(value)?.id).toBe(expected)
  })

  const live = liveGraph([
    {
      id: 'arn:aws:lambda:us-east-1:123456789012:function:orders',
      type: 'AWS::Lambda::Function',
      props: {},
      aliases: ['arn:aws:lambda:us-east-1:123456789012:function:orders', 'orders'],
    },
    {
      id: 'arn:aws:sqs:us-east-1:123456789012:orders',
      type: 'AWS::SQS::Queue',
      props: {},
      aliases: ['https://sqs.us-east-1.amazonaws.com/123456789012/orders', 'orders-queue'],
    },
    {id: 'esm-1', type: 'AWS::Lambda::EventSourceMapping', props: {FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:orders:live', EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:orders'}},
  ])

  it.each<[string, string, string | undefined]>([
    ['an ARN', 'arn:aws:sqs:us-east-1:123456789012:orders', 'arn:aws:sqs:us-east-1:123456789012:orders'],
    ['a queue URL', 'https://sqs.us-east-1.amazonaws.com/123456789012/orders', 'arn:aws:sqs:us-east-1:123456789012:orders'],
    ['a name', 'orders-queue', 'arn:aws:sqs:us-east-1:123456789012:orders'],
    ['a function ARN qualified by an alias', 'arn:aws:lambda:us-east-1:123456789012:function:orders:live', 'arn:aws:lambda:us-east-1:123456789012:function:orders'],
    ['a function ARN qualified by a version', 'arn:aws:lambda:us-east-1:123456789012:function:orders:7', 'arn:aws:lambda:us-east-1:123456789012:function:orders'],
    ['an unknown ARN', 'arn:aws:sqs:us-east-1:123456789012:other', undefined],
  ])('live: %s', (_name, value, expected) => {
    expect(live.resolve(value)?.id).toBe(expected)
  })

  it('links live nodes through qualified ARNs', () => {
    expect(live.in('arn:aws:lambda:us-east-1:123456789012:function:orders', 'triggers').map((edge) => edge.from)).toEqual(['esm-1'])
  })
})

describe('a large template', () => {
  it('builds the graph of 5,000 resources in well under a second of CPU time', () => {
    const lines = ['Resources:']
    for (let index = 0; index < 2500; index++) {
      lines.push(`  Dlq${index}:`, '    Type: AWS::SQS::Queue')
      lines.push(`  Queue${index}:`, '    Type: AWS::SQS::Queue', '    Properties:', `      RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq${index}.Arn, maxReceiveCount: 3}`)
    }
    const text = lines.join('\n')
    const start = process.cpuUsage()
    const graph = graphOf(text)
    const used = process.cpuUsage(start)
    expect(graph.nodes).toHaveLength(5000)
    expect(graph.out('Queue2499', 'dead-letters-to').map((edge) => edge.to)).toEqual(['Dlq2499'])
    expect((used.user + used.system) / 1000).toBeLessThan(1500)
  })
})
