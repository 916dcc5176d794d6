// AWS::Serverless::GraphQLApi: the AppSync API, its schema, data sources (with their roles and connector policies), functions, resolvers, keys, cache, domain and log role.
import {isRecord} from '../intrinsics.js'
import type {ResourceDecl} from '../template.js'
import type {PropPath} from '../types.js'
import {expandConnector} from './connectors.js'
import {type Expansion, generated, type Props, samLocator} from './expansion.js'
import {isIntrinsicLike} from './globals.js'

const RESOLVER_CODE = `
export function request(ctx) {
    return {};
}

export function response(ctx) {
    return ctx.prev.result;
}
`
const RESOLVER_RUNTIME = {Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0'}

const AUTH_CONFIG: Record<string, [string, string]> = {
  AWS_LAMBDA: ['LambdaAuthorizer', 'LambdaAuthorizerConfig'],
  OPENID_CONNECT: ['OpenIDConnect', 'OpenIDConnectConfig'],
  AMAZON_COGNITO_USER_POOLS: ['UserPool', 'UserPoolConfig'],
}

const records = (value: unknown): Array<[string, Props]> => (isRecord(value) ? Object.entries(value).flatMap(([key, item]) => (isRecord(item) ? [[key, item] as [string, Props]] : [])) : [])

const present = (value: unknown): boolean => value !== undefined && value !== null && value !== '' && value !== false && value !== 0

function withoutNulls(value: unknown): Props | undefined {
  if (!isRecord(value)) return undefined
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null && item !== undefined))
}

function appSyncAssumeRole(): Props {
  return {Version: '2012-10-17', Statement: [{Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: {Service: ['appsync.amazonaws.com']}}]}
}

export function expandGraphQlApi(expansion: Expansion, decl: ResourceDecl, props: Props): void {
  const {out} = expansion
  const id = decl.id
  const at = (path: PropPath) => samLocator(expansion, decl, undefined, () => path)
  const add = (logicalId: string, type: string, properties: Props, source: PropPath, changes: Partial<ResourceDecl> = {}): ResourceDecl => {
    const resource = {...generated(decl, logicalId, type, properties, at(source)), ...changes}
    out.push(resource)
    return resource
  }
  const apiId = {'Fn::GetAtt': [id, 'ApiId']}

  // The API: authentication (with a Lambda permission per Lambda authorizer), tags and logging.
  const auth = isRecord(props.Auth) ? props.Auth : {}
  const lambdaAuthorizers: unknown[] = []
  const authConfig = (entry: Props, primary: boolean): [string, Props] | undefined => {
    const names = typeof entry.Type === 'string' ? AUTH_CONFIG[entry.Type] : undefined
    const config = names ? withoutNulls(entry[names[0]]) : undefined
    if (!names || !config) return undefined
    if (names[1] === 'LambdaAuthorizerConfig') lambdaAuthorizers.push(config.AuthorizerUri)
    // Only the primary user pool keeps DefaultAction.
    if (!primary) delete config.DefaultAction
    return [names[1], config]
  }
  const api: Props = {Name: props.Name || id, AuthenticationType: auth.Type}
  const primary = authConfig(auth, true)
  if (primary) api[primary[0]] = primary[1]
  const additional = Array.isArray(auth.Additional)
    ? auth.Additional.filter(isRecord).map((entry) => {
        const config = authConfig(entry, false)
        return config ? {AuthenticationType: entry.Type, [config[0]]: config[1]} : {AuthenticationType: entry.Type}
      })
    : []
  if (additional.length > 0) api.AdditionalAuthenticationProviders = additional
  for (const name of ['Visibility', 'OwnerContact', 'IntrospectionConfig', 'QueryDepthLimit', 'ResolverCountLimit']) if (present(props[name])) api[name] = props[name]
  api.XrayEnabled = props.XrayEnabled
  const tags = isRecord(props.Tags) && !isIntrinsicLike(props.Tags) ? {...props.Tags} : {}
  tags['graphqlapi:createdBy'] = 'SAM'
  api.Tags = Object.entries(tags).map(([Key, Value]) => ({Key, Value}))
  let logRole = false
  if (props.Logging !== false) {
    const logging = isRecord(props.Logging) ? props.Logging : undefined
    const config: Props = {}
    if (logging && present(logging.ExcludeVerboseContent)) config.ExcludeVerboseContent = logging.ExcludeVerboseContent
    config.FieldLogLevel = (logging && present(logging.FieldLogLevel) ? logging.FieldLogLevel : undefined) ?? 'ALL'
    config.CloudWatchLogsRoleArn = logging?.CloudWatchLogsRoleArn
    if (!present(config.CloudWatchLogsRoleArn)) {
      logRole = true
      config.CloudWatchLogsRoleArn = {'Fn::GetAtt': [`${id}CloudWatchRole`, 'Arn']}
    }
    api.LogConfig = config
  }
  const apiDecl = add(id, 'AWS::AppSync::GraphQLApi', api, [], {locate: samLocator(expansion, decl, undefined, apiSource)})
  apiDecl.deletionPolicy = decl.deletionPolicy
  apiDecl.updateReplacePolicy = decl.updateReplacePolicy
  const schemaId = `${id}Schema`
  add(schemaId, 'AWS::AppSync::GraphQLSchema', {ApiId: apiId, Definition: props.SchemaInline, DefinitionS3Location: props.SchemaUri}, props.SchemaInline !== undefined ? ['SchemaInline'] : ['SchemaUri'])
  lambdaAuthorizers.forEach((arn, index) =>
    connector(expansion, decl, `${id}ToLambdaAuthConnector${index + 1}`, {Type: 'AWS::AppSync::GraphQLApi', Arn: {Ref: id}, ResourceId: apiId}, {Type: 'AWS::Lambda::Function', Arn: arn}, ['Write'], ['Auth']),
  )
  if (logRole) {
    add(
      `${id}CloudWatchRole`,
      'AWS::IAM::Role',
      {AssumeRolePolicyDocument: appSyncAssumeRole(), ManagedPolicyArns: [{'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs'}]},
      ['Logging'],
      {managed: true},
    )
  }

  for (const [name, key] of records(props.ApiKeys)) {
    add(`${id}${name}`, 'AWS::AppSync::ApiKey', {ApiId: apiId, ApiKeyId: key.ApiKeyId, Description: key.Description, Expires: key.ExpiresOn}, ['ApiKeys', name])
  }
  if (isRecord(props.Cache)) {
    const cache = props.Cache
    add(
      `${id}ApiCache`,
      'AWS::AppSync::ApiCache',
      {
        ApiId: apiId,
        ApiCachingBehavior: cache.ApiCachingBehavior,
        Type: cache.Type,
        Ttl: cache.Ttl,
        AtRestEncryptionEnabled: cache.AtRestEncryptionEnabled,
        TransitEncryptionEnabled: cache.TransitEncryptionEnabled,
      },
      ['Cache'],
    )
  }

  // Data sources: SAM names each `{Api}{Name}{DynamoDB|Lambda}DataSource`, with a role and a connector policy unless given a role.
  const dataSourceNames = new Map<string, unknown>()
  const dataSources = isRecord(props.DataSources) ? props.DataSources : {}
  for (const [name, source] of records(dataSources.DynamoDb)) {
    const sourceId = `${id}${name}DynamoDBDataSource`
    const region = present(source.Region) ? source.Region : {Ref: 'AWS::Region'}
    const config: Props = {AwsRegion: region, TableName: source.TableName}
    if (present(source.UseCallerCredentials)) config.UseCallerCredentials = source.UseCallerCredentials
    if (present(source.Versioned)) config.Versioned = source.Versioned
    if (isRecord(source.DeltaSync)) config.DeltaSyncConfig = source.DeltaSync
    const path = ['DataSources', 'DynamoDb', name]
    const roleArn = present(source.ServiceRoleArn) ? source.ServiceRoleArn : {'Fn::GetAtt': [`${sourceId}Role`, 'Arn']}
    add(sourceId, 'AWS::AppSync::DataSource', {Name: source.Name || name, Type: 'AMAZON_DYNAMODB', ApiId: apiId, Description: source.Description, DynamoDBConfig: config, ServiceRoleArn: roleArn}, path)
    dataSourceNames.set(name, {'Fn::GetAtt': [sourceId, 'Name']})
    if (present(source.ServiceRoleArn)) continue
    add(`${sourceId}Role`, 'AWS::IAM::Role', {AssumeRolePolicyDocument: appSyncAssumeRole()}, path, {managed: true})
    const tableArn = present(source.TableArn)
      ? source.TableArn
      : {'Fn::Sub': ['arn:${AWS::Partition}:dynamodb:${__Region__}:${AWS::AccountId}:table/${__TableName__}', {__TableName__: source.TableName, __Region__: region}]}
    const permissions = Array.isArray(source.Permissions) && source.Permissions.length > 0 ? source.Permissions : ['Read', 'Write']
    connector(
      expansion,
      decl,
      `${sourceId}ToTableConnector`,
      {Type: 'AWS::AppSync::DataSource', Arn: {'Fn::GetAtt': [sourceId, 'DataSourceArn']}, RoleName: {Ref: `${sourceId}Role`}},
      {Type: 'AWS::DynamoDB::Table', Arn: tableArn},
      permissions,
      path,
    )
  }
  for (const [name, source] of records(dataSources.Lambda)) {
    const sourceId = `${id}${name}LambdaDataSource`
    const path = ['DataSources', 'Lambda', name]
    const roleArn = present(source.ServiceRoleArn) ? source.ServiceRoleArn : {'Fn::GetAtt': [`${sourceId}Role`, 'Arn']}
    add(
      sourceId,
      'AWS::AppSync::DataSource',
      {Name: source.Name || name, Type: 'AWS_LAMBDA', ApiId: apiId, Description: source.Description, LambdaConfig: {LambdaFunctionArn: source.FunctionArn}, ServiceRoleArn: roleArn},
      path,
    )
    dataSourceNames.set(name, {'Fn::GetAtt': [sourceId, 'Name']})
    if (present(source.ServiceRoleArn)) continue
    add(`${sourceId}Role`, 'AWS::IAM::Role', {AssumeRolePolicyDocument: appSyncAssumeRole()}, path, {managed: true})
    connector(
      expansion,
      decl,
      `${sourceId}ToLambdaConnector`,
      {Type: 'AWS::AppSync::DataSource', Arn: {'Fn::GetAtt': [sourceId, 'DataSourceArn']}, RoleName: {Ref: `${sourceId}Role`}},
      {Type: 'AWS::Lambda::Function', Arn: source.FunctionArn},
      ['Write'],
      path,
    )
  }

  if (isRecord(props.DomainName)) {
    const domain = props.DomainName
    add(`${id}DomainName`, 'AWS::AppSync::DomainName', {CertificateArn: domain.CertificateArn, DomainName: domain.DomainName, Description: domain.Description}, ['DomainName'])
    add(`${id}DomainNameApiAssociation`, 'AWS::AppSync::DomainNameApiAssociation', {ApiId: apiId, DomainName: {Ref: `${id}DomainName`}}, ['DomainName'])
  }

  // Functions and resolvers. A data source called "none" (any case) is one NONE data source SAM adds last.
  let noneDataSource = false
  const dataSourceName = (value: unknown): unknown => {
    if (typeof value !== 'string') return value
    if (value.toLowerCase() === 'none') {
      noneDataSource = true
      return {'Fn::GetAtt': [`${id}NoneDataSource`, 'Name']}
    }
    return dataSourceNames.get(value) ?? value
  }
  const runtime = (value: unknown): Props | undefined => (isRecord(value) ? {Name: value.Name, RuntimeVersion: value.Version} : undefined)
  const functionIds = new Map<string, unknown>()
  for (const [name, fn] of records(props.Functions)) {
    if (present(fn.Id)) {
      functionIds.set(name, fn.Id)
      continue
    }
    add(
      `${id}${name}`,
      'AWS::AppSync::FunctionConfiguration',
      {
        ApiId: apiId,
        Name: fn.Name || name,
        Code: fn.InlineCode || undefined,
        CodeS3Location: fn.InlineCode ? undefined : fn.CodeUri,
        DataSourceName: dataSourceName(fn.DataSource),
        MaxBatchSize: fn.MaxBatchSize,
        Description: fn.Description,
        Runtime: runtime(fn.Runtime),
        SyncConfig: isRecord(fn.Sync) ? withoutNulls(fn.Sync) : undefined,
      },
      ['Functions', name],
    )
    functionIds.set(name, {'Fn::GetAtt': [`${id}${name}`, 'FunctionId']})
  }
  for (const [typeName, resolvers] of records(props.Resolvers)) {
    for (const [name, resolver] of records(resolvers)) {
      const code = present(resolver.InlineCode) || present(resolver.CodeUri)
      add(
        `${id}${typeName}${name}`,
        'AWS::AppSync::Resolver',
        {
          ApiId: apiId,
          Code: code ? resolver.InlineCode : RESOLVER_CODE,
          CodeS3Location: resolver.CodeUri,
          Runtime: code ? runtime(resolver.Runtime) : RESOLVER_RUNTIME,
          FieldName: resolver.FieldName || name,
          TypeName: typeName,
          Kind: 'PIPELINE',
          PipelineConfig: {Functions: (Array.isArray(resolver.Pipeline) ? resolver.Pipeline : []).map((fn: unknown) => (typeof fn === 'string' ? functionIds.get(fn) : fn))},
          CachingConfig: isRecord(resolver.Caching) ? withoutNulls(resolver.Caching) : undefined,
          MaxBatchSize: present(resolver.MaxBatchSize) ? resolver.MaxBatchSize : undefined,
        },
        ['Resolvers', typeName, name],
        {dependsOn: [schemaId]},
      )
    }
  }
  if (noneDataSource) add(`${id}NoneDataSource`, 'AWS::AppSync::DataSource', {ApiId: apiId, Name: `${id}NoneDataSource`, Type: 'NONE'}, [])
}

/** Where a property of the generated AppSync API was written on the SAM resource. */
function apiSource(path: PropPath): PropPath {
  const [head, ...rest] = path
  if (head === 'LogConfig') return ['Logging', ...rest]
  if (head === 'AuthenticationType') return ['Auth', 'Type']
  if (head === 'AdditionalAuthenticationProviders') return ['Auth', 'Additional', ...rest]
  const config = Object.values(AUTH_CONFIG).find(([, name]) => name === head)
  if (config) return ['Auth', config[0], ...rest]
  return path
}

/** A connector SAM builds and expands in place, as if written with this Source, Destination and Permissions. */
function connector(expansion: Expansion, parent: ResourceDecl, id: string, source: Props, destination: Props, permissions: unknown[], path: PropPath): void {
  const located = samLocator(expansion, parent, undefined, () => path)
  expandConnector(expansion, {
    ...parent,
    id,
    type: 'AWS::Serverless::Connector',
    props: {Source: source, Destination: destination, Permissions: permissions},
    dependsOn: undefined,
    origin: {...parent.origin, declaredType: parent.origin.declaredType ?? parent.type},
    locate: (_path, scope) => located([], scope),
  })
}
