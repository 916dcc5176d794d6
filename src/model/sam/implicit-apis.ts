// After every resource is expanded: the implicit ServerlessRestApi / ServerlessHttpApi, and the definitions events wrote into APIs.
import {get, isRecord} from '../intrinsics.js'
import type {ResourceDecl} from '../template.js'
import type {Locator} from '../types.js'
import {expandRestApi} from './api.js'
import {type Expansion, type Props} from './expansion.js'
import {globalsFor} from './globals.js'
import {expandHttpApi} from './httpapi.js'

/** SAM creates `ServerlessRestApi` / `ServerlessHttpApi` when a function has Api / HttpApi events without an explicit API. */
export function addImplicitApis(expansion: Expansion): void {
  for (const [apiId, api] of expansion.apiPaths) {
    if (apiId !== 'ServerlessRestApi' && apiId !== 'ServerlessHttpApi') continue
    if (!api.first) continue
    // SAM puts its implicit API in place of a resource of another type the template gave that name.
    const apiType = api.kind === 'rest' ? 'AWS::ApiGateway::RestApi' : 'AWS::ApiGatewayV2::Api'
    const existing = expansion.out.find((decl) => decl.id === apiId)
    if (existing?.type === apiType) continue
    if (existing) expansion.out = expansion.out.filter((decl) => (decl.origin.logicalId ?? decl.id) !== apiId)
    const first = api.first
    const parent: ResourceDecl = {...first, id: apiId, type: apiId === 'ServerlessRestApi' ? 'AWS::Serverless::Api' : 'AWS::Serverless::HttpApi', props: {}, origin: {...first.origin}}
    const section = api.kind === 'rest' ? 'Api' : 'HttpApi'
    // The implicit API has no text of its own: its properties come from Globals, anything else points at the first event that created it.
    const firstPath = api.locate.values().next().value as Locator | undefined
    parent.locate = (path, scope) => (path.length === 0 || scope === 'resource' ? (firstPath?.([]) ?? first.locate([])) : (firstPath?.([]) ?? first.locate([])))
    if (api.kind === 'rest') expandRestApi(expansion, parent, {...globalsFor(expansion.template, section), ...propagatedTags(expansion)})
    else expandHttpApi(expansion, parent, globalsFor(expansion.template, section))
  }
}

/** Writes the paths events added into each API's definition, unless the user wrote the definition (SAM leaves it alone). */
export function finishApiDefinitions(expansion: Expansion): void {
  for (const [apiId, api] of expansion.apiPaths) {
    const decl = expansion.out.find((candidate) => candidate.id === apiId && (candidate.type === 'AWS::ApiGateway::RestApi' || candidate.type === 'AWS::ApiGatewayV2::Api'))
    if (!decl) continue
    const samBody = api.kind === 'rest' ? expansion.restSwaggers.get(apiId)?.body : undefined
    if (isRecord(samBody)) {
      decl.props = {...decl.props, Body: samBody}
    } else {
      if (decl.props.Body !== undefined || decl.props.BodyS3Location !== undefined) continue
      const body: Props =
        api.kind === 'rest'
          ? {swagger: '2.0', info: {version: '1.0', title: {Ref: 'AWS::StackName'}}, paths: api.paths}
          : {openapi: '3.0.1', info: {version: '1.0', title: {Ref: 'AWS::StackName'}}, paths: api.paths}
      if (Object.keys(api.securitySchemes).length > 0) {
        if (api.kind === 'rest') body.securityDefinitions = api.securitySchemes
        else body.components = {securitySchemes: api.securitySchemes}
      }
      decl.props = {...decl.props, Body: body}
    }
    const base = decl.locate
    decl.locate = (path, scope = 'properties') => {
      if (scope === 'properties' && path[0] === 'Body' && path[1] === 'paths' && path.length >= 4) {
        const located = api.locate.get(`${String(path[2])} ${String(path[3])}`)
        if (located) return located([])
      }
      return base(path, scope)
    }
  }
}

/**
 * `_add_tags_to_implicit_api_if_necessary`: a function or state machine with PropagateTags (its own or its Globals')
 * gives its Tags (its own, else its Globals') to the implicit REST API its Api events create.
 */
function propagatedTags(expansion: Expansion): Props {
  const tags: Props = {}
  let propagate = false
  for (const resource of Object.values(expansion.resources)) {
    const type = get(resource, 'Type')
    const section = type === 'AWS::Serverless::Function' ? 'Function' : type === 'AWS::Serverless::StateMachine' ? 'StateMachine' : undefined
    if (!section) continue
    const events = get(resource, 'Properties', 'Events')
    const implicit = isRecord(events) && Object.values(events).some((event) => get(event, 'Type') === 'Api' && isRecord(get(event, 'Properties')) && get(event, 'Properties', 'RestApiId') === undefined)
    if (!implicit) continue
    const globals = get(expansion.template, 'Globals', section)
    const own = (name: string): unknown => get(resource, 'Properties', name) || get(globals, name)
    const written = own('Tags')
    if (!own('PropagateTags') || !isRecord(written)) continue
    Object.assign(tags, written)
    propagate = true
  }
  return propagate ? {Tags: tags, PropagateTags: true} : {}
}
