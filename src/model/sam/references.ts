// What SAM does to references once every resource is translated: renamed logical ids (layer versions) and `Fn.Alias`-style references.
import {isRecord} from '../intrinsics.js'
import type {Expansion, Props} from './expansion.js'

const SUB_REFERENCE = /\$\{([A-Za-z0-9.]+|AWS::[A-Z][A-Za-z]*)\}/g

/**
 * One value with references rewritten: `Ref`, `Fn::GetAtt` and `${…}` in `Fn::Sub` to a renamed logical id follow the
 * new id (`resolve_sam_resource_id_refs`), and `Ref: Fn.Alias`, `${Fn.Version}` name the resource SAM generated
 * (`resolve_sam_resource_refs`). Returns the value itself when nothing changed.
 */
function rewrite(value: unknown, renamed: ReadonlyMap<string, string>, derived: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => rewrite(item, renamed, derived))
    return items.some((item, index) => item !== value[index]) ? items : value
  }
  if (!isRecord(value)) return value
  const keys = Object.keys(value)
  if (keys.length === 1) {
    const key = keys[0]!
    const argument = value[key]
    if (key === 'Ref' && typeof argument === 'string') {
      const target = renamed.get(argument) ?? derived.get(argument)
      return target === undefined ? value : {Ref: target}
    }
    if (key === 'Fn::GetAtt') {
      const parts: unknown = typeof argument === 'string' ? [argument.slice(0, argument.indexOf('.')), argument.slice(argument.indexOf('.') + 1)] : argument
      if (Array.isArray(parts) && typeof parts[0] === 'string') {
        const target = renamed.get(parts[0])
        if (target !== undefined) return {'Fn::GetAtt': [target, ...(parts.slice(1) as unknown[])]}
        // `!GetAtt Fn.Alias.Arn`: a derived reference followed by the attribute.
        if (typeof parts[1] === 'string') {
          const [property, ...attribute] = parts[1].split('.')
          const resolved = derived.get(`${parts[0]}.${property}`)
          if (resolved !== undefined && attribute.length > 0) return {'Fn::GetAtt': [resolved, attribute.join('.')]}
        }
      }
      return value
    }
    if (key === 'Fn::Sub') {
      const substitute = (text: string): string =>
        text.replace(SUB_REFERENCE, (whole, name: string) => {
          const [head, ...rest] = name.split('.')
          const target = renamed.get(head!)
          if (target !== undefined) return `\${${[target, ...rest].join('.')}}`
          for (let length = rest.length; length >= 1; length--) {
            const resolved = derived.get([head, ...rest.slice(0, length)].join('.'))
            if (resolved !== undefined) return `\${${[resolved, ...rest.slice(length)].join('.')}}`
          }
          return whole
        })
      if (typeof argument === 'string') {
        const text = substitute(argument)
        return text === argument ? value : {'Fn::Sub': text}
      }
      if (Array.isArray(argument) && typeof argument[0] === 'string') {
        const text = substitute(argument[0])
        const variables = rewrite(argument[1], renamed, derived)
        return text === argument[0] && variables === argument[1] ? value : {'Fn::Sub': [text, variables, ...(argument.slice(2) as unknown[])]}
      }
      return value
    }
  }
  let changed = false
  const result: Props = {}
  for (const key of keys) {
    const child = rewrite(value[key], renamed, derived)
    if (child !== value[key]) changed = true
    result[key] = child
  }
  if (!changed) return value
  // A statement SAM generated keeps its (non-enumerable) mark.
  const mark = Object.getOwnPropertyDescriptor(value, 'SamPolicyTemplate')
  if (mark && !mark.enumerable) Object.defineProperty(result, 'SamPolicyTemplate', mark)
  return result
}

/** SAM's `referable_properties`: what `{Resource}.{Property}` names, by the type of the resource SAM generated for it. */
const REFERABLE: Record<string, Record<string, string>> = {
  'AWS::Serverless::Function': {Alias: 'AWS::Lambda::Alias', Version: 'AWS::Lambda::Version', DestinationTopic: 'AWS::SNS::Topic', DestinationQueue: 'AWS::SQS::Queue'},
  'AWS::Serverless::Api': {
    Stage: 'AWS::ApiGateway::Stage',
    Deployment: 'AWS::ApiGateway::Deployment',
    DomainName: 'AWS::ApiGateway::DomainName',
    DomainNameV2: 'AWS::ApiGateway::DomainNameV2',
    UsagePlan: 'AWS::ApiGateway::UsagePlan',
    UsagePlanKey: 'AWS::ApiGateway::UsagePlanKey',
    ApiKey: 'AWS::ApiGateway::ApiKey',
  },
  'AWS::Serverless::HttpApi': {Stage: 'AWS::ApiGatewayV2::Stage', DomainName: 'AWS::ApiGatewayV2::DomainName'},
  'AWS::Serverless::WebSocketApi': {Stage: 'AWS::ApiGatewayV2::Stage', DomainName: 'AWS::ApiGatewayV2::DomainName'},
}

/** `get_resource_references`: for each SAM resource, the last generated resource of each referable type. */
function derivedReferences(expansion: Expansion): Map<string, string> {
  const derived = new Map<string, string>()
  for (const decl of expansion.out) {
    const samType = decl.origin.declaredType
    const referable = samType === undefined ? undefined : REFERABLE[samType]
    if (!referable || decl.id === decl.origin.logicalId) continue
    for (const [property, type] of Object.entries(referable)) if (decl.type === type) derived.set(`${decl.origin.logicalId}.${property}`, decl.id)
  }
  return derived
}

/** Rewrites every generated and declared resource's references to renamed ids and to SAM's derived references. */
export function resolveSamReferences(expansion: Expansion): void {
  const {renamedIds} = expansion
  const derived = derivedReferences(expansion)
  if (renamedIds.size === 0 && derived.size === 0) return
  for (const decl of expansion.out) {
    const props = rewrite(decl.props, renamedIds, derived)
    if (props !== decl.props) decl.props = props as Props
    if (decl.dependsOn?.some((name) => renamedIds.has(name))) decl.dependsOn = decl.dependsOn.map((name) => renamedIds.get(name) ?? name)
  }
}
