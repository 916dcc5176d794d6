// AWS::Serverless::HttpApi: the HTTP API and its stage.
import {isRecord} from '../intrinsics.js'
import type {ResourceDecl} from '../template.js'
import {addDomainResources, addLambdaAuthorizerPermissions, restStageLogicalId} from './api.js'
import {apiV2Domain} from './domain.js'
import {type Expansion, generated, type Props, s3Location, samLocator} from './expansion.js'
import {withParameterDefaults} from './rest-swagger.js'

/** SAM's HTTP API stage id: `{Api}{StageName}Stage` for an alphanumeric name, `{Api}ApiGatewayDefaultStage` for `$default`, else the name's hash (none for an intrinsic). */
export function httpStageLogicalId(apiId: string, stageName: unknown): string {
  const name = typeof stageName === 'string' ? stageName : ''
  if (name === '$default') return `${apiId}ApiGatewayDefaultStage`
  return restStageLogicalId(apiId, name)
}

export function expandHttpApi(expansion: Expansion, decl: ResourceDecl, props: Props): void {
  const {out} = expansion
  const id = decl.id
  const locate = samLocator(expansion, decl, 'HttpApi', (path) => (path[0] === 'Body' ? ['DefinitionBody', ...path.slice(1)] : path[0] === 'BodyS3Location' ? ['DefinitionUri'] : path))
  out.push(
    generated(
      decl,
      id,
      'AWS::ApiGatewayV2::Api',
      {
        Name: props.Name,
        Body: props.DefinitionBody,
        BodyS3Location: s3Location(props.DefinitionUri, {bucket: 'Bucket', key: 'Key', version: 'Version'}) ?? props.DefinitionUri,
        CorsConfiguration: props.CorsConfiguration,
        DisableExecuteApiEndpoint: props.DisableExecuteApiEndpoint,
        FailOnWarnings: props.FailOnWarnings,
        Auth: props.Auth,
        Tags: isRecord(props.Tags) ? {...props.Tags, 'httpapi:createdBy': 'SAM'} : undefined,
      },
      locate,
    ),
  )
  // An HTTP API's Lambda authorizer gets API Gateway's permission only when EnableFunctionDefaultPermissions is true.
  addLambdaAuthorizerPermissions(expansion, decl, withParameterDefaults(expansion.template, props.Auth), {
    section: 'HttpApi',
    partition: '${AWS::Partition}',
    wanted: (authorizer) => authorizer.EnableFunctionDefaultPermissions === true,
  })
  addDomainResources(expansion, decl, 'HttpApi', apiV2Domain(id, withParameterDefaults(expansion.template, props.Domain), 'httpapi:createdBy'))
  const stageName = props.StageName
  out.push(
    generated(
      decl,
      httpStageLogicalId(id, stageName ?? '$default'),
      'AWS::ApiGatewayV2::Stage',
      {
        ApiId: {Ref: id},
        StageName: stageName ?? '$default',
        AutoDeploy: true,
        AccessLogSettings: props.AccessLogSettings,
        DefaultRouteSettings: props.DefaultRouteSettings,
        RouteSettings: props.RouteSettings,
        StageVariables: props.StageVariables,
        Tags: {...(isRecord(props.Tags) ? props.Tags : {}), 'httpapi:createdBy': 'SAM'},
      },
      samLocator(expansion, decl, 'HttpApi', (path) => (path[0] === 'ApiId' ? [] : path)),
    ),
  )
}
