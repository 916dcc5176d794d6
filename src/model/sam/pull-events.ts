// Function events Lambda polls (SQS, Kinesis, DynamoDB, MSK, MQ, DocumentDB, self-managed Kafka): event source mappings and the role's access.
import {asArray, get, isRecord} from '../intrinsics.js'
import type {PropPath} from '../types.js'
import {type Expansion, generated, type Props, samLocator, stripUndefined} from './expansion.js'
import {DESTINATION_ACCESS} from './event-invoke.js'
import type {FunctionContext} from './function.js'
import {SAM_MANAGED_POLICIES} from './roles.js'

/** Properties of pull events (event source mappings) that SAM passes through unchanged. */
const ESM_PASSTHROUGH = [
  'StartingPosition',
  'StartingPositionTimestamp',
  'BatchSize',
  'Enabled',
  'MaximumBatchingWindowInSeconds',
  'MaximumRetryAttempts',
  'BisectBatchOnFunctionError',
  'MaximumRecordAgeInSeconds',
  'ParallelizationFactor',
  'Topics',
  'Queues',
  'SourceAccessConfigurations',
  'TumblingWindowInSeconds',
  'FunctionResponseTypes',
  'FilterCriteria',
  'KmsKeyArn',
  'ScalingConfig',
  'ProvisionedPollerConfig',
  'MetricsConfig',
  'LoggingConfig',
  'DestinationConfig',
]

const ESM_SOURCE_PROPERTY: Record<string, string> = {SQS: 'Queue', Kinesis: 'Stream', DynamoDB: 'Stream', MSK: 'Stream', MQ: 'Broker', DocumentDB: 'Cluster'}
const ESM_MANAGED_POLICY: Record<string, string> = {
  SQS: SAM_MANAGED_POLICIES.sqs,
  Kinesis: SAM_MANAGED_POLICIES.kinesis,
  DynamoDB: SAM_MANAGED_POLICIES.dynamodb,
  MSK: SAM_MANAGED_POLICIES.msk,
}

export function expandPullEvent(expansion: Expansion, context: FunctionContext, eventName: string, type: string, p: Props): void {
  const {decl} = context
  const generatedId = `${decl.id}${eventName}`
  const esm: Props = {FunctionName: context.target.ref}
  const sourceKey = ESM_SOURCE_PROPERTY[type]
  if (sourceKey) esm.EventSourceArn = p[sourceKey]
  // A property written as null is absent to SAM.
  for (const key of ESM_PASSTHROUGH) esm[key] = p[key] ?? undefined
  const renames: Record<string, PropPath> = {EventSourceArn: [sourceKey ?? 'KafkaBootstrapServers'], FunctionName: []}
  let destinationPolicy: {name: string; statements: Props[]} | undefined
  if (isRecord(p.DestinationConfig) && isRecord(p.DestinationConfig.OnFailure)) {
    const {Type: destinationType, ...onFailure} = p.DestinationConfig.OnFailure
    esm.DestinationConfig = {...p.DestinationConfig, OnFailure: onFailure}
    // The same access SAM gives an invoke destination; an S3 destination is written `S3` here.
    const access = destinationType === 'SQS' || destinationType === 'SNS' ? DESTINATION_ACCESS[destinationType] : destinationType === 'S3' ? DESTINATION_ACCESS.S3Bucket : undefined
    if (access) destinationPolicy = {name: `${generatedId}${access.suffix}`, statements: access.statements(onFailure.Destination)}
  }
  if (p.KafkaBootstrapServers !== undefined) {
    esm.SelfManagedEventSource = {Endpoints: {KafkaBootstrapServers: p.KafkaBootstrapServers}}
    renames.SelfManagedEventSource = ['KafkaBootstrapServers']
  }
  if (p.ConsumerGroupId !== undefined || p.SchemaRegistryConfig !== undefined) {
    const config = stripUndefined({ConsumerGroupId: p.ConsumerGroupId, SchemaRegistryConfig: p.SchemaRegistryConfig})
    const key = type === 'MSK' ? 'AmazonManagedKafkaEventSourceConfig' : 'SelfManagedKafkaEventSourceConfig'
    esm[key] = config
  }
  if (type === 'DocumentDB') {
    esm.DocumentDBEventSourceConfig = stripUndefined({DatabaseName: p.DatabaseName, CollectionName: p.CollectionName, FullDocument: p.FullDocument})
  }
  const rename = (path: PropPath): PropPath => {
    const head = String(path[0])
    if (head in renames) return renames[head]!
    if (head.endsWith('EventSourceConfig')) return path.slice(1)
    return path
  }
  expansion.out.push(generated(decl, generatedId, 'AWS::Lambda::EventSourceMapping', esm, samLocator(expansion, decl, undefined, rename, ['Events', eventName, 'Properties'])))
  const managedPolicy = ESM_MANAGED_POLICY[type]
  if (managedPolicy) context.addManagedPolicy(managedPolicy)
  const source: PropPath = ['Events', eventName]
  for (const policy of pullEventPolicies(type, generatedId, p)) context.addInlinePolicy(policy.name, policy.statements, source, policy.version)
  // After the event's own policy, as SAM links it.
  if (destinationPolicy) context.addInlinePolicy(destinationPolicy.name, destinationPolicy.statements, ['Events', eventName, 'Properties', 'DestinationConfig'])
}

const VPC_ACCESS: Props = {
  Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'ec2:DescribeVpcs', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups'],
  Effect: 'Allow',
  Resource: '*',
}

const secretAccess = (uri: unknown): Props => ({Action: ['secretsmanager:GetSecretValue'], Effect: 'Allow', Resource: uri})

/** The kms:Decrypt statement for a SecretsManagerKmsKeyId (MQ writes the action as a string, the others as a list). */
function kmsAccess(keyId: unknown, asList: boolean): Props[] {
  if (keyId === undefined) return []
  return [
    {
      Action: asList ? ['kms:Decrypt'] : 'kms:Decrypt',
      Effect: 'Allow',
      Resource: {'Fn::Sub': `arn:\${AWS::Partition}:kms:\${AWS::Region}:\${AWS::AccountId}:key/${typeof keyId === 'string' ? keyId : JSON.stringify(keyId)}`},
    },
  ]
}

/** `get_schema_registry_permissions`: the registry's access secrets, and Glue's registry and schema versions. */
function schemaRegistryAccess(config: unknown): Props[] {
  if (!isRecord(config)) return []
  const statements: Props[] = []
  for (const access of asArray(config.AccessConfigs)) if (isRecord(access) && 'URI' in access) statements.push(secretAccess(access.URI))
  const uri = config.SchemaRegistryURI
  const arn = typeof uri === 'string' ? uri : get(uri, 'Fn::Sub')
  // SAM resolves pseudo parameters before it splits the ARN; their names must not count as separators.
  const parts = typeof arn === 'string' && arn.startsWith('arn') ? arn.replace(/\$\{AWS::[A-Za-z]+\}/g, 'pseudo').split(':') : []
  const segment = parts.length >= 6 ? parts[5]! : ''
  if (segment.startsWith('registry/')) {
    statements.push({Action: ['glue:GetRegistry'], Effect: 'Allow', Resource: uri})
    statements.push({Action: ['glue:GetSchemaVersion'], Effect: 'Allow', Resource: [{'Fn::Sub': `arn:\${AWS::Partition}:glue:\${AWS::Region}:\${AWS::AccountId}:schema/${segment.slice('registry/'.length)}/*`}]})
  }
  return statements
}

const SELF_MANAGED_KAFKA_AUTH = ['SASL_SCRAM_256_AUTH', 'SASL_SCRAM_512_AUTH', 'BASIC_AUTH', 'CLIENT_CERTIFICATE_TLS_AUTH']

/** The inline policies SAM's pull event sources give the function's role (`get_policy_statements`). */
function pullEventPolicies(type: string, generatedId: string, p: Props): Array<{name: string; statements: Props[]; version?: boolean}> {
  const accessConfigs = asArray(p.SourceAccessConfigurations).filter(isRecord)
  const uriOf = (accessType: string): unknown => accessConfigs.find((access) => access.Type === accessType)?.URI
  if (type === 'MQ') {
    const name = p.DynamicPolicyName === true ? `${generatedId}AMQPolicy` : 'SamAutoGeneratedAMQPolicy'
    return [{name, statements: [secretAccess(uriOf('BASIC_AUTH')), {Action: ['mq:DescribeBroker'], Effect: 'Allow', Resource: p.Broker}, ...kmsAccess(p.SecretsManagerKmsKeyId, false)]}]
  }
  if (type === 'DocumentDB') {
    const rds = 'arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}'
    return [
      {
        name: 'SamAutoGeneratedDocumentDBPolicy',
        statements: [
          secretAccess(uriOf('BASIC_AUTH')),
          {Action: ['rds:DescribeDBClusterParameters'], Effect: 'Allow', Resource: {'Fn::Sub': `${rds}:cluster-pg:*`}},
          {Action: ['rds:DescribeDBSubnetGroups'], Effect: 'Allow', Resource: {'Fn::Sub': `${rds}:subgrp:*`}},
          {Action: ['rds:DescribeDBClusters'], Effect: 'Allow', Resource: p.Cluster},
          VPC_ACCESS,
          ...kmsAccess(p.SecretsManagerKmsKeyId, true),
        ],
      },
    ]
  }
  if (type === 'MSK') {
    const statements = [...schemaRegistryAccess(p.SchemaRegistryConfig)]
    for (const access of accessConfigs) if (access.Type === 'CLIENT_CERTIFICATE_TLS_AUTH' && access.URI) statements.push(secretAccess(access.URI))
    return statements.length === 0 ? [] : [{name: 'MSKExecutionRolePolicy', statements}]
  }
  if (type === 'SelfManagedKafka') {
    const auth = accessConfigs.find((access) => SELF_MANAGED_KAFKA_AUTH.includes(String(access.Type)))?.URI
    const statements: Props[] = []
    if (auth) statements.push(secretAccess(auth))
    // SAM grants the authentication secret again (not the CA certificate's) when a root CA certificate is given.
    if (uriOf('SERVER_ROOT_CA_CERTIFICATE')) statements.push(secretAccess(auth))
    if (uriOf('VPC_SUBNET') !== undefined && uriOf('VPC_SECURITY_GROUP') !== undefined) statements.push(VPC_ACCESS)
    statements.push(...kmsAccess(p.SecretsManagerKmsKeyId, true), ...schemaRegistryAccess(p.SchemaRegistryConfig))
    // Without access configurations SAM rejects the event; an empty policy would be refused by IAM anyway.
    return statements.length === 0 ? [] : [{name: 'SelfManagedKafkaExecutionRolePolicy', statements, version: true}]
  }
  return []
}
