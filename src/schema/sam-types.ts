// AWS SAM resource types as a user writes them, described from the SAM specification (aws/serverless-application-model, schema_source/sam.schema.json and the SAM developer guide).
//
// The CloudFormation specification package carries SAM types too, but from an old SAM specification:
// it lacks properties such as SQS events' FunctionResponseTypes, LoggingConfig or PropagateTags and marks
// optional ones (EventInvokeConfig OnSuccess) as required, which would turn correct templates into findings.
// So SAM types are described here. A property SAM passes straight through to the resource it generates
// borrows that resource's shape from the specification (`cfn`), which keeps nested checks current.

/** s string, n number, b boolean, j anything. */
export type SamShape =
  | 's'
  | 'n'
  | 'b'
  | 'j'
  | {cfn: string; path: string[]}
  | {list: SamShape}
  | {map: SamShape}
  | {anyOf: SamShape[]}
  | {object: Record<string, SamShape>; required?: string[]; passThrough?: string}
  | {events: Record<string, SamShape>}

export interface SamResourceType {
  properties: Record<string, SamShape>
  required?: string[]
  /** A CloudFormation type whose properties SAM also accepts under the same name (new pass-through properties keep working). */
  passThrough?: string
  /** The generated CloudFormation type Fn::GetAtt on this resource reads. */
  getAtt?: string
  /** Free-form properties: only known names are checked for shape. */
  open?: boolean
}

const lambda = (...path: string[]): SamShape => ({cfn: 'AWS::Lambda::Function', path})
const s3Location: SamShape = {object: {Bucket: 's', Key: 's', Version: 's'}, required: ['Bucket', 'Key']}
const tags: SamShape = {map: 's'}
const strings: SamShape = {list: 's'}

/** Event-source mappings: SAM-only names, plus every AWS::Lambda::EventSourceMapping property passed through. */
const pollerEvent = (own: Record<string, SamShape>, required: string[]): SamShape => ({
  object: {Enabled: 'b', BatchSize: 'n', DestinationConfig: 'j', FilterCriteria: 'j', ...own},
  required,
  passThrough: 'AWS::Lambda::EventSourceMapping',
})

const scheduleEvent: SamShape = {
  object: {DeadLetterConfig: 'j', Description: 's', Enabled: 'b', Input: 's', Name: 's', RetryPolicy: 'j', Schedule: 's', State: 's', Target: 'j'},
}
const scheduleV2Event: SamShape = {
  object: {
    DeadLetterConfig: 'j',
    Description: 's',
    EndDate: 's',
    FlexibleTimeWindow: 'j',
    GroupName: 's',
    Input: 's',
    KmsKeyArn: 's',
    Name: 's',
    OmitName: 'b',
    PermissionsBoundary: 's',
    RetryPolicy: 'j',
    RoleArn: 's',
    ScheduleExpression: 's',
    ScheduleExpressionTimezone: 's',
    StartDate: 's',
    State: 's',
  },
}
const cloudWatchEvent: SamShape = {object: {Enabled: 'b', EventBusName: 's', Input: 's', InputPath: 's', InputTransformer: 'j', Pattern: 'j', State: 's', Target: 'j'}}
const eventBridgeRuleEvent: SamShape = {
  object: {DeadLetterConfig: 'j', EventBusName: 's', Input: 's', InputPath: 's', InputTransformer: 'j', Pattern: 'j', RetryPolicy: 'j', RuleName: 's', State: 's', Target: 'j'},
  required: ['Pattern'],
}
const apiEvent = (extra: Record<string, SamShape> = {}): SamShape => ({
  object: {Auth: 'j', Method: 's', Path: 's', RequestModel: 'j', RequestParameters: 'j', RestApiId: 's', TimeoutInMillis: 'n', ResponseTransferMode: 's', ...extra},
  required: ['Method', 'Path'],
})

const FUNCTION_EVENTS: Record<string, SamShape> = {
  S3: {object: {Bucket: 's', Events: 'j', Filter: 'j'}, required: ['Bucket', 'Events']},
  SNS: {
    object: {
      Topic: 's',
      FilterPolicy: 'j',
      FilterPolicyScope: 's',
      Region: 's',
      RedrivePolicy: 'j',
      SqsSubscription: {anyOf: ['b', {object: {BatchSize: 's', Enabled: 'b', QueueArn: 's', QueuePolicyLogicalId: 's', QueueUrl: 's'}}]},
    },
    required: ['Topic'],
  },
  Kinesis: pollerEvent({Stream: 's'}, ['Stream']),
  DynamoDB: pollerEvent({Stream: 's'}, ['Stream']),
  SQS: pollerEvent({Queue: 's'}, ['Queue']),
  MSK: pollerEvent({Stream: 's', ConsumerGroupId: 's'}, ['Stream']),
  MQ: pollerEvent({Broker: 's', Queues: strings, SecretsManagerKmsKeyId: 's', DynamicPolicyName: 'b'}, ['Broker', 'Queues']),
  SelfManagedKafka: pollerEvent({KafkaBootstrapServers: strings, ConsumerGroupId: 's'}, ['Topics']),
  DocumentDB: pollerEvent({Cluster: 's', CollectionName: 's', DatabaseName: 's', FullDocument: 's', SecretsManagerKmsKeyId: 's'}, ['Cluster', 'DatabaseName']),
  Api: apiEvent(),
  Schedule: scheduleEvent,
  ScheduleV2: scheduleV2Event,
  CloudWatchEvent: cloudWatchEvent,
  EventBridgeRule: eventBridgeRuleEvent,
  CloudWatchLogs: {object: {FilterPattern: 's', LogGroupName: 's'}, required: ['FilterPattern', 'LogGroupName']},
  IoTRule: {object: {AwsIotSqlVersion: 's', Sql: 's'}, required: ['Sql']},
  AlexaSkill: {object: {SkillId: 's'}},
  Cognito: {object: {Trigger: 'j', UserPool: 's'}, required: ['Trigger', 'UserPool']},
  HttpApi: {object: {ApiId: 's', Auth: 'j', Method: 's', Path: 's', PayloadFormatVersion: 's', RouteSettings: 'j', TimeoutInMillis: 'n'}},
}

const STATE_MACHINE_EVENTS: Record<string, SamShape> = {
  Api: apiEvent({UnescapeMappingTemplate: 'b'}),
  Schedule: scheduleEvent,
  ScheduleV2: scheduleV2Event,
  CloudWatchEvent: cloudWatchEvent,
  EventBridgeRule: eventBridgeRuleEvent,
}

const destination: SamShape = {object: {Destination: 's', Type: 's'}}

export const SAM_TYPES: Record<string, SamResourceType> = {
  'AWS::Serverless::Function': {
    passThrough: 'AWS::Lambda::Function',
    getAtt: 'AWS::Lambda::Function',
    properties: {
      Architectures: lambda('Architectures'),
      AssumeRolePolicyDocument: 'j',
      AutoPublishAlias: 's',
      AutoPublishAliasAllProperties: 'b',
      AutoPublishCodeSha256: 's',
      CodeSigningConfigArn: 's',
      CodeUri: {anyOf: ['s', s3Location]},
      DeadLetterQueue: {object: {Type: 's', TargetArn: 's'}, required: ['Type', 'TargetArn']},
      DeploymentPreference: {
        object: {Alarms: 'j', Enabled: 'b', Hooks: {object: {PostTraffic: 's', PreTraffic: 's'}}, PassthroughCondition: 'b', Role: 's', TriggerConfigurations: 'j', Type: 's'},
      },
      Description: 's',
      Environment: lambda('Environment'),
      EphemeralStorage: lambda('EphemeralStorage'),
      EventInvokeConfig: {
        object: {DestinationConfig: {object: {OnFailure: destination, OnSuccess: destination}}, MaximumEventAgeInSeconds: 'n', MaximumRetryAttempts: 'n'},
      },
      Events: {events: FUNCTION_EVENTS},
      FileSystemConfigs: lambda('FileSystemConfigs'),
      FunctionName: 's',
      FunctionUrlConfig: {object: {AuthType: 's', Cors: 'j', InvokeMode: 's'}, required: ['AuthType']},
      Handler: 's',
      ImageConfig: lambda('ImageConfig'),
      ImageUri: 's',
      InlineCode: 's',
      KmsKeyArn: 's',
      Layers: strings,
      LoggingConfig: lambda('LoggingConfig'),
      MemorySize: 'n',
      PackageType: 's',
      PermissionsBoundary: 's',
      Policies: 'j',
      PropagateTags: 'b',
      ProvisionedConcurrencyConfig: {cfn: 'AWS::Lambda::Alias', path: ['ProvisionedConcurrencyConfig']},
      RecursiveLoop: 's',
      ReservedConcurrentExecutions: 'n',
      Role: 's',
      RolePath: 's',
      Runtime: 's',
      RuntimeManagementConfig: lambda('RuntimeManagementConfig'),
      SnapStart: lambda('SnapStart'),
      SourceKMSKeyArn: 's',
      Tags: tags,
      Timeout: 'n',
      Tracing: 's',
      VersionDescription: 's',
      VpcConfig: lambda('VpcConfig'),
    },
  },
  'AWS::Serverless::StateMachine': {
    passThrough: 'AWS::StepFunctions::StateMachine',
    getAtt: 'AWS::StepFunctions::StateMachine',
    properties: {
      AutoPublishAlias: 's',
      Definition: 'j',
      DefinitionSubstitutions: {map: 'j'},
      DefinitionUri: {anyOf: ['s', s3Location]},
      DeploymentPreference: 'j',
      Events: {events: STATE_MACHINE_EVENTS},
      Logging: {cfn: 'AWS::StepFunctions::StateMachine', path: ['LoggingConfiguration']},
      Name: 's',
      PermissionsBoundary: 's',
      Policies: 'j',
      PropagateTags: 'b',
      Role: 's',
      RolePath: 's',
      Tags: tags,
      Tracing: {cfn: 'AWS::StepFunctions::StateMachine', path: ['TracingConfiguration']},
      Type: 's',
      UseAliasAsEventTarget: 'b',
    },
  },
  'AWS::Serverless::Api': {
    passThrough: 'AWS::ApiGateway::RestApi',
    getAtt: 'AWS::ApiGateway::RestApi',
    required: ['StageName'],
    properties: {
      AccessLogSetting: {cfn: 'AWS::ApiGateway::Stage', path: ['AccessLogSetting']},
      AlwaysDeploy: 'b',
      ApiKeySourceType: 's',
      Auth: 'j',
      BinaryMediaTypes: strings,
      CacheClusterEnabled: 'b',
      CacheClusterSize: 's',
      CanarySetting: {cfn: 'AWS::ApiGateway::Stage', path: ['CanarySetting']},
      Cors: 'j',
      DefinitionBody: 'j',
      DefinitionUri: {anyOf: ['s', s3Location]},
      Description: 's',
      DisableExecuteApiEndpoint: 'b',
      Domain: 'j',
      EndpointConfiguration: 'j',
      FailOnWarnings: 'b',
      GatewayResponses: 'j',
      MergeDefinitions: 'b',
      MethodSettings: {cfn: 'AWS::ApiGateway::Stage', path: ['MethodSettings']},
      MinimumCompressionSize: 'n',
      Mode: 's',
      Models: 'j',
      Name: 's',
      OpenApiVersion: 's',
      Policy: 'j',
      PropagateTags: 'b',
      StageName: 's',
      Tags: tags,
      TracingEnabled: 'b',
      Variables: {map: 's'},
    },
  },
  'AWS::Serverless::HttpApi': {
    passThrough: 'AWS::ApiGatewayV2::Api',
    getAtt: 'AWS::ApiGatewayV2::Api',
    properties: {
      AccessLogSettings: {cfn: 'AWS::ApiGatewayV2::Stage', path: ['AccessLogSettings']},
      Auth: 'j',
      CorsConfiguration: 'j',
      DefaultRouteSettings: {cfn: 'AWS::ApiGatewayV2::Stage', path: ['DefaultRouteSettings']},
      DefinitionBody: 'j',
      DefinitionUri: {anyOf: ['s', s3Location]},
      Description: 's',
      DisableExecuteApiEndpoint: 'b',
      Domain: 'j',
      FailOnWarnings: 'b',
      Name: 's',
      PropagateTags: 'b',
      RouteSettings: 'j',
      StageName: 's',
      StageVariables: {map: 'j'},
      Tags: tags,
    },
  },
  'AWS::Serverless::SimpleTable': {
    getAtt: 'AWS::DynamoDB::Table',
    properties: {
      PointInTimeRecoverySpecification: {cfn: 'AWS::DynamoDB::Table', path: ['PointInTimeRecoverySpecification']},
      PrimaryKey: {object: {Name: 's', Type: 's'}, required: ['Name', 'Type']},
      ProvisionedThroughput: {cfn: 'AWS::DynamoDB::Table', path: ['ProvisionedThroughput']},
      SSESpecification: {cfn: 'AWS::DynamoDB::Table', path: ['SSESpecification']},
      TableName: 's',
      Tags: tags,
    },
  },
  'AWS::Serverless::LayerVersion': {
    passThrough: 'AWS::Lambda::LayerVersion',
    getAtt: 'AWS::Lambda::LayerVersion',
    required: ['ContentUri'],
    properties: {
      CompatibleArchitectures: strings,
      CompatibleRuntimes: strings,
      ContentUri: {anyOf: ['s', s3Location]},
      Description: 's',
      LayerName: 's',
      LicenseInfo: 's',
      PublishLambdaVersion: 'b',
      RetentionPolicy: 's',
    },
  },
  'AWS::Serverless::Application': {
    getAtt: 'AWS::CloudFormation::Stack',
    required: ['Location'],
    properties: {
      Location: {anyOf: ['s', {object: {ApplicationId: 's', SemanticVersion: 's'}, required: ['ApplicationId', 'SemanticVersion']}]},
      NotificationARNs: strings,
      Parameters: {map: 'j'},
      Tags: tags,
      TimeoutInMinutes: 'n',
    },
  },
  'AWS::Serverless::Connector': {
    required: ['Source', 'Destination', 'Permissions'],
    properties: {Source: 'j', Destination: 'j', Permissions: strings},
  },
  'AWS::Serverless::GraphQLApi': {
    getAtt: 'AWS::AppSync::GraphQLApi',
    open: true,
    properties: {Name: 's', Tags: tags, XrayEnabled: 'b', SchemaInline: 's', SchemaUri: 's'},
  },
}

/** Globals sections and the SAM type whose properties each may set. */
export const SAM_GLOBALS: Record<string, string> = {
  Function: 'AWS::Serverless::Function',
  Api: 'AWS::Serverless::Api',
  HttpApi: 'AWS::Serverless::HttpApi',
  SimpleTable: 'AWS::Serverless::SimpleTable',
  StateMachine: 'AWS::Serverless::StateMachine',
  LayerVersion: 'AWS::Serverless::LayerVersion',
}
