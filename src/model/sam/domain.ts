// Custom domains of a REST API (`Domain`): the domain name, base path mappings and Route 53 records SAM generates, with SAM's ids.
import {createHash} from 'node:crypto'

import {asArray, isRecord} from '../intrinsics.js'
import type {Props} from './expansion.js'
import {pythonJson} from './ids.js'
import {fromTemplate, plainDict, PyDict, type PyValue, toJson} from './py27.js'

/** A resource a custom domain generates. */
export interface DomainResource {
  id: string
  type: string
  props: Props
  /** The `Domain` property it comes from. */
  source: string
}

/** What SAM generates for one API's `Domain`, and the domain as SAM hashes it into the Deployment id. */
export interface RestDomain {
  resources: DomainResource[]
  /** Record sets for a RecordSetGroup several APIs may share. */
  recordSetGroup?: {id: string; props: Props; recordSets: Props[]}
  /** `json.dumps` of the domain after SAM filled in its defaults. */
  hashInput: string
}

/** SAM's `LogicalIdGenerator`: a string is hashed as itself, anything else as sorted compact JSON. */
export function logicalIdHash(data: unknown): string {
  if (data === undefined || data === null || data === '' || data === false || data === 0) return ''
  const text = typeof data === 'string' ? data : pythonJson(data)
  return createHash('sha1').update(text, 'utf8').digest('hex').slice(0, 10)
}

/** Python's `json.dumps` with default separators, a dict in its (Python 2.7) iteration order. */
function pyJson(value: PyValue): string {
  if (value instanceof PyDict)
    return `{${value
      .items()
      .map(([key, child]) => `${JSON.stringify(typeof key === 'string' ? key : key.value)}: ${pyJson(child)}`)
      .join(', ')}}`
  if (Array.isArray(value)) return `[${value.map(pyJson).join(', ')}]`
  const json = toJson(value)
  if (typeof json === 'string') return JSON.stringify(json).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  if (json === null || json === undefined) return 'null'
  return JSON.stringify(json)
}

const isAlnum = (char: string): boolean => /^[\p{L}\p{N}]$/u.test(char)

/** `_construct_api_domain` / `_construct_api_domain_v2` of SAM's API generator, for the REST API `apiId`. */
export function restDomain(apiId: string, written: unknown): RestDomain | undefined {
  if (!isRecord(written) || written.DomainName === undefined || written.CertificateArn === undefined) return undefined
  const domain = fromTemplate(written) as PyDict
  const endpoint = written.EndpointConfiguration ?? 'REGIONAL'
  const privateDomain = endpoint === 'PRIVATE'
  const domainId = `${privateDomain ? 'ApiGatewayDomainNameV2' : 'ApiGatewayDomainName'}${logicalIdHash(written.DomainName)}`
  if (!privateDomain) {
    domain.set('ApiDomainName', domainId)
    if (written.EndpointConfiguration === undefined) domain.set('EndpointConfiguration', 'REGIONAL')
  }
  const resources: DomainResource[] = []
  const endpointConfiguration: Props = {Types: [endpoint]}
  if (written.IpAddressType) endpointConfiguration.IpAddressType = written.IpAddressType
  const mutualTls = isRecord(written.MutualTlsAuthentication) ? {TruststoreUri: written.MutualTlsAuthentication.TruststoreUri, TruststoreVersion: written.MutualTlsAuthentication.TruststoreVersion} : undefined
  resources.push({
    id: domainId,
    type: privateDomain ? 'AWS::ApiGateway::DomainNameV2' : 'AWS::ApiGateway::DomainName',
    props: {
      DomainName: written.DomainName,
      ...(endpoint === 'REGIONAL' ? {RegionalCertificateArn: written.CertificateArn} : {CertificateArn: written.CertificateArn}),
      EndpointConfiguration: endpointConfiguration,
      MutualTlsAuthentication: privateDomain ? undefined : mutualTls,
      SecurityPolicy: written.SecurityPolicy || undefined,
      EndpointAccessMode: written.EndpointAccessMode || undefined,
      Policy: written.Policy || undefined,
      OwnershipVerificationCertificateArn: written.OwnershipVerificationCertificateArn || undefined,
    },
    source: 'DomainName',
  })
  const domainRef = privateDomain ? {DomainNameArn: {Ref: domainId}} : {DomainName: {Ref: domainId}}
  const mappingType = privateDomain ? 'AWS::ApiGateway::BasePathMappingV2' : 'AWS::ApiGateway::BasePathMapping'
  const basePaths = written.BasePath ? asArray(written.BasePath).filter((path): path is string => typeof path === 'string') : []
  const normalize = written.NormalizeBasePath ?? true
  if (basePaths.length === 0) {
    resources.push({id: `${apiId}BasePathMapping`, type: mappingType, props: {...domainRef, RestApiId: {Ref: apiId}, Stage: {Ref: `${apiId}.Stage`}}, source: 'BasePath'})
  }
  for (const basePath of basePaths) {
    const path = [...basePath].filter(isAlnum).join('')
    resources.push({
      id: `${apiId}${path}BasePathMapping`,
      type: mappingType,
      props: {...domainRef, RestApiId: {Ref: apiId}, Stage: {Ref: `${apiId}.Stage`}, BasePath: normalize === false ? basePath : path},
      source: 'BasePath',
    })
  }
  const association = written.AccessAssociation
  if (privateDomain && isRecord(association)) {
    resources.push({
      id: `DomainNameAccessAssociation${logicalIdHash([association.VpcEndpointId, domainId])}`,
      type: 'AWS::ApiGateway::DomainNameAccessAssociation',
      props: {DomainNameArn: {Ref: domainId}, AccessAssociationSourceType: 'VPCE', AccessAssociationSource: association.VpcEndpointId},
      source: 'AccessAssociation',
    })
  }
  const route53 = domain.get('Route53')
  let recordSetGroup: RestDomain['recordSetGroup']
  if (route53 instanceof PyDict && isRecord(written.Route53)) {
    const zone = written.Route53.HostedZoneId ?? written.Route53.HostedZoneName
    const aliasTarget: Props = {}
    if (written.Route53.EvaluateTargetHealth !== undefined) aliasTarget.EvaluateTargetHealth = written.Route53.EvaluateTargetHealth
    if (endpoint === 'REGIONAL') {
      aliasTarget.HostedZoneId = {'Fn::GetAtt': [domainId, 'RegionalHostedZoneId']}
      aliasTarget.DNSName = {'Fn::GetAtt': [domainId, 'RegionalDomainName']}
    } else if (endpoint === 'EDGE') {
      if (route53.get('DistributionDomainName') === undefined) route53.set('DistributionDomainName', plainDict({'Fn::GetAtt': [domainId, 'DistributionDomainName']}))
      aliasTarget.HostedZoneId = 'Z2FDTNDATAQYW2'
      aliasTarget.DNSName = toJson(route53.get('DistributionDomainName')!)
    } else {
      aliasTarget.HostedZoneId = written.Route53.VpcEndpointHostedZoneId
      aliasTarget.DNSName = written.Route53.VpcEndpointDomainName
    }
    const routing: Props = {}
    if (written.Route53.Region !== undefined) routing.Region = written.Route53.Region
    if (written.Route53.SetIdentifier !== undefined) routing.SetIdentifier = written.Route53.SetIdentifier
    const recordSets: Props[] = [{Name: written.DomainName, Type: 'A', AliasTarget: aliasTarget, ...routing}]
    if (written.Route53.IpV6 === true) recordSets.push({Name: written.DomainName, Type: 'AAAA', AliasTarget: aliasTarget, ...routing})
    const zoneProps: Props = {}
    if (written.Route53.HostedZoneId !== undefined) zoneProps.HostedZoneId = written.Route53.HostedZoneId
    if (written.Route53.HostedZoneName !== undefined) zoneProps.HostedZoneName = written.Route53.HostedZoneName
    if (written.Route53.SeparateRecordSetGroup === true) {
      resources.push({id: `RecordSetGroup${logicalIdHash([zone, written.DomainName])}`, type: 'AWS::Route53::RecordSetGroup', props: {...zoneProps, RecordSets: recordSets}, source: 'Route53'})
    } else {
      recordSetGroup = {id: `RecordSetGroup${logicalIdHash(zone)}`, props: zoneProps, recordSets}
    }
  }
  return {resources, recordSetGroup, hashInput: pyJson(domain)}
}

/**
 * `ApiV2Generator._construct_api_domain`: the custom domain of an HTTP or WebSocket API, with its
 * API mappings and Route 53 records (`tagName` marks the domain as SAM's, as SAM tags it).
 */
export function apiV2Domain(apiId: string, written: unknown, tagName: string): Omit<RestDomain, 'hashInput'> | undefined {
  if (!isRecord(written) || written.DomainName === undefined || written.CertificateArn === undefined) return undefined
  const domainId = `ApiGatewayDomainNameV2${logicalIdHash(written.DomainName)}`
  const endpoint = written.EndpointConfiguration ?? 'REGIONAL'
  const configuration: Props = {CertificateArn: written.CertificateArn, EndpointType: endpoint}
  if (written.OwnershipVerificationCertificateArn) configuration.OwnershipVerificationCertificateArn = written.OwnershipVerificationCertificateArn
  if (written.SecurityPolicy) configuration.SecurityPolicy = written.SecurityPolicy
  const mutualTls = isRecord(written.MutualTlsAuthentication) ? {TruststoreUri: written.MutualTlsAuthentication.TruststoreUri, TruststoreVersion: written.MutualTlsAuthentication.TruststoreVersion} : undefined
  const resources: DomainResource[] = [
    {
      id: domainId,
      type: 'AWS::ApiGatewayV2::DomainName',
      props: {DomainName: written.DomainName, DomainNameConfigurations: [configuration], MutualTlsAuthentication: mutualTls, Tags: {[tagName]: 'SAM'}},
      source: 'DomainName',
    },
  ]
  const mapping = {DomainName: {Ref: domainId}, ApiId: {Ref: apiId}, Stage: {Ref: `${apiId}.Stage`}}
  const basePaths = written.BasePath ? asArray(written.BasePath).filter((path): path is string => typeof path === 'string') : []
  if (basePaths.length === 0) resources.push({id: `${apiId}ApiMapping`, type: 'AWS::ApiGatewayV2::ApiMapping', props: mapping, source: 'BasePath'})
  for (const path of basePaths) {
    resources.push({
      id: `${apiId}${path.replace(/[-_/]+/g, '')}ApiMapping`,
      type: 'AWS::ApiGatewayV2::ApiMapping',
      props: {...mapping, ApiMappingKey: path.replace(/^\/+|\/+$/g, '')},
      source: 'BasePath',
    })
  }
  const route53 = written.Route53
  if (!isRecord(route53)) return {resources}
  const aliasTarget: Props = {}
  if (route53.EvaluateTargetHealth !== undefined) aliasTarget.EvaluateTargetHealth = route53.EvaluateTargetHealth
  aliasTarget.HostedZoneId = {'Fn::GetAtt': [domainId, 'RegionalHostedZoneId']}
  aliasTarget.DNSName = {'Fn::GetAtt': [domainId, 'RegionalDomainName']}
  const routing: Props = {}
  if (route53.Region !== undefined) routing.Region = route53.Region
  if (route53.SetIdentifier !== undefined) routing.SetIdentifier = route53.SetIdentifier
  const recordSets: Props[] = [{Name: written.DomainName, Type: 'A', AliasTarget: aliasTarget, ...routing}]
  if (route53.IpV6 === true) recordSets.push({Name: written.DomainName, Type: 'AAAA', AliasTarget: aliasTarget, ...routing})
  const zone: Props = route53.HostedZoneId !== undefined ? {HostedZoneId: route53.HostedZoneId} : {HostedZoneName: route53.HostedZoneName}
  return {resources, recordSetGroup: {id: `RecordSetGroup${logicalIdHash(route53.HostedZoneId ?? route53.HostedZoneName)}`, props: zone, recordSets}}
}
