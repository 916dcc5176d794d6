// AWS::Serverless::HttpApi: the HTTP API and its stage.
import {isRecord} from '../intrinsics.js'
import type {ResourceDecl} from '../template.js'
import {addDomainResources} from './api.js'
import {apiV2Domain} from './domain.js'
import {type Expansion, generated, type Props, s3Location, samLocator} from './expansion.js'
import {withParameterDefaults} from './rest-swagger.js'

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
  addDomainResources(expansion, decl, 'HttpApi', apiV2Domain(id, withParameterDefaults(expansion.template, props.Domain), 'httpapi:createdBy'))
  const stageName = props.StageName
  out.push(
    generated(
      decl,
      typeof stageName === 'string' && stageName !== '$default' ? `${id}${stageName.replace(/[^A-Za-z0-9]/g, '')}Stage` : `${id}ApiGatewayDefaultStage`,
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
