// Valid SAM that SAM 1.110's translator accepts gets no template finding: newer SAM types and properties, embedded connectors, null properties, SAM's resource references.
import {describe, expect, it} from 'vitest'

import {runCatalogue} from '../../helpers/lint.js'

const templateFindings = (body: string) =>
  runCatalogue(`Transform: AWS::Serverless-2016-10-31\n${body}`)
    .filter((finding) => finding.ruleId.startsWith('TPL') && finding.severity !== 'info')
    .map((finding) => `${finding.ruleId} ${finding.message}`)

const fn = (id: string, extra = '') => `  ${id}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: python3.13\n      CodeUri: s3://bucket/code.zip\n${extra}`

describe('valid SAM gets no template finding', () => {
  it.each([
    [
      'a WebSocket API and its Globals',
      `Globals:\n  WebSocketApi:\n    StageName: live\nResources:\n${fn('Connect')}  Chat:\n    Type: AWS::Serverless::WebSocketApi\n    Properties:\n      RouteSelectionExpression: $request.body.action\n      Routes:\n        $connect:\n          FunctionArn: !GetAtt Connect.Arn\n`,
    ],
    [
      'a capacity provider, its Globals, and a function placed on it',
      `Globals:\n  CapacityProvider:\n    PropagateTags: true\nResources:\n  Provider:\n    Type: AWS::Serverless::CapacityProvider\n    Properties:\n      VpcConfig:\n        SubnetIds: [subnet-1]\n        SecurityGroupIds: [sg-1]\n      ScalingConfig:\n        MaxVCpuCount: 16\n        AverageCPUUtilization: 60\n      InstanceRequirements:\n        AllowedTypes: [c7g.large]\n      Tags:\n        team: payments\n${fn('Worker', '      CapacityProviderConfig:\n        Arn: !GetAtt Provider.Arn\n        PerExecutionEnvironmentMaxConcurrency: 10\n      AutoPublishAlias: live\n      VersionDeletionPolicy: Retain\n')}`,
    ],
    [
      'a function whose capacity provider comes from Globals',
      `Globals:\n  Function:\n    CapacityProviderConfig:\n      Arn: arn:aws:lambda:eu-west-1:123456789012:capacity-provider:shared\nResources:\n${fn('Worker', '      CapacityProviderConfig:\n        PerExecutionEnvironmentMaxConcurrency: 4\n')}`,
    ],
    [
      'a GraphQL API whose function uses its URL (no cycle: SAM generates the data source apart)',
      `Resources:\n${fn('Resolver', '      Environment:\n        Variables:\n          URL: !GetAtt Api.GraphQLUrl\n')}  Api:\n    Type: AWS::Serverless::GraphQLApi\n    Properties:\n      SchemaInline: "type Query { a: String }"\n      Auth:\n        Type: AWS_IAM\n      DataSources:\n        Lambda:\n          Source:\n            FunctionArn: !GetAtt Resolver.Arn\n      Functions:\n        get:\n          DataSource: Source\n          Runtime: {Name: APPSYNC_JS, Version: 1.0.0}\n          CodeUri: resolvers/get.js\n      Resolvers:\n        Query:\n          a:\n            Pipeline: [get]\n`,
    ],
    [
      'MSK and self-managed Kafka events with a schema registry',
      `Resources:\n${fn('Consumer', '      Events:\n        Msk:\n          Type: MSK\n          Properties:\n            Stream: arn:aws:kafka:eu-west-1:123456789012:cluster/c/1\n            Topics: [orders]\n            StartingPosition: LATEST\n            ProvisionedPollerConfig: {MinimumPollers: 1}\n            SchemaRegistryConfig:\n              SchemaRegistryURI: arn:aws:glue:eu-west-1:123456789012:registry/r\n              EventRecordFormat: JSON\n              SchemaValidationConfigs: [{Attribute: VALUE}]\n            DestinationConfig:\n              OnFailure:\n                Type: S3\n                Destination: arn:aws:s3:::failures\n')}`,
    ],
    [
      "a state machine's CloudWatch event with a rule name and a schedule with a role",
      `Resources:\n  Machine:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: s3://bucket/machine.json\n      Policies: []\n      Events:\n        Changed:\n          Type: CloudWatchEvent\n          Properties:\n            RuleName: orders-changed\n            Pattern: {source: [orders]}\n        Nightly:\n          Type: Schedule\n          Properties:\n            Schedule: rate(1 day)\n            RoleArn: arn:aws:iam::123456789012:role/scheduler\n`,
    ],
    [
      'connectors embedded in CloudFormation resources, and DependsOn naming one',
      `Resources:\n${fn('Worker')}  Jobs:\n    Type: AWS::SQS::Queue\n    Connectors:\n      ToWorker:\n        Properties:\n          Destination: {Id: Worker}\n          Permissions: [Read]\n  Mapping:\n    Type: AWS::Lambda::EventSourceMapping\n    DependsOn: JobsToWorker\n    Properties:\n      FunctionName: !Ref Worker\n      EventSourceArn: !GetAtt Jobs.Arn\n`,
    ],
    ['Events and Tracing set to null', `Resources:\n${fn('Worker', '      Events:\n      Tracing:\n')}`],
    [
      "SAM's resource references inside Fn::Sub and Fn::GetAtt",
      `Resources:\n${fn('Worker', '      AutoPublishAlias: live\n')}  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\nOutputs:\n  Alias:\n    Value: !Sub "\${Worker.Alias} \${Worker.Version} \${Api.Stage}"\n  AliasName:\n    Value: !GetAtt Worker.Alias.Name\n`,
    ],
  ])('%s', (_, body) => {
    expect(templateFindings(body)).toEqual([])
  })

  it('still reports Connectors on a plain CloudFormation template, where no transform reads them', () => {
    const findings = runCatalogue(`Resources:\n  Jobs:\n    Type: AWS::SQS::Queue\n    Connectors:\n      ToWorker:\n        Properties:\n          Destination: {Id: Worker}\n          Permissions: [Read]\n`)
    expect(findings.filter((finding) => finding.ruleId === 'TPL002')).toMatchObject([{data: {property: 'Connectors'}}])
  })
})
