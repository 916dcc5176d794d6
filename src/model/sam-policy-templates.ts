// SAM policy templates (e.g. SQSPollerPolicy) expanded into the IAM statements SAM would write.

type Statement = Record<string, unknown>
type Parameters = Record<string, unknown>

const sub = (text: string, parameters: Parameters): unknown => {
  // Parameters may be intrinsics; SAM substitutes them with Fn::Sub variables, so keep them as such.
  const variables: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(parameters)) variables[name] = value
  return {'Fn::Sub': [text, variables]}
}

const arn = (service: string, resource: string): string => `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:${resource}`

/** Each template: the statements it grants for its parameters. */
const TEMPLATES: Record<string, (parameters: Parameters) => Statement[]> = {
  SQSPollerPolicy: (p) => [
    {Effect: 'Allow', Action: ['sqs:ChangeMessageVisibility', 'sqs:ChangeMessageVisibilityBatch', 'sqs:DeleteMessage', 'sqs:DeleteMessageBatch', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], Resource: sub(arn('sqs', '${QueueName}'), p)},
  ],
  SQSSendMessagePolicy: (p) => [{Effect: 'Allow', Action: ['sqs:SendMessage*'], Resource: sub(arn('sqs', '${QueueName}'), p)}],
  SNSPublishMessagePolicy: (p) => [{Effect: 'Allow', Action: ['sns:Publish'], Resource: sub(arn('sns', '${TopicName}'), p)}],
  SNSCrudPolicy: (p) => [
    {Effect: 'Allow', Action: ['sns:ListSubscriptionsByTopic', 'sns:CreateTopic', 'sns:SetTopicAttributes', 'sns:Subscribe', 'sns:Publish'], Resource: sub(arn('sns', '${TopicName}*'), p)},
  ],
  DynamoDBCrudPolicy: (p) => [
    {
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:Scan', 'dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 'dynamodb:BatchGetItem', 'dynamodb:DescribeTable', 'dynamodb:ConditionCheckItem'],
      Resource: [sub(arn('dynamodb', 'table/${TableName}'), p), sub(arn('dynamodb', 'table/${TableName}/index/*'), p)],
    },
  ],
  DynamoDBReadPolicy: (p) => [
    {
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:DescribeTable'],
      Resource: [sub(arn('dynamodb', 'table/${TableName}'), p), sub(arn('dynamodb', 'table/${TableName}/index/*'), p)],
    },
  ],
  DynamoDBWritePolicy: (p) => [
    {Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'], Resource: [sub(arn('dynamodb', 'table/${TableName}'), p), sub(arn('dynamodb', 'table/${TableName}/index/*'), p)]},
  ],
  DynamoDBStreamReadPolicy: (p) => [
    {Effect: 'Allow', Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], Resource: sub(arn('dynamodb', 'table/${TableName}/stream/${StreamName}'), p)},
    {Effect: 'Allow', Action: ['dynamodb:ListStreams'], Resource: sub(arn('dynamodb', 'table/${TableName}/stream/*'), p)},
  ],
  EventBridgePutEventsPolicy: (p) => [{Effect: 'Allow', Action: 'events:PutEvents', Resource: sub(arn('events', 'event-bus/${EventBusName}'), p)}],
  LambdaInvokePolicy: (p) => [{Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: sub(arn('lambda', 'function:${FunctionName}*'), p)}],
  StepFunctionsExecutionPolicy: (p) => [{Effect: 'Allow', Action: ['states:StartExecution'], Resource: sub(arn('states', 'stateMachine:${StateMachineName}'), p)}],
  S3ReadPolicy: (p) => [
    {Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation', 's3:GetObjectVersion', 's3:GetLifecycleConfiguration'], Resource: [sub('arn:${AWS::Partition}:s3:::${BucketName}', p), sub('arn:${AWS::Partition}:s3:::${BucketName}/*', p)]},
  ],
  S3WritePolicy: (p) => [
    {Effect: 'Allow', Action: ['s3:PutObject', 's3:PutObjectAcl', 's3:PutLifecycleConfiguration'], Resource: [sub('arn:${AWS::Partition}:s3:::${BucketName}', p), sub('arn:${AWS::Partition}:s3:::${BucketName}/*', p)]},
  ],
  S3CrudPolicy: (p) => [
    {
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation', 's3:GetObjectVersion', 's3:PutObject', 's3:PutObjectAcl', 's3:GetLifecycleConfiguration', 's3:PutLifecycleConfiguration', 's3:DeleteObject'],
      Resource: [sub('arn:${AWS::Partition}:s3:::${BucketName}', p), sub('arn:${AWS::Partition}:s3:::${BucketName}/*', p)],
    },
  ],
  KinesisStreamReadPolicy: (p) => [
    {Effect: 'Allow', Action: ['kinesis:ListStreams', 'kinesis:DescribeLimits'], Resource: {'Fn::Sub': arn('kinesis', 'stream/*')}},
    {Effect: 'Allow', Action: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator'], Resource: sub(arn('kinesis', 'stream/${StreamName}'), p)},
  ],
  KinesisCrudPolicy: (p) => [
    {
      Effect: 'Allow',
      Action: ['kinesis:AddTagsToStream', 'kinesis:CreateStream', 'kinesis:DecreaseStreamRetentionPeriod', 'kinesis:DeleteStream', 'kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetShardIterator', 'kinesis:IncreaseStreamRetentionPeriod', 'kinesis:ListTagsForStream', 'kinesis:MergeShards', 'kinesis:PutRecord', 'kinesis:PutRecords', 'kinesis:SplitShard', 'kinesis:RemoveTagsFromStream'],
      Resource: sub(arn('kinesis', 'stream/${StreamName}'), p),
    },
  ],
  AWSSecretsManagerGetSecretValuePolicy: (p) => [{Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: sub('${SecretArn}', p)}],
  SSMParameterReadPolicy: (p) => [
    {Effect: 'Allow', Action: ['ssm:DescribeParameters'], Resource: '*'},
    {Effect: 'Allow', Action: ['ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'], Resource: sub(arn('ssm', 'parameter/${ParameterName}'), p)},
  ],
  KMSDecryptPolicy: (p) => [{Effect: 'Allow', Action: 'kms:Decrypt', Resource: sub(arn('kms', 'key/${KeyId}'), p)}],
  KMSEncryptPolicy: (p) => [{Effect: 'Allow', Action: 'kms:Encrypt', Resource: sub(arn('kms', 'key/${KeyId}'), p)}],
  CloudWatchPutMetricPolicy: () => [{Effect: 'Allow', Action: ['cloudwatch:PutMetricData'], Resource: '*'}],
  VPCAccessPolicy: () => [{Effect: 'Allow', Action: ['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DetachNetworkInterface'], Resource: '*'}],
}

/** The statements of a SAM policy template, or undefined when the name is not a known template. */
export function expandPolicyTemplate(name: string, parameters: unknown): Statement[] | undefined {
  const template = TEMPLATES[name]
  if (!template) return undefined
  const params = typeof parameters === 'object' && parameters !== null && !Array.isArray(parameters) ? (parameters as Parameters) : {}
  return template(params).map((statement) => ({...statement, SamPolicyTemplate: name}))
}

export const KNOWN_POLICY_TEMPLATES = Object.keys(TEMPLATES)
