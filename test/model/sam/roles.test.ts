// Execution roles and invoke destinations as SAM writes them, conditions included; expected values come from SAM's translator 1.110.
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {graphOf} from '../../helpers/lint.js'
import {expandedTemplate} from '../../../src/transform/transform.js'

const text = readFileSync(new URL('templates/roles-and-destinations.yaml', import.meta.url), 'utf8')

describe('roles and invoke destinations', () => {
  const graph = graphOf(text)
  const node = (id: string) => graph.nodes.find((candidate) => candidate.id === id)

  it('creates the destination queue only when the condition leaves no ARN, under a NOT condition SAM adds', () => {
    expect(node('PaymentsEventInvokeConfigOnSuccessQueue')?.condition).toBe('NOTUseOwnQueueac3e5efadd')
    expect((expandedTemplate(graph).Conditions as Record<string, unknown>).NOTUseOwnQueueac3e5efadd).toEqual({'Fn::Not': [{Condition: 'UseOwnQueue'}]})
    expect(node('PaymentsEventInvokeConfig')?.props).toEqual({
      DestinationConfig: {
        OnFailure: {Destination: 'arn:aws:sns:eu-west-1:123456789012:payments-failed'},
        OnSuccess: {Destination: {'Fn::If': ['NOTUseOwnQueueac3e5efadd', {'Fn::GetAtt': ['PaymentsEventInvokeConfigOnSuccessQueue', 'Arn']}, 'arn:aws:sqs:eu-west-1:123456789012:done']}},
      },
      FunctionName: {Ref: 'Payments'},
      MaximumRetryAttempts: 1,
      Qualifier: '$LATEST',
    })
  })

  it('writes destination policies first, then conditional policy templates under their condition', () => {
    expect(node('PaymentsRole')?.props.Policies).toEqual([
      {
        PolicyDocument: {
          Statement: [
            {
              Action: 'sqs:SendMessage',
              Effect: 'Allow',
              Resource: {'Fn::If': ['NOTUseOwnQueueac3e5efadd', {'Fn::GetAtt': ['PaymentsEventInvokeConfigOnSuccessQueue', 'Arn']}, 'arn:aws:sqs:eu-west-1:123456789012:done']},
            },
          ],
        },
        PolicyName: 'PaymentsEventInvokeConfigOnSuccessSQSPolicy',
      },
      {PolicyDocument: {Statement: [{Action: 'sns:publish', Effect: 'Allow', Resource: 'arn:aws:sns:eu-west-1:123456789012:payments-failed'}]}, PolicyName: 'PaymentsEventInvokeConfigOnFailureSNSPolicy'},
      {
        'Fn::If': [
          'Audited',
          {
            PolicyDocument: {
              Statement: [{Action: ['sqs:SendMessage*'], Effect: 'Allow', Resource: {'Fn::Sub': ['arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${queueName}', {queueName: 'audit'}]}}],
            },
            PolicyName: 'PaymentsRolePolicy0',
          },
          {Ref: 'AWS::NoValue'},
        ],
      },
    ])
  })

  it('attaches the durable execution policy instead of the basic one, and managed names under a condition as ARNs', () => {
    expect(node('PaymentsRole')?.props.ManagedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy',
      'arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess',
      {'Fn::If': ['Audited', 'arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess', {Ref: 'AWS::NoValue'}]},
    ])
  })

  it("gives a traced state machine's role X-Ray's managed policy", () => {
    expect(node('SettlementRole')?.props.ManagedPolicyArns).toEqual(['arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess'])
  })
})

describe('policies of polled event sources', () => {
  const graph = graphOf(readFileSync(new URL('templates/pull-event-policies.yaml', import.meta.url), 'utf8'))

  it('writes each source’s policy in the order SAM translates events (by name), the on-failure destination after its source', () => {
    expect(graph.get('LedgerRole')?.props.Policies).toEqual([
      {
        PolicyDocument: {
          Statement: [
            {Action: ['secretsmanager:GetSecretValue'], Effect: 'Allow', Resource: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:mq'},
            {Action: ['mq:DescribeBroker'], Effect: 'Allow', Resource: 'arn:aws:mq:eu-west-1:123456789012:broker:audit:b-1'},
          ],
        },
        PolicyName: 'LedgerAuditAMQPolicy',
      },
      {
        PolicyDocument: {
          Statement: [
            {Action: ['secretsmanager:GetSecretValue'], Effect: 'Allow', Resource: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:kafka'},
            {
              Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'ec2:DescribeVpcs', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups'],
              Effect: 'Allow',
              Resource: '*',
            },
          ],
          Version: '2012-10-17',
        },
        PolicyName: 'SelfManagedKafkaExecutionRolePolicy',
      },
      {
        PolicyDocument: {
          Statement: [
            {Action: 's3:PutObject', Effect: 'Allow', Resource: {'Fn::Join': ['/', ['arn:aws:s3:::ledger-failures', '*']]}},
            {Action: 's3:ListBucket', Effect: 'Allow', Resource: 'arn:aws:s3:::ledger-failures'},
          ],
        },
        PolicyName: 'LedgerZKafkaS3Policy',
      },
    ])
    expect(graph.get('LedgerRole')?.props.ManagedPolicyArns).toEqual(['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'])
  })
})

describe('properties written as null', () => {
  it('are absent to SAM: an event source mapping gets no DestinationConfig from an empty one', () => {
    const graph = graphOf(`Transform: AWS::Serverless-2016-10-31
Resources:
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: 1
  Reader:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      CodeUri: s3://artefacts/reader.zip
      MemorySize:
      Events:
        Records:
          Type: Kinesis
          Properties:
            Stream: !GetAtt Stream.Arn
            StartingPosition: LATEST
            DestinationConfig:
`)
    expect(graph.get('ReaderRecords')?.props).not.toHaveProperty('DestinationConfig')
    expect(graph.get('Reader')?.props).not.toHaveProperty('MemorySize')
  })
})
