// Expands AWS SAM resources into the CloudFormation resources SAM would generate, so rules see SAM and raw templates alike.
import {asArray, isRecord} from '../intrinsics.js'
import type {ParsedFile} from '../parse.js'
import type {ResourceDecl} from '../template.js'
import {expandRestApi} from './api.js'
import {expandApplication} from './application.js'
import {expandCapacityProvider} from './capacity-provider.js'
import {embeddedConnectors, expandConnector} from './connectors.js'
import {finishDeploymentPreferences} from './deployment-preference.js'
import type {Expansion, Props} from './expansion.js'
import {expandFunction} from './function.js'
import {globalsFor, mergeGlobals} from './globals.js'
import {expandGraphQlApi} from './graphql.js'
import {expandHttpApi} from './httpapi.js'
import {addImplicitApis, finishApiDefinitions} from './implicit-apis.js'
import {expandLayerVersion} from './layer.js'
import {hasRestApis, type RestSwagger, restSwaggers} from './rest-swagger.js'
import {resolveSamReferences} from './references.js'
import {expandSimpleTable} from './simple-table.js'
import {expandStateMachine} from './statemachine.js'
import {throwIfRejected} from './validation.js'
import {expandWebSocketApi} from './websocket.js'

export {GLOBALS_PROPERTIES, mergeGlobals} from './globals.js'
export {SAM_MANAGED_POLICIES} from './roles.js'

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31'

export function isSamTemplate(template: Record<string, unknown>): boolean {
  return asArray(template.Transform).some((transform) => transform === SAM_TRANSFORM)
}

/** Returns the declarations with every AWS::Serverless::* resource replaced by what SAM generates. */
export function expandSam(declared: ResourceDecl[], template: Props, parsed: ParsedFile): ResourceDecl[] {
  const resources = isRecord(template.Resources) ? template.Resources : {}
  const expansion: Expansion = {
    parsed,
    template,
    resources,
    out: [],
    roles: new Map(),
    apiPaths: new Map(),
    patches: [],
    restSwaggers: hasRestApis(template) ? restSwaggers(template, parsed.positions) : new Map<string, RestSwagger>(),
    deploymentPreferences: new Map(),
    renamedIds: new Map(),
    rejections: [],
  }
  const connectors: ResourceDecl[] = []
  for (const decl of declared) {
    switch (decl.type) {
      case 'AWS::Serverless::Function':
        expandFunction(expansion, decl, mergeGlobals(globalsFor(template, 'Function', decl.id), decl.props))
        break
      case 'AWS::Serverless::StateMachine':
        expandStateMachine(expansion, decl, mergeGlobals(globalsFor(template, 'StateMachine', decl.id), decl.props))
        break
      case 'AWS::Serverless::Api':
        expandRestApi(expansion, decl, mergeGlobals(globalsFor(template, 'Api'), decl.props))
        break
      case 'AWS::Serverless::HttpApi':
        expandHttpApi(expansion, decl, mergeGlobals(globalsFor(template, 'HttpApi'), decl.props))
        break
      case 'AWS::Serverless::WebSocketApi':
        expandWebSocketApi(expansion, decl, mergeGlobals(globalsFor(template, 'WebSocketApi'), decl.props))
        break
      case 'AWS::Serverless::SimpleTable':
        expandSimpleTable(expansion, decl, mergeGlobals(globalsFor(template, 'SimpleTable', decl.id), decl.props))
        break
      case 'AWS::Serverless::LayerVersion':
        expandLayerVersion(expansion, decl, mergeGlobals(globalsFor(template, 'LayerVersion', decl.id), decl.props))
        break
      case 'AWS::Serverless::Application':
        expandApplication(expansion, decl)
        break
      case 'AWS::Serverless::CapacityProvider':
        expandCapacityProvider(expansion, decl, mergeGlobals(globalsFor(template, 'CapacityProvider'), decl.props))
        break
      case 'AWS::Serverless::GraphQLApi':
        expandGraphQlApi(expansion, decl, decl.props)
        break
      case 'AWS::Serverless::Connector':
        connectors.push(decl)
        break
      default:
        expansion.out.push(decl)
    }
    connectors.push(...embeddedConnectors(expansion, decl))
  }
  addImplicitApis(expansion)
  finishApiDefinitions(expansion)
  finishDeploymentPreferences(expansion)
  for (const connector of connectors) expandConnector(expansion, connector)
  for (const patch of expansion.patches) {
    const target = expansion.out.find((decl) => decl.id === patch.target)
    if (target) patch.apply(target)
  }
  resolveSamReferences(expansion)
  throwIfRejected(expansion)
  return expansion.out
}
