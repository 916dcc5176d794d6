// AWS::Serverless::Api: the REST API, its deployment and its stage.
import {createHash} from 'node:crypto'

import type {ResourceDecl} from '../template.js'
import {restDomain} from './domain.js'
import {type Expansion, generated, type Props, s3Location, samLocator} from './expansion.js'

/** SAM's stage id: `{Api}{StageName}Stage` for an alphanumeric name, else the name's hash (none for an intrinsic). */
export function restStageLogicalId(apiId: string, stageName: unknown): string {
  const name = typeof stageName === 'string' ? stageName : ''
  if (/^[\p{L}\p{N}]+$/u.test(name)) return `${apiId}${name}Stage`
  return `${apiId}Stage${name === '' ? '' : createHash('sha1').update(name, 'utf8').digest('hex').slice(0, 10)}`
}

export function expandRestApi(expansion: Expansion, decl: ResourceDecl, props: Props): void {
  const {out} = expansion
  const id = decl.id
  const swagger = expansion.restSwaggers.get(id)
  const locate = samLocator(expansion, decl, 'Api', (path) => (path[0] === 'Body' ? ['DefinitionBody', ...path.slice(1)] : path[0] === 'BodyS3Location' ? ['DefinitionUri'] : path))
  out.push(
    generated(
      decl,
      id,
      'AWS::ApiGateway::RestApi',
      {
        Name: props.Name,
        Body: swagger?.body ?? props.DefinitionBody,
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
  const apiLocate = samLocator(expansion, decl, 'Api', () => [])
  const deploymentId = swagger?.deploymentId ?? `${id}Deployment`
  out.push(
    generated(
      decl,
      deploymentId,
      'AWS::ApiGateway::Deployment',
      {RestApiId: {Ref: id}, Description: swagger?.description, StageName: props.OpenApiVersion === undefined ? 'Stage' : undefined},
      apiLocate,
    ),
  )
  const domain = restDomain(id, props.Domain)
  if (domain) {
    const domainLocate = (source: string) => samLocator(expansion, decl, 'Api', () => [source], ['Domain'])
    for (const resource of domain.resources) out.push(generated(decl, resource.id, resource.type, resource.props, domainLocate(resource.source)))
    const group = domain.recordSetGroup
    if (group) {
      // APIs whose domains share a hosted zone share one record set group.
      const existing = out.find((candidate) => candidate.id === group.id && candidate.type === 'AWS::Route53::RecordSetGroup')
      if (existing) existing.props = {...existing.props, RecordSets: [...(existing.props.RecordSets as Props[]), ...group.recordSets]}
      else out.push(generated(decl, group.id, 'AWS::Route53::RecordSetGroup', {...group.props, RecordSets: group.recordSets}, domainLocate('Route53')))
    }
  }
  const stageName = props.StageName ?? 'Prod'
  out.push(
    generated(
      decl,
      restStageLogicalId(id, stageName),
      'AWS::ApiGateway::Stage',
      {
        RestApiId: {Ref: id},
        DeploymentId: {Ref: deploymentId},
        StageName: stageName,
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
