// LMB025: a queue consumer scales with the queue; reserved concurrency keeps it from swamping what it shares with others.
import {get, literalNumber} from '../../model/intrinsics.js'
import type {GraphNode} from '../../model/types.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {grantsOf, mappingsOf, roleOf} from './queries.js'

/** Actions that write to a downstream resource. */
const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'sqs:SendMessage',
  'sns:Publish',
  'events:PutEvents',
  'states:StartExecution',
  'lambda:InvokeFunction',
  'kinesis:PutRecord',
  'kinesis:PutRecords',
  's3:PutObject',
]

/** Actions by which another function uses the same resource. */
const ACCESS_ACTIONS = [...WRITE_ACTIONS, 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 's3:GetObject', 'sqs:ReceiveMessage', 'kinesis:GetRecords']

export default defineRule({
  meta: {
    id: 'LMB025',
    name: 'lambda-reserved-concurrency-not-set',
    title: 'Queue consumer writing to a shared downstream without reserved concurrency',
    severity: 'info',
    service: 'lambda',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: false,
    practices: ['P-DES-2'],
    messages: {
      unbounded:
        "Function {{function}} consumes {{queue}} and writes to {{downstream}}, which {{others}} also use(s), without ReservedConcurrentExecutions or ScalingConfig.MaximumConcurrency: a burst on the queue can take all of the downstream's capacity.",
    },
    equivalents: {checkov: ['CKV_AWS_115'], cfn_nag: ['W92']},
    docs: {
      what: 'Finds functions triggered by an SQS queue whose role may write to a table, queue, topic, bus, stream, bucket, state machine or function that another function of the template also uses, when neither the function sets `ReservedConcurrentExecutions` nor the mapping sets `ScalingConfig.MaximumConcurrency`.',
      why: 'Lambda scales an SQS consumer up to 1,250 concurrent executions per minute while messages wait. The shared table, API or database then serves the burst and the other functions get throttled. A concurrency limit turns the burst into queue depth, which the queue absorbs.',
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Importer:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Policies:\n        - DynamoDBCrudPolicy:\n            TableName: !Ref Orders\n      Events:\n        Jobs:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Jobs.Arn\n  Reports:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Policies:\n        - DynamoDBCrudPolicy:\n            TableName: !Ref Orders\n  Orders:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n      KeySchema: [{AttributeName: id, KeyType: HASH}]\n  Jobs:\n    Type: AWS::SQS::Queue',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Importer:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Policies:\n        - DynamoDBCrudPolicy:\n            TableName: !Ref Orders\n      Events:\n        Jobs:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Jobs.Arn\n            ScalingConfig:\n              MaximumConcurrency: 10\n  Reports:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Policies:\n        - DynamoDBCrudPolicy:\n            TableName: !Ref Orders\n  Orders:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n      KeySchema: [{AttributeName: id, KeyType: HASH}]\n  Jobs:\n    Type: AWS::SQS::Queue',
      whenNotToUse: 'Downstreams that scale on demand without limits that matter (on-demand tables with headroom, other queues).',
      references: ['https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html', 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html'],
      limitations: 'Downstreams outside the template (third-party APIs, databases reached over the network) are not visible; only resources named in role statements are.',
    },
  },
  check({graph, report}) {
    const functions = graph.ofKind('function')
    const accessBy = new Map<string, Set<string>>()
    for (const fn of functions) {
      const role = roleOf(graph, fn)
      if (!role) continue
      for (const grant of grantsOf(graph, role, ACCESS_ACTIONS)) {
        const set = accessBy.get(grant.target.id) ?? new Set()
        set.add(fn.id)
        accessBy.set(grant.target.id, set)
      }
    }
    for (const fn of functions) {
      if (fn.props.ReservedConcurrentExecutions !== undefined) continue
      const queueMappings = mappingsOf(graph, fn).filter(({source}) => source?.kind === 'sqs')
      if (queueMappings.length === 0) continue
      if (queueMappings.every(({mapping}) => get(mapping.props, 'ScalingConfig', 'MaximumConcurrency') !== undefined && literalNumber(get(mapping.props, 'ScalingConfig', 'MaximumConcurrency')) !== 0)) continue
      const role = roleOf(graph, fn)
      if (!role) continue
      const shared: Array<{target: GraphNode; others: string[]}> = []
      for (const grant of grantsOf(graph, role, WRITE_ACTIONS)) {
        const others = [...(accessBy.get(grant.target.id) ?? [])].filter((id) => id !== fn.id && id !== grant.target.id)
        if (others.length > 0) shared.push({target: grant.target, others})
      }
      if (shared.length === 0) continue
      const first = queueMappings[0]!
      report({
        node: fn,
        path: [],
        messageId: 'unbounded',
        data: {
          function: displayName(fn),
          queue: first.source?.node ? displayName(first.source.node) : 'an SQS queue',
          downstream: shared.map(({target}) => displayName(target)).join(', '),
          others: [...new Set(shared.flatMap(({others}) => others))].join(', '),
        },
        fix: 'Set ScalingConfig.MaximumConcurrency on the SQS mapping (or ReservedConcurrentExecutions on the function) to what the shared downstream can take.',
      })
    }
  },
})
