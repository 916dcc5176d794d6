// SAM expansion tests: the resources, ids and properties SAM generates (checked against the SAM translator 1.110), and where each points back to.
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import type {ResourceGraph} from '../../src/model/graph.js'
import {expandPolicyTemplate, KNOWN_POLICY_TEMPLATES, managedPolicyArn, policyTemplateParameters} from '../../src/model/sam-policy-templates.js'
import {graphOf} from '../helpers/lint.js'

const HEADER = 'Transform: AWS::Serverless-2016-10-31\n'

/** A template with one function `Fn` whose extra properties are given as YAML lines at property depth. */
function fnTemplate(properties: string, extra = ''): string {
  const indented = properties
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => `      ${line}`)
    .join('\n')
  return `${HEADER}Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n  Topic:\n    Type: AWS::SNS::Topic\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs20.x\n      InlineCode: x\n${indented}\n${extra}`
}

/** Generated ids and types, minus the user's own resources. */
function generatedIds(graph: ResourceGraph): string[] {
  return graph.nodes
    .filter((node) => !['Queue', 'Topic', 'Bucket', 'Table', 'Stream', 'Bus', 'Pool'].includes(node.id))
    .map((node) => `${node.id} ${node.type}`)
    .sort()
}

function lineOf(text: string, fragment: string): number {
  const index = text.indexOf(fragment)
  if (index < 0) throw new Error(`no ${fragment}`)
  return text.slice(0, index).split('\n').length
}

describe('function events generate what SAM generates', () => {
  it.each<[string, string, string[]]>([
    ['SQS', 'Queue: !GetAtt Queue.Arn', ['FnE AWS::Lambda::EventSourceMapping']],
    ['Kinesis', 'Stream: !GetAtt Stream.Arn\nStartingPosition: LATEST', ['FnE AWS::Lambda::EventSourceMapping']],
    ['DynamoDB', 'Stream: !GetAtt Table.StreamArn\nStartingPosition: LATEST', ['FnE AWS::Lambda::EventSourceMapping']],
    ['MSK', 'Stream: arn:aws:kafka:us-east-1:123456789012:cluster/c/1\nTopics: [t]\nStartingPosition: LATEST', ['FnE AWS::Lambda::EventSourceMapping']],
    [
      'MQ',
      'Broker: arn:aws:mq:us-east-1:123456789012:broker:b:b-1\nQueues: [q]\nSourceAccessConfigurations: [{Type: BASIC_AUTH, URI: arn:aws:secretsmanager:us-east-1:123456789012:secret:s}]',
      ['FnE AWS::Lambda::EventSourceMapping'],
    ],
    ['SelfManagedKafka', "KafkaBootstrapServers: ['a:9092']\nTopics: [t]", ['FnE AWS::Lambda::EventSourceMapping']],
    [
      'DocumentDB',
      'Cluster: arn:aws:rds:us-east-1:123456789012:cluster:c\nDatabaseName: d\nSourceAccessConfigurations: [{Type: BASIC_AUTH, URI: arn:aws:secretsmanager:us-east-1:123456789012:secret:s}]',
      ['FnE AWS::Lambda::EventSourceMapping'],
    ],
    ['SNS', 'Topic: !Ref Topic', ['FnE AWS::SNS::Subscription', 'FnEPermission AWS::Lambda::Permission']],
    [
      'SNS',
      'Topic: !Ref Topic\nSqsSubscription: true',
      ['FnE AWS::SNS::Subscription', 'FnEEventSourceMapping AWS::Lambda::EventSourceMapping', 'FnEQueue AWS::SQS::Queue', 'FnEQueuePolicy AWS::SQS::QueuePolicy'],
    ],
    ['S3', 'Bucket: !Ref Bucket\nEvents: s3:ObjectCreated:*', ['FnEPermission AWS::Lambda::Permission']],
    ['EventBridgeRule', 'Pattern: {source: [orders]}', ['FnE AWS::Events::Rule', 'FnEPermission AWS::Lambda::Permission']],
    [
      'EventBridgeRule',
      'Pattern: {source: [orders]}\nDeadLetterConfig: {Type: SQS}',
      ['FnE AWS::Events::Rule', 'FnEPermission AWS::Lambda::Permission', 'FnEQueue AWS::SQS::Queue', 'FnEQueuePolicy AWS::SQS::QueuePolicy'],
    ],
    ['CloudWatchEvent', 'Pattern: {source: [orders]}', ['FnE AWS::Events::Rule', 'FnEPermission AWS::Lambda::Permission']],
    ['Schedule', 'Schedule: rate(5 minutes)', ['FnE AWS::Events::Rule', 'FnEPermission AWS::Lambda::Permission']],
    ['ScheduleV2', 'ScheduleExpression: rate(5 minutes)', ['FnE AWS::Scheduler::Schedule', 'FnERole AWS::IAM::Role']],
    ['ScheduleV2', 'ScheduleExpression: rate(5 minutes)\nDeadLetterConfig: {Type: SQS}', ['FnE AWS::Scheduler::Schedule', 'FnEQueue AWS::SQS::Queue', 'FnERole AWS::IAM::Role']],
    [
      'Api',
      'Path: /orders\nMethod: get',
      [
        'FnEPermissionProd AWS::Lambda::Permission',
        'ServerlessRestApi AWS::ApiGateway::RestApi',
        'ServerlessRestApiDeploymente4963765ba AWS::ApiGateway::Deployment',
        'ServerlessRestApiProdStage AWS::ApiGateway::Stage',
      ],
    ],
    ['HttpApi', 'Path: /orders\nMethod: post', ['FnEPermission AWS::Lambda::Permission', 'ServerlessHttpApi AWS::ApiGatewayV2::Api', 'ServerlessHttpApiApiGatewayDefaultStage AWS::ApiGatewayV2::Stage']],
    ['CloudWatchLogs', "LogGroupName: /app\nFilterPattern: ''", ['FnE AWS::Logs::SubscriptionFilter', 'FnEPermission AWS::Lambda::Permission']],
    ['IoTRule', 'Sql: "SELECT * FROM \'a\'"', ['FnE AWS::IoT::TopicRule', 'FnEPermission AWS::Lambda::Permission']],
    ['Cognito', 'UserPool: !Ref Pool\nTrigger: PreSignUp', ['FnCognitoPermission AWS::Lambda::Permission']],
    ['AlexaSkill', 'SkillId: amzn1.ask.skill.x', ['FnEPermission AWS::Lambda::Permission']],
  ])('%s (%s)', (type, properties, expected) => {
    const event = `Events:\n  E:\n    Type: ${type}\n    Properties:\n${properties
      .split('\n')
      .map((line) => `      ${line}`)
      .join('\n')}`
    const extra = '  Bucket:\n    Type: AWS::S3::Bucket\n  Pool:\n    Type: AWS::Cognito::UserPool\n  Stream:\n    Type: AWS::Kinesis::Stream\n  Table:\n    Type: AWS::DynamoDB::Table\n'
    const graph = graphOf(fnTemplate(event, extra))
    expect(generatedIds(graph)).toEqual(['Fn AWS::Lambda::Function', 'FnRole AWS::IAM::Role', ...expected].sort())
  })

  it('passes event source mapping properties through, renaming the source and moving Kafka settings', () => {
    const graph = graphOf(
      fnTemplate(`Events:
  Q:
    Type: SQS
    Properties: {Queue: !GetAtt Queue.Arn, BatchSize: 5, FunctionResponseTypes: [ReportBatchItemFailures], ScalingConfig: {MaximumConcurrency: 2}}
  K:
    Type: SelfManagedKafka
    Properties: {KafkaBootstrapServers: ['a:9092'], Topics: [t], ConsumerGroupId: g}
  S:
    Type: Kinesis
    Properties: {Stream: arn:aws:kinesis:us-east-1:123456789012:stream/s, StartingPosition: LATEST, DestinationConfig: {OnFailure: {Type: SQS, Destination: !GetAtt Queue.Arn}}}`),
    )
    expect(graph.get('FnQ')!.props).toEqual({
      FunctionName: {Ref: 'Fn'},
      EventSourceArn: {'Fn::GetAtt': ['Queue', 'Arn']},
      BatchSize: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: {MaximumConcurrency: 2},
    })
    expect(graph.get('FnK')!.props).toEqual({
      FunctionName: {Ref: 'Fn'},
      Topics: ['t'],
      SelfManagedEventSource: {Endpoints: {KafkaBootstrapServers: ['a:9092']}},
      SelfManagedKafkaEventSourceConfig: {ConsumerGroupId: 'g'},
    })
    expect(graph.get('FnS')!.props.DestinationConfig).toEqual({OnFailure: {Destination: {'Fn::GetAtt': ['Queue', 'Arn']}}})
    const role = graph.get('FnRole')!
    expect(role.props.ManagedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaKinesisExecutionRole',
    ])
    expect(role.props.Policies).toEqual([{PolicyName: 'FnSSQSPolicy', PolicyDocument: {Statement: [{Action: 'sqs:SendMessage', Effect: 'Allow', Resource: {'Fn::GetAtt': ['Queue', 'Arn']}}]}}])
    expect((role.props.Policies as Array<{PolicyDocument: {Statement: Array<Record<string, unknown>>}}>)[0]!.PolicyDocument.Statement[0]!.SamPolicyTemplate).toBe('FnSSQSPolicy')
  })

  it('puts a queue between topic and function for SqsSubscription, or uses the queue given', () => {
    const graph = graphOf(
      fnTemplate(`Events:
  Own:
    Type: SNS
    Properties: {Topic: !Ref Topic, SqsSubscription: {BatchSize: 3, QueueArn: !GetAtt Queue.Arn, QueueUrl: !Ref Queue}}`),
    )
    expect(generatedIds(graph)).toEqual([
      'Fn AWS::Lambda::Function',
      'FnOwn AWS::SNS::Subscription',
      'FnOwnEventSourceMapping AWS::Lambda::EventSourceMapping',
      'FnOwnQueuePolicy AWS::SQS::QueuePolicy',
      'FnRole AWS::IAM::Role',
    ])
    expect(graph.get('FnOwn')!.props).toEqual({Protocol: 'sqs', Endpoint: {'Fn::GetAtt': ['Queue', 'Arn']}, TopicArn: {Ref: 'Topic'}})
    expect(graph.get('FnOwnEventSourceMapping')!.props).toEqual({BatchSize: 3, Enabled: true, EventSourceArn: {'Fn::GetAtt': ['Queue', 'Arn']}, FunctionName: {Ref: 'Fn'}})
    expect(graph.get('FnOwnQueuePolicy')!.props.Queues).toEqual([{Ref: 'Queue'}])
  })

  it('adds S3 notifications to the bucket and Cognito triggers to the user pool, located at the event', () => {
    const text = fnTemplate(
      `Events:
  Upload:
    Type: S3
    Properties: {Bucket: !Ref Bucket, Events: [s3:ObjectCreated:*, s3:ObjectRemoved:*]}
  SignUp:
    Type: Cognito
    Properties: {UserPool: !Ref Pool, Trigger: [PreSignUp]}`,
      '  Bucket:\n    Type: AWS::S3::Bucket\n  Pool:\n    Type: AWS::Cognito::UserPool\n',
    )
    const graph = graphOf(text)
    const bucket = graph.get('Bucket')!
    expect(bucket.props.NotificationConfiguration).toEqual({
      LambdaConfigurations: [
        {Event: 's3:ObjectCreated:*', Function: {'Fn::GetAtt': ['Fn', 'Arn']}},
        {Event: 's3:ObjectRemoved:*', Function: {'Fn::GetAtt': ['Fn', 'Arn']}},
      ],
    })
    expect(bucket.locate(['NotificationConfiguration', 'LambdaConfigurations', 1])?.line).toBe(lineOf(text, 'Properties: {Bucket'))
    expect(graph.get('Pool')!.props.LambdaConfig).toEqual({PreSignUp: {'Fn::GetAtt': ['Fn', 'Arn']}})
    expect(graph.get('FnCognitoPermission')!.props.SourceArn).toEqual({'Fn::GetAtt': ['Pool', 'Arn']})
  })

  it('builds rule targets with dead-letter config and retry policy, and a ScheduleV2 role that may invoke and dead-letter', () => {
    const text = fnTemplate(`Events:
  Orders:
    Type: EventBridgeRule
    Properties:
      Pattern: {source: [orders]}
      EventBusName: orders
      DeadLetterConfig: {Type: SQS}
      RetryPolicy: {MaximumRetryAttempts: 2}
  Nightly:
    Type: ScheduleV2
    Properties:
      ScheduleExpression: cron(0 1 * * ? *)
      DeadLetterConfig: {Arn: !GetAtt Queue.Arn}
      RetryPolicy: {MaximumRetryAttempts: 1}`)
    const graph = graphOf(text)
    expect(graph.get('FnOrders')!.props).toEqual({
      EventPattern: {source: ['orders']},
      EventBusName: 'orders',
      Targets: [{Arn: {'Fn::GetAtt': ['Fn', 'Arn']}, Id: 'FnOrdersLambdaTarget', DeadLetterConfig: {Arn: {'Fn::GetAtt': ['FnOrdersQueue', 'Arn']}}, RetryPolicy: {MaximumRetryAttempts: 2}}],
    })
    expect(graph.get('FnOrdersQueuePolicy')!.props.PolicyDocument).toMatchObject({
      Statement: [{Principal: {Service: 'events.amazonaws.com'}, Condition: {ArnEquals: {'aws:SourceArn': {'Fn::GetAtt': ['FnOrders', 'Arn']}}}}],
    })
    expect(graph.get('FnOrders')!.locate(['Targets', 0, 'DeadLetterConfig'])?.line).toBe(lineOf(text, 'DeadLetterConfig: {Type: SQS}'))
    expect(graph.get('FnOrders')!.locate(['EventPattern'])?.line).toBe(lineOf(text, 'Pattern: {source'))
    expect(graph.get('FnNightly')!.props).toEqual({
      ScheduleExpression: 'cron(0 1 * * ? *)',
      FlexibleTimeWindow: {Mode: 'OFF'},
      Name: 'FnNightly',
      Target: {Arn: {'Fn::GetAtt': ['Fn', 'Arn']}, RoleArn: {'Fn::GetAtt': ['FnNightlyRole', 'Arn']}, DeadLetterConfig: {Arn: {'Fn::GetAtt': ['Queue', 'Arn']}}, RetryPolicy: {MaximumRetryAttempts: 1}},
    })
    expect((graph.get('FnNightlyRole')!.props.Policies as Array<{PolicyName: string}>).map((policy) => policy.PolicyName)).toEqual(['FnNightlyLambdaPolicy', 'FnNightlySQSPolicy'])
  })

  it('writes Api and HttpApi events into the implicit APIs, with the security SAM derives from Auth', () => {
    const text = `${HEADER}Globals:
  Api:
    Auth:
      DefaultAuthorizer: AWS_IAM
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      InlineCode: x
      Events:
        Get:
          Type: Api
          Properties: {Path: /orders, Method: get}
        Open:
          Type: Api
          Properties: {Path: /health, Method: get, Auth: {Authorizer: NONE}}
        Any:
          Type: HttpApi
`
    const graph = graphOf(text)
    const rest = graph.get('ServerlessRestApi')!
    const paths = (rest.props.Body as {paths: Record<string, Record<string, Record<string, unknown>>>}).paths
    expect(paths['/orders']!.get!.security).toEqual([{AWS_IAM: []}])
    expect(paths['/health']!.get!.security).toBeUndefined()
    expect(rest.locate(['Body', 'paths', '/health', 'get'])?.line).toBe(lineOf(text, 'Properties: {Path: /health'))
    expect(graph.get('FnGetPermissionProd')!.props.SourceArn).toEqual({
      'Fn::Sub': ['arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/GET/orders', {__ApiId__: {Ref: 'ServerlessRestApi'}, __Stage__: '*'}],
    })
    const http = graph.get('ServerlessHttpApi')!
    expect(Object.keys((http.props.Body as {paths: object}).paths)).toEqual(['$default'])
    expect(graph.get('ServerlessHttpApiApiGatewayDefaultStage')!.props).toMatchObject({ApiId: {Ref: 'ServerlessHttpApi'}, StageName: '$default', AutoDeploy: true})
  })
})

describe('function properties', () => {
  it('publishes a version with the hash SAM computes and points event sources at the alias', () => {
    const text = `${HEADER}Resources:
  Queue:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      CodeUri: s3://artifacts/orders.zip
      MemorySize: 512
      Environment: {Variables: {TABLE: orders}}
      AutoPublishAlias: live
      ProvisionedConcurrencyConfig: {ProvisionedConcurrentExecutions: 2}
      Events:
        Q:
          Type: SQS
          Properties: {Queue: !GetAtt Queue.Arn}
`
    const graph = graphOf(text)
    // The id SAM 1.110 generates for this very function.
    expect(graph.get('FnVersion8672ebc816')?.type).toBe('AWS::Lambda::Version')
    expect(graph.get('Fn')!.props.Code).toEqual({S3Bucket: 'artifacts', S3Key: 'orders.zip'})
    expect(graph.get('FnAliaslive')!.props).toEqual({
      FunctionName: {Ref: 'Fn'},
      FunctionVersion: {'Fn::GetAtt': ['FnVersion8672ebc816', 'Version']},
      Name: 'live',
      ProvisionedConcurrencyConfig: {ProvisionedConcurrentExecutions: 2},
    })
    expect(graph.get('FnAliaslive')!.locate(['ProvisionedConcurrencyConfig'])?.line).toBe(lineOf(text, 'ProvisionedConcurrencyConfig'))
    expect(graph.get('FnQ')!.props.FunctionName).toEqual({Ref: 'FnAliaslive'})
    // The alias stands for the function in typed edges.
    expect(graph.in('Fn', 'triggers').map((edge) => edge.from)).toEqual(['FnQ'])
  })

  it('turns DeadLetterQueue into DeadLetterConfig and a role policy, located at DeadLetterQueue', () => {
    const text = fnTemplate('DeadLetterQueue: {Type: SNS, TargetArn: !Ref Topic}')
    const graph = graphOf(text)
    expect(graph.get('Fn')!.props.DeadLetterConfig).toEqual({TargetArn: {Ref: 'Topic'}})
    expect(graph.get('Fn')!.locate(['DeadLetterConfig', 'TargetArn'])?.line).toBe(lineOf(text, 'DeadLetterQueue:'))
    const role = graph.get('FnRole')!
    expect(role.props.Policies).toEqual([{PolicyName: 'DeadLetterQueuePolicy', PolicyDocument: {Version: '2012-10-17', Statement: [{Action: 'sns:Publish', Resource: {Ref: 'Topic'}, Effect: 'Allow'}]}}])
    expect(role.locate(['Policies', 0, 'PolicyDocument', 'Statement', 0])?.line).toBe(lineOf(text, 'DeadLetterQueue:'))
    expect(graph.out('Fn', 'dead-letters-to').map((edge) => edge.to)).toEqual(['Topic'])
  })

  it('creates the destinations EventInvokeConfig asks for by type, and lets the role use them', () => {
    const text = fnTemplate(`EventInvokeConfig:
  MaximumRetryAttempts: 0
  DestinationConfig:
    OnFailure:
      Type: SQS
    OnSuccess:
      Type: EventBridge
      Destination: arn:aws:events:us-east-1:123456789012:event-bus/default`)
    const graph = graphOf(text)
    expect(graph.get('FnEventInvokeConfigOnFailureQueue')?.type).toBe('AWS::SQS::Queue')
    expect(graph.get('FnEventInvokeConfig')!.props).toEqual({
      FunctionName: {Ref: 'Fn'},
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 0,
      DestinationConfig: {
        OnSuccess: {Destination: 'arn:aws:events:us-east-1:123456789012:event-bus/default'},
        OnFailure: {Destination: {'Fn::GetAtt': ['FnEventInvokeConfigOnFailureQueue', 'Arn']}},
      },
    })
    expect((graph.get('FnRole')!.props.Policies as Array<{PolicyName: string}>).map((policy) => policy.PolicyName)).toEqual([
      'FnEventInvokeConfigOnSuccessEventBridgePolicy',
      'FnEventInvokeConfigOnFailureSQSPolicy',
    ])
    expect(graph.get('FnEventInvokeConfigOnFailureQueue')!.locate([])?.line).toBe(lineOf(text, 'Type: SQS'))
    expect(graph.get('FnEventInvokeConfig')!.locate(['MaximumRetryAttempts'])?.line).toBe(lineOf(text, 'MaximumRetryAttempts'))
    expect(graph.out('FnEventInvokeConfig', 'dead-letters-to').map((edge) => edge.to)).toEqual(['FnEventInvokeConfigOnFailureQueue'])
  })

  it('gives a public function URL both permissions SAM writes', () => {
    const graph = graphOf(fnTemplate('FunctionUrlConfig: {AuthType: NONE, InvokeMode: RESPONSE_STREAM}'))
    expect(graph.get('FnUrl')!.props).toEqual({TargetFunctionArn: {Ref: 'Fn'}, AuthType: 'NONE', InvokeMode: 'RESPONSE_STREAM'})
    expect(graph.get('FnUrlPublicPermissions')!.props).toEqual({Action: 'lambda:InvokeFunctionUrl', FunctionName: {Ref: 'Fn'}, Principal: '*', FunctionUrlAuthType: 'NONE'})
    expect(graph.get('FnURLInvokeAllowPublicAccess')!.props).toEqual({Action: 'lambda:InvokeFunction', FunctionName: {Ref: 'Fn'}, Principal: '*', InvokedViaFunctionUrl: true})
  })

  it('writes tags as a list after the lambda:createdBy tag, and adds the VPC and X-Ray policies SAM adds', () => {
    const graph = graphOf(fnTemplate('Tags: {team: orders}\nTracing: PassThrough\nVpcConfig: {SubnetIds: [s], SecurityGroupIds: [g]}'))
    expect(graph.get('Fn')!.props.Tags).toEqual([
      {Key: 'lambda:createdBy', Value: 'SAM'},
      {Key: 'team', Value: 'orders'},
    ])
    expect(graph.get('FnRole')!.props.ManagedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
    ])
  })
})

describe('Policies', () => {
  const text = fnTemplate(`Policies:
  - SQSPollerPolicy:
      QueueName: !GetAtt Queue.QueueName
  - AWSLambdaBasicExecutionRole
  - AmazonSQSFullAccess
  - Statement:
      - Effect: Allow
        Action: s3:GetObject
        Resource: '*'
  - !Ref SharedPolicy
  - NoSuchTemplate: {}`)
  const graph = graphOf(text)
  const role = graph.get('FnRole')!
  const policies = role.props.Policies as Array<{PolicyName: string; PolicyDocument: {Statement: Array<Record<string, unknown>>}}>

  it('names inline policies by their index in Policies, expands templates with Fn::Sub variables, and maps managed names to ARNs', () => {
    expect(policies.map((policy) => policy.PolicyName)).toEqual(['FnRolePolicy0', 'FnRolePolicy3'])
    expect(policies[0]!.PolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: ['sqs:ChangeMessageVisibility', 'sqs:ChangeMessageVisibilityBatch', 'sqs:DeleteMessage', 'sqs:DeleteMessageBatch', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'],
        Resource: {'Fn::Sub': ['arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${queueName}', {queueName: {'Fn::GetAtt': ['Queue', 'QueueName']}}]},
      },
    ])
    expect(policies[0]!.PolicyDocument.Statement[0]!.SamPolicyTemplate).toBe('SQSPollerPolicy')
    // The mark is for rules only: CloudFormation would reject it in a policy, so it never reaches the written template.
    expect(JSON.stringify(policies[0])).not.toContain('SamPolicyTemplate')
    expect(policies[1]!.PolicyDocument.Statement[0]!.SamPolicyTemplate).toBeUndefined()
    expect(role.props.ManagedPolicyArns).toEqual(['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', 'arn:aws:iam::aws:policy/AmazonSQSFullAccess', {Ref: 'SharedPolicy'}])
  })

  it('locates a written statement at its line and a template at its entry', () => {
    expect(role.locate(['Policies', 1, 'PolicyDocument', 'Statement', 0, 'Resource'])?.line).toBe(lineOf(text, "Resource: '*'"))
    expect(role.locate(['Policies', 0, 'PolicyDocument', 'Statement', 0])?.line).toBe(lineOf(text, 'SQSPollerPolicy'))
    expect(role.locate(['ManagedPolicyArns', 1])?.line).toBe(lineOf(text, 'Policies:'))
  })

  it('gives the role a publishes-to edge through the template parameter', () => {
    expect(graph.out('FnRole', 'publishes-to')).toEqual([])
    const sender = graphOf(fnTemplate('Policies: [SQSSendMessagePolicy: {QueueName: !GetAtt Queue.QueueName}, LambdaInvokePolicy: {FunctionName: !Ref Other}]', '  Other:\n    Type: AWS::Lambda::Function\n'))
    expect(sender.out('FnRole', 'publishes-to').map((edge) => edge.to)).toEqual(['Queue'])
    expect(sender.out('FnRole', 'invokes').map((edge) => edge.to)).toEqual(['Other'])
  })

  it('holds every SAM policy template and expands each with its parameters', () => {
    expect(KNOWN_POLICY_TEMPLATES).toHaveLength(81)
    for (const name of KNOWN_POLICY_TEMPLATES) {
      const parameters = Object.fromEntries(policyTemplateParameters(name)!.map((parameter) => [parameter, {Ref: `My${parameter}`}]))
      const statements = expandPolicyTemplate(name, parameters)
      expect(statements, name).toBeDefined()
      for (const statement of statements!) expect(statement.SamPolicyTemplate).toBe(name)
      // Every parameter ends up in the statements, as SAM's substitution leaves no template parameter behind.
      for (const parameter of Object.keys(parameters)) expect(JSON.stringify(statements), `${name} ${parameter}`).toContain(`"My${parameter}"`)
    }
  })

  it('does not expand a template whose parameters are missing (SAM rejects it)', () => {
    expect(expandPolicyTemplate('SQSPollerPolicy', {})).toBeUndefined()
    expect(expandPolicyTemplate('VPCAccessPolicy', {})).toHaveLength(1)
  })

  it.each([
    ['AWSLambdaBasicExecutionRole', 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
    ['AWSLambdaVPCAccessExecutionRole', 'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole'],
    ['ViewOnlyAccess', 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'],
    ['AmazonDynamoDBReadOnlyAccess', 'arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess'],
    ['arn:aws:iam::123456789012:policy/mine', 'arn:aws:iam::123456789012:policy/mine'],
  ])('maps the managed policy %s to %s', (name, arn) => {
    expect(managedPolicyArn(name)).toBe(arn)
  })
})

describe('Globals', () => {
  const text = `${HEADER}Globals:
  Function:
    Runtime: python3.12
    Timeout: 10
    Tracing: Active
    Policies: [AmazonSQSFullAccess]
    Environment:
      Variables: {STAGE: prod, LOG_LEVEL: info}
    Layers: [arn:aws:lambda:us-east-1:123456789012:layer:shared:1]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      InlineCode: x
      Timeout: 30
      Environment:
        Variables: {LOG_LEVEL: debug}
      Layers: [arn:aws:lambda:us-east-1:123456789012:layer:own:1]
`
  const graph = graphOf(text)
  const fn = graph.get('Fn')!

  it('merges maps, appends lists after the Globals items, and lets the function override the rest', () => {
    expect(fn.props).toMatchObject({
      Runtime: 'python3.12',
      Timeout: 30,
      TracingConfig: {Mode: 'Active'},
      Environment: {Variables: {STAGE: 'prod', LOG_LEVEL: 'debug'}},
      Layers: ['arn:aws:lambda:us-east-1:123456789012:layer:shared:1', 'arn:aws:lambda:us-east-1:123456789012:layer:own:1'],
    })
  })

  it('inherits only what SAM lets Globals set (Policies is not one of them)', () => {
    expect(graph.get('FnRole')!.props.ManagedPolicyArns).toEqual(['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', 'arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess'])
  })

  it.each<[Array<string | number>, string]>([
    [['Runtime'], '    Runtime: python3.12'],
    [['Timeout'], '      Timeout: 30'],
    [['TracingConfig', 'Mode'], '    Tracing: Active'],
    [['Environment', 'Variables', 'STAGE'], 'Variables: {STAGE'],
    [['Environment', 'Variables', 'LOG_LEVEL'], 'Variables: {LOG_LEVEL: debug}'],
    [['Layers', 0], 'Layers: [arn:aws:lambda:us-east-1:123456789012:layer:shared'],
    [['Layers', 1], 'Layers: [arn:aws:lambda:us-east-1:123456789012:layer:own'],
  ])('locates %j where it was written', (path, fragment) => {
    expect(fn.locate(path)?.line).toBe(lineOf(text, fragment))
  })
})

describe('other SAM resources', () => {
  it('expands a state machine with its role, policies and events', () => {
    const text = `${HEADER}Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties: {Handler: a, Runtime: nodejs20.x, Role: arn:aws:iam::123456789012:role/r, Code: {ZipFile: x}}
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: s3://defs/flow.json
      Tracing: {Enabled: true}
      Policies: [LambdaInvokePolicy: {FunctionName: !Ref Fn}]
      Events:
        OnOrder:
          Type: EventBridgeRule
          Properties: {Pattern: {source: [orders]}, DeadLetterConfig: {Type: SQS}}
        Nightly:
          Type: ScheduleV2
          Properties: {ScheduleExpression: rate(1 day)}
        Start:
          Type: Api
          Properties: {Path: /start, Method: post}
`
    const graph = graphOf(text)
    expect(generatedIds(graph)).toEqual(
      [
        'Fn AWS::Lambda::Function',
        'Flow AWS::StepFunctions::StateMachine',
        'FlowNightly AWS::Scheduler::Schedule',
        'FlowNightlyRole AWS::IAM::Role',
        'FlowOnOrder AWS::Events::Rule',
        'FlowOnOrderQueue AWS::SQS::Queue',
        'FlowOnOrderQueuePolicy AWS::SQS::QueuePolicy',
        'FlowOnOrderRole AWS::IAM::Role',
        'FlowRole AWS::IAM::Role',
        'FlowStartRole AWS::IAM::Role',
        'ServerlessRestApi AWS::ApiGateway::RestApi',
        'ServerlessRestApiDeployment56e27f03b7 AWS::ApiGateway::Deployment',
        'ServerlessRestApiProdStage AWS::ApiGateway::Stage',
      ].sort(),
    )
    const machine = graph.get('Flow')!
    expect(machine.props).toMatchObject({DefinitionS3Location: {Bucket: 'defs', Key: 'flow.json'}, TracingConfiguration: {Enabled: true}, RoleArn: {'Fn::GetAtt': ['FlowRole', 'Arn']}})
    expect(machine.locate(['TracingConfiguration', 'Enabled'])?.line).toBe(lineOf(text, 'Tracing:'))
    expect(graph.out('FlowRole', 'invokes').map((edge) => edge.to)).toEqual(['Fn'])
    expect(
      graph
        .in('Flow', 'triggers')
        .map((edge) => edge.from)
        .sort(),
    ).toEqual(['FlowNightly', 'FlowOnOrder'])
    expect(graph.out('FlowOnOrder', 'dead-letters-to').map((edge) => edge.to)).toEqual(['FlowOnOrderQueue'])
    expect(graph.out('FlowOnOrderRole', 'publishes-to').map((edge) => edge.to)).toEqual(['Flow'])
  })

  it('expands a SimpleTable into an on-demand table keyed as written, keeping its deletion policy', () => {
    const graph = graphOf(`${HEADER}Resources:\n  T:\n    Type: AWS::Serverless::SimpleTable\n    DeletionPolicy: Retain\n    Properties:\n      PrimaryKey: {Name: pk, Type: Number}\n      Tags: {team: a}\n`)
    const table = graph.get('T')!
    expect(table.props).toEqual({
      AttributeDefinitions: [{AttributeName: 'pk', AttributeType: 'N'}],
      KeySchema: [{AttributeName: 'pk', KeyType: 'HASH'}],
      BillingMode: 'PAY_PER_REQUEST',
      Tags: [{Key: 'team', Value: 'a'}],
    })
    expect(table.deletionPolicy).toBe('Retain')
  })

  it('names explicit API stages after their StageName', () => {
    const graph = graphOf(
      `${HEADER}Resources:\n  Rest:\n    Type: AWS::Serverless::Api\n    Properties: {StageName: dev, TracingEnabled: true}\n  Http:\n    Type: AWS::Serverless::HttpApi\n    Properties: {StageName: dev}\n`,
    )
    expect(generatedIds(graph)).toEqual([
      'Http AWS::ApiGatewayV2::Api',
      'HttpdevStage AWS::ApiGatewayV2::Stage',
      'Rest AWS::ApiGateway::RestApi',
      'RestDeployment5332c373d4 AWS::ApiGateway::Deployment',
      'RestdevStage AWS::ApiGateway::Stage',
    ])
    expect(graph.get('RestdevStage')!.props).toMatchObject({RestApiId: {Ref: 'Rest'}, StageName: 'dev', TracingEnabled: true})
  })
})

describe('connectors', () => {
  const text = `${HEADER}Resources:
  Queue:
    Type: AWS::SQS::Queue
  Topic:
    Type: AWS::SNS::Topic
  Bus:
    Type: AWS::Events::EventBus
    Properties: {Name: b}
  Fn:
    Type: AWS::Serverless::Function
    Properties: {Handler: a, Runtime: nodejs20.x, InlineCode: x}
  ToQueue:
    Type: AWS::Serverless::Connector
    Properties:
      Source: {Id: Fn}
      Destination: {Id: Queue}
      Permissions: [Write]
  ToMany:
    Type: AWS::Serverless::Connector
    Properties:
      Source: {Id: Fn}
      Destination: [{Id: Bus}, {Id: Queue}]
      Permissions: [Write]
  FromTopic:
    Type: AWS::Serverless::Connector
    Properties:
      Source: {Id: Topic}
      Destination: {Id: Fn}
      Permissions: [Write]
  TopicToQueue:
    Type: AWS::Serverless::Connector
    Properties:
      Source: {Id: Topic}
      Destination: {Id: Queue}
      Permissions: [Write]
`
  const graph = graphOf(text)

  it('generates what SAM generates, with the ids it gives them', () => {
    expect(
      graph.nodes
        .filter((node) => node.origin.declaredType === 'AWS::Serverless::Connector')
        .map((node) => `${node.id} ${node.type}`)
        .sort(),
    ).toEqual([
      'FromTopicWriteLambdaPermission AWS::Lambda::Permission',
      'ToManyPolicyDestination0 AWS::IAM::ManagedPolicy',
      'ToManyPolicyDestination1 AWS::IAM::ManagedPolicy',
      'ToQueuePolicy AWS::IAM::ManagedPolicy',
      'TopicToQueueQueuePolicy AWS::SQS::QueuePolicy',
    ])
  })

  it('attaches the policy to the source function role and links what it allows', () => {
    expect(graph.get('ToQueuePolicy')!.props).toEqual({
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [{Effect: 'Allow', Action: ['sqs:DeleteMessage', 'sqs:SendMessage', 'sqs:ChangeMessageVisibility', 'sqs:PurgeQueue'], Resource: [{'Fn::GetAtt': ['Queue', 'Arn']}]}],
      },
      Roles: [{Ref: 'FnRole'}],
    })
    expect(graph.out('ToQueuePolicy', 'attached-to').map((edge) => edge.to)).toEqual(['FnRole'])
    expect(
      graph
        .out('FnRole', 'publishes-to')
        .map((edge) => edge.to)
        .sort(),
    ).toEqual(['Bus', 'Queue'])
    expect(graph.get('FromTopicWriteLambdaPermission')!.props).toEqual({Action: 'lambda:InvokeFunction', FunctionName: {'Fn::GetAtt': ['Fn', 'Arn']}, Principal: 'sns.amazonaws.com', SourceArn: {Ref: 'Topic'}})
    expect(graph.in('Fn', 'triggers').map((edge) => edge.from)).toEqual(['FromTopicWriteLambdaPermission'])
    expect(graph.get('TopicToQueueQueuePolicy')!.props.Queues).toEqual([{Ref: 'Queue'}])
  })

  it('locates generated policies at the connector', () => {
    expect(graph.get('ToManyPolicyDestination1')!.locate(['Roles', 0])?.line).toBe(lineOf(text, 'Destination: [{Id: Bus}'))
    expect(graph.get('ToQueuePolicy')!.locate(['PolicyDocument', 'Statement', 0])?.line).toBe(lineOf(text, 'Permissions: [Write]'))
  })
})

describe('every generated node locates back to the user text', () => {
  const text = readFileSync(new URL('../fixtures/model/sam-everything.yaml', import.meta.url), 'utf8')
  const graph = graphOf(text)
  const generatedNodes = graph.nodes.filter((node) => node.origin.declaredType?.startsWith('AWS::Serverless::'))

  it('covers the template', () => {
    expect(generatedNodes.length).toBeGreaterThan(60)
  })

  it('leaves no undefined values in generated properties (rules iterate keys)', () => {
    const holes: string[] = []
    const walk = (value: unknown, path: string): void => {
      if (value === undefined) holes.push(path)
      else if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${path}.${index}`))
      else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, `${path}.${key}`)
    }
    for (const node of graph.nodes) walk(node.props, node.id)
    expect(holes).toEqual([])
  })

  it.each(generatedNodes.map((node) => [node.id, node] as const))('%s', (_id, node) => {
    const own = node.locate([])
    expect(own).toBeDefined()
    const written = graph.get(node.origin.logicalId!) ?? node
    const start = lineOf(text, `  ${node.origin.logicalId}:\n`)
    // Within the SAM resource that produced it (implicit APIs point at the event that created them).
    expect(own!.line, `${node.id} from ${written.id}`).toBeGreaterThanOrEqual(start)
    for (const key of Object.keys(node.props)) {
      const at = node.locate([key])
      expect(at, `${node.id}.${key}`).toBeDefined()
      const inGlobals = at!.line < lineOf(text, 'Resources:')
      expect(inGlobals || at!.line >= start, `${node.id}.${key} at ${at!.line}`).toBe(true)
    }
  })
})

describe('embedded connectors', () => {
  it('turns a resource Connectors entry into a connector named after both, located at the entry', () => {
    const text = `${HEADER}Resources:
  Queue:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Connectors:
      ToQueue:
        Properties:
          Destination: {Id: Queue}
          Permissions: [Read, Write]
    Properties: {Handler: a, Runtime: nodejs20.x, InlineCode: x}
`
    const graph = graphOf(text)
    const policy = graph.get('FnToQueuePolicy')!
    expect(policy.type).toBe('AWS::IAM::ManagedPolicy')
    expect((policy.props.PolicyDocument as {Statement: unknown[]}).Statement).toHaveLength(2)
    expect(policy.props.Roles).toEqual([{Ref: 'FnRole'}])
    expect(policy.locate(['Roles', 0])?.line).toBe(lineOf(text, 'Destination: {Id: Queue}'))
    expect(policy.locate(['PolicyDocument'])?.line).toBe(lineOf(text, 'Permissions: [Read, Write]'))
  })
})

describe('REST APIs as SAM deploys them', () => {
  // Two APIs: one with an intrinsic stage name, OpenAPI 3 and a custom domain; one whose stage name is not alphanumeric.
  const text = `${HEADER}Parameters:
  Stage: {Type: String, Default: beta}
Resources:
  Orders:
    Type: AWS::Serverless::Api
    Properties:
      StageName: !Ref Stage
      OpenApiVersion: '3.0.1'
      Domain:
        DomainName: orders.example.com
        CertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/abc
        BasePath: [/v1, /v2]
        Route53: {HostedZoneId: Z123EXAMPLE}
  Shop:
    Type: AWS::Serverless::Api
    Properties:
      StageName: live-2
  Handler:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      InlineCode: x
      Events:
        List:
          Type: Api
          Properties: {RestApiId: !Ref Orders, Path: /orders, Method: get}
        Buy:
          Type: Api
          Properties: {RestApiId: !Ref Shop, Path: /buy/, Method: post}
`

  it('generates the deployment, stage, domain and permission ids SAM computes', () => {
    expect(generatedIds(graphOf(text)).filter((id) => !id.startsWith('Handler AWS') && !id.startsWith('HandlerRole'))).toEqual([
      'ApiGatewayDomainName6b390559da AWS::ApiGateway::DomainName',
      'HandlerBuyPermissionfe6752d0c3 AWS::Lambda::Permission',
      'HandlerListPermissionStage AWS::Lambda::Permission',
      'Orders AWS::ApiGateway::RestApi',
      'OrdersDeployment37a85ba65a AWS::ApiGateway::Deployment',
      'OrdersStage AWS::ApiGateway::Stage',
      'Ordersv1BasePathMapping AWS::ApiGateway::BasePathMapping',
      'Ordersv2BasePathMapping AWS::ApiGateway::BasePathMapping',
      'RecordSetGroupfc3876e46d AWS::Route53::RecordSetGroup',
      'Shop AWS::ApiGateway::RestApi',
      'ShopDeploymentecd84e4dc0 AWS::ApiGateway::Deployment',
      'ShopStagefe6752d0c3 AWS::ApiGateway::Stage',
    ])
  })

  it('points each stage at its deployment and keeps the Stage stage only without OpenApiVersion', () => {
    const graph = graphOf(text)
    expect(graph.get('OrdersStage')!.props).toMatchObject({DeploymentId: {Ref: 'OrdersDeployment37a85ba65a'}, StageName: {Ref: 'Stage'}})
    expect(graph.get('OrdersDeployment37a85ba65a')!.props).toEqual({RestApiId: {Ref: 'Orders'}, Description: 'RestApi deployment id: 37a85ba65ad3431cf8c05c75e9a7aa4835deff55'})
    expect(graph.get('ShopDeploymentecd84e4dc0')!.props.StageName).toBe('Stage')
  })

  it('changes the deployment id when the definition changes, so CloudFormation redeploys', () => {
    const changed = generatedIds(graphOf(text.replace('Path: /orders,', 'Path: /orders/all,')))
    expect(changed.some((id) => id.startsWith('OrdersDeployment') && !id.startsWith('OrdersDeployment37a85ba65a'))).toBe(true)
  })

  it('writes permissions as SAM does: the trailing slash dropped, the region partition for REST APIs', () => {
    const permission = graphOf(text).get('HandlerBuyPermissionfe6752d0c3')!
    expect(permission.props.SourceArn).toEqual({
      'Fn::Sub': ['arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/POST/buy', {__ApiId__: {Ref: 'Shop'}, __Stage__: '*'}],
    })
  })

  it('turns path parameters into wildcards in event permissions, as SAM does', () => {
    const graph = graphOf(
      fnTemplate('Events:\n  One:\n    Type: Api\n    Properties: {Path: "/orders/{id}/{rest+}", Method: get}\n  Item:\n    Type: HttpApi\n    Properties: {Path: "/items/{id}/{proxy+}", Method: get}'),
    )
    const arn = (id: string) => (graph.get(id)!.props.SourceArn as {'Fn::Sub': [string]})['Fn::Sub'][0]
    expect(arn('FnOnePermissionProd')).toBe('arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/GET/orders/*/*')
    expect(arn('FnItemPermission')).toBe('arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/GET/items/*/*')
  })

  it('integrates a streamed response through response-streaming-invocations, with the deployment SAM hashes', () => {
    const graph = graphOf(fnTemplate('Events:\n  Stream:\n    Type: Api\n    Properties: {Path: /feed, Method: get, ResponseTransferMode: RESPONSE_STREAM}'))
    expect(graph.get('ServerlessRestApiDeployment1575910c8b')).toBeDefined()
    const body = graph.get('ServerlessRestApi')!.props.Body as {paths: Record<string, {get: Record<string, {uri: {'Fn::Sub': string}; responseTransferMode: string}>}>}
    const integration = body.paths['/feed']!.get['x-amazon-apigateway-integration']!
    expect(integration.uri['Fn::Sub']).toContain('2021-11-15/functions/${Fn.Arn}/response-streaming-invocations')
    expect(integration.responseTransferMode).toBe('STREAM')
  })

  it('locates generated domain resources on the Domain the user wrote', () => {
    const graph = graphOf(text)
    expect(graph.get('ApiGatewayDomainName6b390559da')!.locate([])?.line).toBe(lineOf(text, 'DomainName: orders.example.com'))
    expect(graph.get('RecordSetGroupfc3876e46d')!.locate([])?.line).toBe(lineOf(text, 'Route53: {HostedZoneId'))
  })

  it('gives an HttpApi route no permission of its own when the function also serves the $default route', () => {
    const graph = graphOf(fnTemplate('Events:\n  Root:\n    Type: HttpApi\n  Item:\n    Type: HttpApi\n    Properties: {Path: /items/, Method: get}'))
    expect(generatedIds(graph).filter((id) => id.includes('Permission'))).toEqual(['FnRootPermission AWS::Lambda::Permission'])
  })
})

describe('REST API auth, usage plans and WebSocket APIs as SAM expands them', () => {
  const text = `${HEADER}Resources:
  Gateway:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        DefaultAuthorizer: TokenCheck
        ApiKeyRequired: true
        UsagePlan: {CreateUsagePlan: PER_API}
        Authorizers:
          TokenCheck:
            FunctionArn: !GetAtt Checker.Arn
  Checker:
    Type: AWS::Serverless::Function
    Properties: {Handler: index.handler, Runtime: nodejs20.x, InlineCode: x}
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      InlineCode: x
      Events:
        List:
          Type: Api
          Properties: {RestApiId: !Ref Gateway, Path: /orders, Method: get}
        Health:
          Type: Api
          Properties: {RestApiId: !Ref Gateway, Path: /health, Method: get, Auth: {Authorizer: NONE, ApiKeyRequired: false}}
  Chat:
    Type: AWS::Serverless::WebSocketApi
    Properties:
      RouteSelectionExpression: $request.body.action
      Routes:
        $connect: {FunctionArn: !GetAtt Orders.Arn}
        sendMessage: {FunctionArn: !GetAtt Orders.Arn}
`
  const sam = (graph: ResourceGraph): string[] => generatedIds(graph).filter((id) => !/^(Checker|CheckerRole|Orders|OrdersRole) /.test(id))

  it('generates what SAM generates, the deployment hashed over the auth SAM writes', () => {
    expect(sam(graphOf(text))).toEqual([
      'Chat AWS::ApiGatewayV2::Api',
      'ChatConnectIntegration AWS::ApiGatewayV2::Integration',
      'ChatConnectPermission AWS::Lambda::Permission',
      'ChatConnectRoute AWS::ApiGatewayV2::Route',
      'ChatDefaultStage AWS::ApiGatewayV2::Stage',
      'ChatSendmessageIntegration AWS::ApiGatewayV2::Integration',
      'ChatSendmessagePermission AWS::Lambda::Permission',
      'ChatSendmessageRoute AWS::ApiGatewayV2::Route',
      'Gateway AWS::ApiGateway::RestApi',
      'GatewayApiKey AWS::ApiGateway::ApiKey',
      'GatewayDeployment9e043aa9ee AWS::ApiGateway::Deployment',
      'GatewayTokenCheckAuthorizerPermission AWS::Lambda::Permission',
      'GatewayUsagePlan AWS::ApiGateway::UsagePlan',
      'GatewayUsagePlanKey AWS::ApiGateway::UsagePlanKey',
      'GatewayprodStage AWS::ApiGateway::Stage',
      'OrdersHealthPermissionprod AWS::Lambda::Permission',
      'OrdersListPermissionprod AWS::Lambda::Permission',
    ])
  })

  it('writes the default authorizer and API key on each method, and none where the event opts out', () => {
    const body = graphOf(text).get('Gateway')!.props.Body as {paths: Record<string, {get: {security: unknown}}>; securityDefinitions: Record<string, unknown>}
    expect(body.paths['/orders']!.get.security).toEqual([{TokenCheck: []}, {api_key: []}])
    expect(body.paths['/health']!.get.security).toEqual([])
    expect(Object.keys(body.securityDefinitions).sort()).toEqual(['TokenCheck', 'api_key'])
  })

  it('lets API Gateway invoke the authorizer function, and points the permission at the authorizer', () => {
    const graph = graphOf(text)
    const permission = graph.get('GatewayTokenCheckAuthorizerPermission')!
    expect(permission.props).toMatchObject({FunctionName: {'Fn::GetAtt': ['Checker', 'Arn']}, Principal: 'apigateway.amazonaws.com'})
    expect(permission.locate([])?.line).toBe(lineOf(text, 'FunctionArn: !GetAtt Checker.Arn'))
  })

  it('gives each WebSocket route its integration and a permission for its stage', () => {
    const graph = graphOf(text)
    expect(graph.get('ChatSendmessagePermission')!.props.SourceArn).toEqual({'Fn::Sub': 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Chat.ApiId}/default/sendMessage'})
    expect(graph.get('ChatSendmessageRoute')!.locate([])?.line).toBe(lineOf(text, 'sendMessage: {FunctionArn'))
  })
})

describe('Cors on a REST API as SAM writes it', () => {
  const text = `${HEADER}Globals:
  Api:
    Cors: {AllowOrigin: "'https://example.com'", MaxAge: 600}
    OpenApiVersion: 3.0.1
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      InlineCode: x
      Events:
        Get:
          Type: Api
          Properties: {Path: /orders, Method: get}
        Put:
          Type: Api
          Properties: {Path: /orders, Method: put}
`

  it('adds the OPTIONS preflight to each path, in OpenAPI 3 form, and hashes it into the deployment', () => {
    const graph = graphOf(text)
    expect(graph.get('ServerlessRestApiDeployment2a9318b961')).toBeDefined()
    const body = graph.get('ServerlessRestApi')!.props.Body as {paths: Record<string, Record<string, Record<string, unknown>>>}
    const options = body.paths['/orders']!.options!
    expect(options.consumes).toBeUndefined()
    expect(options['x-amazon-apigateway-integration']).toMatchObject({
      type: 'mock',
      responses: {
        default: {
          responseParameters: {
            'method.response.header.Access-Control-Allow-Origin': "'https://example.com'",
            'method.response.header.Access-Control-Allow-Methods': "'GET,OPTIONS,PUT'",
            'method.response.header.Access-Control-Max-Age': 600,
          },
        },
      },
    })
    expect(options.responses).toMatchObject({200: {headers: {'Access-Control-Max-Age': {schema: {type: 'integer'}}}}})
  })
})
