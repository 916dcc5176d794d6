// AWS::Serverless::Api: the REST API and its stage.
import type {ResourceDecl} from '../template.js'
import {type Expansion, generated, type Props, s3Location, samLocator} from './expansion.js'

export function expandRestApi(expansion: Expansion, decl: ResourceDecl, props: Props): void {
  const {out} = expansion
  const id = decl.id
  const locate = samLocator(expansion, decl, 'Api', (path) => (path[0] === 'Body' ? ['DefinitionBody', ...path.slice(1)] : path[0] === 'BodyS3Location' ? ['DefinitionUri'] : path))
  out.push(
    generated(
      decl,
      id,
      'AWS::ApiGateway::RestApi',
      {
        Name: props.Name,
        Body: props.DefinitionBody,
        BodyS3Location: s3Location(props.DefinitionUri, {bucket: 'Bucket', key: 'Key', version: 'Version'}) ?? props.DefinitionUri,
        EndpointConfiguration: typeof props.EndpointConfiguration === 'string' ? {Types: [props.EndpointConfiguration]} : props.EndpointConfiguration,
        BinaryMediaTypes: props.BinaryMediaTypes,
        MinimumCompressionSize: props.MinimumCompressionSize,
        Auth: props.Auth,
        Cors: props.Cors,
      },
      locate,
    ),
  )
  const stageName = typeof props.StageName === 'string' ? props.StageName : 'Prod'
  out.push(
    generated(
      decl,
      `${id}${stageName}Stage`,
      'AWS::ApiGateway::Stage',
      {
        RestApiId: {Ref: id},
        StageName: props.StageName ?? 'Prod',
        TracingEnabled: props.TracingEnabled,
        AccessLogSetting: props.AccessLogSetting,
        MethodSettings: props.MethodSettings,
        Variables: props.Variables,
        CacheClusterEnabled: props.CacheClusterEnabled,
        CacheClusterSize: props.CacheClusterSize,
        CanarySetting: props.CanarySetting,
      },
      samLocator(expansion, decl, 'Api', (path) => (path[0] === 'RestApiId' ? [] : path)),
    ),
  )
}
