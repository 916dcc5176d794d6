// The swagger SAM writes for each REST API, step by step as SAM's translator builds it, and the Deployment id SAM hashes from it.
import {createHash} from 'node:crypto'

import {get, isRecord, textOf} from '../intrinsics.js'
import type {PositionIndex} from '../parse.js'
import {restDomain} from './domain.js'
import {type Props, s3Location} from './expansion.js'
import {globalsFor, mergeGlobals} from './globals.js'
import {fromTemplate, plainDict, pyDeepCopy, PyDict, PyFloat, type PyString, pyStr, PyUnicode, type PyValue, toJson} from './py27.js'

const IMPLICIT_API = 'ServerlessRestApi'
const ANY_METHOD = 'x-amazon-apigateway-any-method'
const INTEGRATION = 'x-amazon-apigateway-integration'
const OPENAPI_3 = /^3(\.\d)(\.\d)?$/

/** What SAM's translator ends up with for one REST API. */
export interface RestSwagger {
  /** The definition SAM writes as the RestApi's Body when it manages the definition (no DefinitionBody or DefinitionUri of the user's). */
  body?: unknown
  /** `{Api}Deployment{hash}`, as SAM computes it. */
  deploymentId: string
  /** SAM's Deployment description: the whole hash. */
  description: string
  /** What SAM hashes (`str(swagger)`, the OpenApiVersion, the domain, function names, joined by `||`). */
  hashInput: string
}

interface ApiState {
  /** SAM adds event paths to this definition (`__MANAGE_SWAGGER`). */
  managed: boolean
  swagger: PyValue | undefined
  props: Props
  /** SAM rewrote the written definition (MergeDefinitions, an event's OverrideApiAuth): the Body is SAM's. */
  rewritten?: boolean
  /** OpenApiVersion as SAM holds it: written as a string, or `str()` of the float YAML reads from `3.0`. */
  openApiVersion: PyString | undefined
}

function openApiVersionOf(value: unknown): PyString | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? `${value}.0` : String(value)
  return typeof value === 'string' ? new PyUnicode(value) : undefined
}

/**
 * A DefinitionBody as SAM holds it: `swagger: 2.0` is a float for YAML, which Python prints `2.0`, where the
 * parsed number is 2; it is told from `swagger: 2` by the width of what was written.
 */
function definitionOf(body: unknown, positions: PositionIndex | undefined): PyValue {
  const doc = fromTemplate(body)
  if (!(doc instanceof PyDict) || !isRecord(body)) return doc
  for (const key of ['swagger', 'openapi']) {
    const value = body[key]
    const range = positions?.valueRange(body, key)
    if (typeof value !== 'number' || !Number.isInteger(value) || !range || range.line !== range.endLine) continue
    if (range.endColumn - range.column > String(value).length) doc.set(key, new PyFloat(value))
  }
  return doc
}

const text = (value: PyValue | undefined): string | undefined => (typeof value === 'string' ? value : value instanceof PyUnicode ? value.value : undefined)

/** `str.lower()`, which keeps a Py27UniStr a Py27UniStr. */
function lower(value: PyString): PyString {
  return typeof value === 'string' ? value.toLowerCase() : new PyUnicode(value.value.toLowerCase())
}

function normalizeMethod(method: PyValue): PyValue {
  if (typeof method !== 'string' && !(method instanceof PyUnicode)) return method
  const lowered = lower(method)
  return text(lowered) === 'any' ? ANY_METHOD : lowered
}

function skeleton(): PyDict {
  const doc = new PyDict()
  doc.set('swagger', '2.0')
  const info = new PyDict()
  doc.set('info', info)
  info.set('version', '1.0')
  info.set('title', plainDict({Ref: 'AWS::StackName'}))
  doc.set('paths', new PyDict())
  return doc
}

function isValidSwagger(doc: PyValue | undefined): doc is PyDict {
  if (!(doc instanceof PyDict) || !(doc.get('paths') instanceof PyDict)) return false
  if (doc.get('swagger')) return true
  const openapi = text(doc.get('openapi') ?? null)
  return openapi !== undefined && OPENAPI_3.test(openapi)
}

/** `SwaggerEditor.add_path`: the path and method exist afterwards, in each branch of a conditional path; returns the path items. */
function addPath(doc: PyDict, path: PyValue, method: PyValue): PyDict[] {
  const paths = doc.get('paths') as PyDict
  const key = typeof path === 'string' || path instanceof PyUnicode ? path : undefined
  const methodKey = typeof method === 'string' || method instanceof PyUnicode ? method : undefined
  if (key === undefined || methodKey === undefined) return []
  const item = paths.setDefault(key, new PyDict())
  if (!(item instanceof PyDict)) return []
  const items = conditionalContents(item).filter((branch): branch is PyDict => branch instanceof PyDict)
  for (const branch of items) branch.setDefault(methodKey, new PyDict())
  return items
}

/** One editor pass: SAM's SwaggerEditor works on a deep copy and hands back another, and each copy can reorder a Py27Dict. */
function edit(doc: PyDict, change: (copy: PyDict) => void): PyDict {
  const copy = pyDeepCopy(doc) as PyDict
  change(copy)
  // The editor holds new security definitions apart and writes them into the document when it hands it back.
  const security = pendingSecurity.get(copy)
  if (security && isTruthy(security)) copy.set('securityDefinitions', security)
  return pyDeepCopy(copy) as PyDict
}

/** Security definitions an editor pass created, not yet in its document. */
const pendingSecurity = new WeakMap<PyDict, PyDict>()

/** `Py27Dict` iteration order of a template mapping's keys, after inserting `added` and removing `removed`. */
function py27Order(keys: readonly string[], added: readonly string[] = []): string[] {
  const dict = new PyDict()
  for (const key of [...keys, ...added]) dict.set(key, null)
  return dict.keys()
}

function templateResources(template: Props): Props {
  return isRecord(template.Resources) ? template.Resources : {}
}

function eventsOf(resource: unknown): Array<[string, Props]> {
  const events = get(resource, 'Properties', 'Events')
  if (!isRecord(events)) return []
  const converted = fromTemplate(events) as PyDict
  return converted.keys().flatMap((name) => (isRecord(events[name]) ? [[name, events[name] as Props] as [string, Props]] : []))
}

function apiEvents(resource: unknown): Array<[string, Props]> {
  return eventsOf(resource).filter(([, event]) => event.Type === 'Api')
}

/** The implicit API plugin's `_get_api_events`: the Api events copied into a new Py27Dict, iterated in that dict's order. */
function pluginApiEvents(resource: unknown): Array<[string, Props]> {
  const events = apiEvents(resource)
  const byName = new Map(events)
  return py27Order(events.map(([name]) => name)).map((name) => [name, byName.get(name)!])
}

/** The REST API an Api event belongs to: its RestApiId's Ref, or the implicit API. */
function eventApiId(properties: Props): string | undefined {
  const restApiId = properties.RestApiId
  if (restApiId === undefined) return IMPLICIT_API
  if (typeof restApiId === 'string') return restApiId
  const ref = get(restApiId, 'Ref')
  return typeof ref === 'string' ? ref : undefined
}

/** True when SAM gives this template's REST APIs any definition to hash (an Api resource or an Api event). */
export function hasRestApis(template: Props): boolean {
  return Object.values(templateResources(template)).some(
    (resource) =>
      get(resource, 'Type') === 'AWS::Serverless::Api' ||
      ((get(resource, 'Type') === 'AWS::Serverless::Function' || get(resource, 'Type') === 'AWS::Serverless::StateMachine') && apiEvents(resource).length > 0),
  )
}

/** The integration URI of a Lambda proxy integration, as SAM writes it (the partition is the region's, not `${AWS::Partition}`). */
function lambdaUri(functionId: string, alias: string | undefined, streaming: boolean): PyDict {
  const target = alias === undefined ? `${functionId}.Arn` : alias
  // A streamed response goes through Lambda's response-streaming API.
  const invocation = streaming ? '2021-11-15/functions/${' + target + '}/response-streaming-invocations' : '2015-03-31/functions/${' + target + '}/invocations'
  const arn = `arn:aws:apigateway:\${AWS::Region}:lambda:path/${invocation}`
  // SAM keeps the Py27UniStr mark only when the ARN is a GetAtt on the function's own (template) logical id.
  return PyDict.of([['Fn::Sub', alias === undefined ? new PyUnicode(arn) : arn]])
}

function conditional(condition: PyValue | undefined, value: PyValue): PyValue {
  if (condition === undefined) return value
  return plainDict({'Fn::If': [condition, value, plainDict({Ref: 'AWS::NoValue'})]})
}

const CALLER_CREDENTIALS = 'arn:aws:iam::*:user/*'

/** `x-amazon-apigateway-integration.credentials` of an IAM-authorized method: the invoke role, or the caller's credentials. */
function iamCredentials(methodAuth: PyDict | undefined, apiAuth: PyDict | undefined): PyValue | undefined {
  const method = methodAuth && methodAuth.keys().length > 0 ? methodAuth : undefined
  const iam = (method && text(method.get('Authorizer') ?? null) === 'AWS_IAM') || (text(apiAuth?.get('DefaultAuthorizer') ?? null) === 'AWS_IAM' && !method)
  if (!iam) return undefined
  const role = (auth: PyDict | undefined): PyValue | undefined => {
    const value = auth?.get('InvokeRole')
    if (value) return value
    return auth?.has('InvokeRole') ? 'NONE' : undefined
  }
  const chosen = role(method) || role(apiAuth)
  const credentials = chosen && text(chosen) !== 'CALLER_CREDENTIALS' ? chosen : CALLER_CREDENTIALS
  return text(credentials) === 'NONE' ? undefined : credentials
}

function addLambdaIntegration(doc: PyDict, event: PyDict, functionId: string, alias: string | undefined, condition: PyValue | undefined, apiAuth: PyDict | undefined): void {
  const method = normalizeMethod(lower((event.get('Method') as PyString | undefined) ?? 'any')) as PyString
  const streaming = text(event.get('ResponseTransferMode') ?? null) === 'RESPONSE_STREAM'
  const uri = conditional(condition, lambdaUri(functionId, alias, streaming))
  const methodAuth = event.get('Auth')
  const credentials = iamCredentials(methodAuth instanceof PyDict ? methodAuth : undefined, apiAuth)
  for (const item of addPath(doc, event.get('Path') ?? null, method)) {
    const operation = item.get(text(method)!) as PyDict
    const integration = new PyDict()
    operation.set(INTEGRATION, integration)
    integration.set('type', 'aws_proxy')
    integration.set('httpMethod', 'POST')
    integration.set('uri', uri)
    if (streaming) integration.set('responseTransferMode', 'STREAM')
    if (credentials !== undefined) integration.set('credentials', credentials)
    operation.setDefault('responses', new PyDict())
    if (condition !== undefined) item.set(method, conditional(condition, operation))
  }
}

/** `add_timeout_to_method`: the integration's timeout, on each definition of the method. */
function addTimeout(doc: PyDict, event: PyDict): void {
  const timeout = event.get('TimeoutInMillis')
  if (!isTruthy(timeout)) return
  for (const [, definition] of eventMethods(doc, event)) {
    const integration = definition.get(INTEGRATION)
    if (integration instanceof PyDict) integration.set('timeoutInMillis', timeout!)
  }
}

function addStateMachineIntegration(doc: PyDict, event: PyDict, stateMachineId: string, roleId: string, condition: PyValue | undefined): void {
  const method = normalizeMethod((event.get('Method') as PyString | undefined) ?? 'any') as PyString
  const unescape = event.get('UnescapeMappingTemplate') === true
  const template = unescape
    ? `{"input": "$util.escapeJavaScript($input.json('$')).replaceAll("\\\\'","'")", "stateMachineArn": "\${${stateMachineId}}"}`
    : `{"input": "$util.escapeJavaScript($input.json('$'))", "stateMachineArn": "\${${stateMachineId}}"}`
  for (const item of addPath(doc, event.get('Path') ?? null, method)) {
    const operation = item.get(text(method)!) as PyDict
    const integrationResponses = new PyDict()
    integrationResponses.set('200', PyDict.of([['statusCode', '200']]))
    integrationResponses.set('400', PyDict.of([['statusCode', '400']]))
    const methodResponses = new PyDict()
    methodResponses.set('200', PyDict.of([['description', 'OK']]))
    methodResponses.set('400', PyDict.of([['description', 'Bad Request']]))
    const integration = new PyDict()
    operation.set(INTEGRATION, integration)
    integration.set('type', 'aws')
    integration.set('httpMethod', 'POST')
    integration.set('uri', conditional(condition, plainDict({'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/StartExecution'})))
    integration.set('responses', integrationResponses)
    integration.set('credentials', plainDict({'Fn::GetAtt': [roleId, 'Arn']}))
    operation.setDefault('responses', methodResponses)
    const requestTemplates = plainDict({'application/json': plainDict({'Fn::Sub': template})})
    integration.update([['requestTemplates', requestTemplates]])
    if (condition !== undefined) item.set(method, conditional(condition, operation))
  }
}

/**
 * SAM writes `Authorizer: NONE` as a `{NONE: []}` security requirement, which API Gateway deploys as a
 * method without authorization: the Body rules read drops it, so an opted-out method reads as open.
 */
function withoutNoneRequirements(body: unknown): unknown {
  const paths = get(body, 'paths')
  if (!isRecord(paths)) return body
  for (const item of Object.values(paths)) {
    if (!isRecord(item)) continue
    for (const operation of Object.values(item)) {
      if (!isRecord(operation) || !Array.isArray(operation.security)) continue
      const kept = operation.security.filter((requirement) => !(isRecord(requirement) && 'NONE' in requirement))
      if (kept.length === operation.security.length) continue
      if (kept.length === 0) delete operation.security
      else operation.security = kept
    }
  }
  return body
}

/** `resolve_parameter_refs`: every `Ref` to a parameter with a default replaced by the default (SAM does this to Domain and Auth). */
export function withParameterDefaults(template: Props, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => withParameterDefaults(template, item))
  if (!isRecord(value)) return value
  if (typeof value.Ref === 'string' && Object.keys(value).length === 1) {
    const fallback = get(template, 'Parameters', value.Ref, 'Default')
    return fallback === undefined ? value : fallback
  }
  return Object.fromEntries(Object.keys(value).map((key) => [key, withParameterDefaults(template, value[key])]))
}

/**
 * A function's name as SAM adds it to the Deployment hash: `str()` of the name with parameter references resolved
 * to their defaults (`Ref` and `${Param}` inside `Fn::Sub`); an intrinsic left over prints as a dict.
 */
function resolvedName(template: Props, name: unknown): string | undefined {
  const resolved = resolveParameterRefs(template, name)
  if (typeof resolved === 'string') return resolved === '' ? undefined : resolved
  if (typeof resolved === 'number') return String(resolved)
  if (isRecord(resolved) && Object.keys(resolved).length > 0) return pyStr(fromTemplate(resolved))
  return undefined
}

/** `IntrinsicsResolver.resolve_parameter_refs` for parameters with a default: `Ref` and the `${Name}` of `Fn::Sub`. */
function resolveParameterRefs(template: Props, value: unknown): unknown {
  const fallback = (name: string): unknown => get(template, 'Parameters', name, 'Default')
  if (Array.isArray(value)) return value.map((item) => resolveParameterRefs(template, item))
  if (!isRecord(value)) return value
  const keys = Object.keys(value)
  if (keys.length === 1 && typeof value.Ref === 'string') return fallback(value.Ref) ?? value
  const substitute = (text: string): string =>
    text.replace(/\$\{([^}!.]+)\}/g, (whole, name: string) => {
      const replacement = fallback(name)
      return typeof replacement === 'string' || typeof replacement === 'number' ? String(replacement) : whole
    })
  if (keys.length === 1 && typeof value['Fn::Sub'] === 'string') return {'Fn::Sub': substitute(value['Fn::Sub'])}
  const sub = value['Fn::Sub']
  if (keys.length === 1 && Array.isArray(sub) && typeof sub[0] === 'string') return {'Fn::Sub': [substitute(sub[0]), ...sub.slice(1).map((item) => resolveParameterRefs(template, item))]}
  return Object.fromEntries(keys.map((key) => [key, resolveParameterRefs(template, value[key])]))
}

/** `_openapi_postprocess`: an OpenAPI 3 definition gets components instead of securityDefinitions and definitions. */
function openApiPostprocess(doc: PyDict, openApiVersion: unknown): void {
  if (doc.get('swagger') !== undefined && doc.get('swagger') !== null) return
  const version = doc.get('openapi') !== undefined && doc.get('openapi') !== null && openApiVersion === undefined ? text(doc.get('openapi')!) : typeof openApiVersion === 'string' ? openApiVersion : undefined
  if (version === undefined || !OPENAPI_3.test(version)) return
  for (const [from, to] of [
    ['securityDefinitions', 'securitySchemes'],
    ['definitions', 'schemas'],
  ] as const) {
    const moved = doc.get(from)
    if (!(moved instanceof PyDict) || moved.keys().length === 0) continue
    const existing = doc.get('components')
    const components = existing instanceof PyDict && existing.keys().length > 0 ? existing : new PyDict()
    components.set(to, moved)
    doc.set('components', components)
    doc.delete(from)
  }
  // OpenAPI 3 has no produces/consumes, and response headers carry a schema.
  const paths = doc.get('paths')
  if (!(paths instanceof PyDict)) return
  for (const path of paths.keys()) {
    const item = paths.get(path)
    const options = item instanceof PyDict ? item.get('options') : undefined
    if (!(options instanceof PyDict) || !isTruthy(options)) continue
    for (const field of options.keys()) {
      if (field === 'produces' || field === 'consumes') options.delete(field)
      if (field !== 'responses') continue
      const ok = (options.get('responses') as PyDict | undefined)?.get('200')
      const headers = ok instanceof PyDict ? ok.get('headers') : undefined
      if (!(headers instanceof PyDict) || !isTruthy(headers)) continue
      for (const [header, value] of headers.items()) headers.set(header, PyDict.of([['schema', value]]))
    }
  }
}

function sha1(data: string): string {
  return createHash('sha1').update(data, 'utf8').digest('hex')
}

/** `_construct_body_s3_dict`: the BodyS3Location SAM hashes when the definition lives in S3. */
function bodyS3Location(uri: unknown): PyValue | undefined {
  if (isRecord(uri)) {
    const converted = fromTemplate(uri) as PyDict
    const location = new PyDict()
    location.set('Bucket', converted.get('Bucket') ?? null)
    location.set('Key', converted.get('Key') ?? null)
    if (converted.has('Version')) location.set('Version', converted.get('Version')!)
    return location
  }
  const parsed = typeof uri === 'string' ? s3Location(uri, {bucket: 'Bucket', key: 'Key', version: 'Version'}) : undefined
  if (!parsed) return undefined
  // The parts of a URI the template wrote are Py27UniStr too.
  const location = new PyDict()
  location.set('Bucket', new PyUnicode(String(parsed.Bucket)))
  location.set('Key', new PyUnicode(String(parsed.Key)))
  if (parsed.Version !== undefined) location.set('Version', new PyUnicode(textOf(parsed.Version)))
  return location
}

/**
 * Replays SAM's translator on the template's REST APIs: the implicit API plugin reserves event paths,
 * Globals set OpenApiVersion, functions then state machines add their integrations (each in SAM's
 * Python 2.7 iteration order), and the API generator post-processes the definition and hashes it.
 */
export function restSwaggers(template: Props, positions?: PositionIndex): Map<string, RestSwagger> {
  const result = new Map<string, RestSwagger>()
  const resources = templateResources(template)
  const ids = Object.keys(resources)
  const typeOf = (id: string): unknown => get(resources, id, 'Type')
  const apis = new Map<string, ApiState>()
  for (const id of ids) {
    if (typeOf(id) !== 'AWS::Serverless::Api') continue
    const own = get(resources, id, 'Properties')
    const props = isRecord(own) ? own : {}
    const managed = !props.DefinitionBody && !props.DefinitionUri
    const merged = mergeGlobals(globalsFor(template, 'Api'), props)
    apis.set(id, {
      managed,
      swagger: managed ? skeleton() : props.DefinitionBody !== undefined ? definitionOf(props.DefinitionBody, positions) : undefined,
      props: merged,
      openApiVersion: openApiVersionOf(merged.OpenApiVersion),
    })
  }
  const implicitExists = ids.includes(IMPLICIT_API)
  const withEvents = (id: string): boolean => typeOf(id) === 'AWS::Serverless::Function' || typeOf(id) === 'AWS::Serverless::StateMachine'
  const implicitUsed = ids.some((id) => withEvents(id) && apiEvents(resources[id]).some(([, event]) => isRecord(event.Properties) && event.Properties.RestApiId === undefined))
  if (implicitUsed) {
    const props = mergeGlobals(globalsFor(template, 'Api'), {StageName: 'Prod'})
    apis.set(IMPLICIT_API, {managed: true, swagger: skeleton(), props, openApiVersion: openApiVersionOf(props.OpenApiVersion)})
  }

  // The implicit API plugin: every Api event reserves its path and method in a definition SAM manages.
  const pluginOrder = py27Order(ids, implicitExists ? [] : [IMPLICIT_API])
  /** The Condition of the resource behind each method, by API and path (null: a method without one). */
  const methodConditions = new Map<string, Map<string, Map<string, PyValue>>>()
  for (const id of pluginOrder) {
    if (!withEvents(id)) continue
    const condition = get(resources, id, 'Condition')
    for (const [, event] of pluginApiEvents(resources[id])) {
      if (!isRecord(event.Properties) || Object.keys(event.Properties).length === 0) continue
      const apiId = eventApiId(event.Properties)
      if (apiId !== undefined && typeof event.Properties.Path === 'string' && typeof event.Properties.Method === 'string') {
        const byPath = methodConditions.get(apiId) ?? new Map<string, Map<string, PyValue>>()
        methodConditions.set(apiId, byPath)
        const byMethod = byPath.get(event.Properties.Path) ?? new Map<string, PyValue>()
        byPath.set(event.Properties.Path, byMethod)
        byMethod.set(event.Properties.Method, typeof condition === 'string' ? condition : null)
      }
      const api = apiId === undefined ? undefined : apis.get(apiId)
      if (!api?.managed || !isValidSwagger(api.swagger)) continue
      const properties = fromTemplate(event.Properties) as PyDict
      api.swagger = edit(api.swagger, (doc) => addPath(doc, properties.get('Path') ?? null, normalizeMethod((properties.get('Method') as PyString | undefined) ?? null)))
    }
  }

  // A path whose every method belongs to a conditional resource is itself conditional (SAM combines several conditions).
  for (const [apiId, api] of apis) {
    if (!api.managed || !isValidSwagger(api.swagger)) continue
    api.swagger = edit(api.swagger, (doc) => {
      const paths = doc.get('paths') as PyDict
      for (const path of paths.keys()) {
        const conditions = [...(methodConditions.get(apiId)?.get(path)?.values() ?? [])]
        if (conditions.length === 0 || conditions.includes(null)) continue
        const distinct = [...new Set(conditions)]
        const name = distinct.length === 1 ? new PyUnicode(distinct[0] as string) : `${apiId}${path.replace(/\//g, 'SLASH').replace(/{/g, 'OB').replace(/}/g, 'CB')}PathCondition`
        paths.set(path, plainDict({'Fn::If': [name, paths.get(path)!, plainDict({Ref: 'AWS::NoValue'})]}))
      }
    })
  }

  // Globals: an OpenApiVersion 3 turns a managed definition into OpenAPI.
  for (const api of apis.values()) {
    const version = api.openApiVersion
    if (!api.managed || !(api.swagger instanceof PyDict) || version === undefined || !OPENAPI_3.test(text(version)!)) continue
    api.swagger.set('openapi', version)
    if (api.swagger.get('swagger')) api.swagger.delete('swagger')
  }

  const translateOrder = py27Order(ids, implicitExists ? [] : [IMPLICIT_API])
  const functionNames = new Map<string, string[]>()
  for (const id of translateOrder.filter((candidate) => typeOf(candidate) === 'AWS::Serverless::Function')) {
    const props = mergeGlobals(globalsFor(template, 'Function'), isRecord(get(resources, id, 'Properties')) ? (get(resources, id, 'Properties') as Props) : {})
    const alias = typeof props.AutoPublishAlias === 'string' ? `${id}Alias${props.AutoPublishAlias}` : undefined
    const condition = typeof get(resources, id, 'Condition') === 'string' ? new PyUnicode(get(resources, id, 'Condition') as string) : undefined
    const events = eventsOf(resources[id])
    // SAM translates a function's events sorted by path ("$default" before "/"), else by name.
    const sortKey = ([name, event]: [string, Props]): string => {
      const path = get(event, 'Properties', 'Path')
      return typeof path === 'string' ? path : name
    }
    const sorted = events.map((entry, index) => ({entry, index})).sort((a, b) => (sortKey(a.entry) < sortKey(b.entry) ? -1 : sortKey(a.entry) > sortKey(b.entry) ? 1 : a.index - b.index))
    for (const {entry} of sorted) {
      const [, event] = entry
      if (event.Type !== 'Api' || !isRecord(event.Properties)) continue
      const apiId = eventApiId(event.Properties)
      const functionName = resolvedName(template, props.FunctionName)
      if (apiId !== undefined && event.Properties.RestApiId !== undefined && functionName !== undefined) {
        functionNames.set(apiId, [...(functionNames.get(apiId) ?? []), functionName])
      }
      const api = apiId === undefined ? undefined : apis.get(apiId)
      if (!api) continue
      const properties = fromTemplate(event.Properties) as PyDict
      const apiAuth = authOf(template, api.props)
      const stage = apiId === IMPLICIT_API ? 'Prod' : stageSuffix(get(resources, apiId!, 'Properties', 'StageName'))
      const merging = !api.managed && isTruthy(fromTemplate(api.props.MergeDefinitions ?? null)) && api.swagger instanceof PyDict
      const eventAuth = properties.get('Auth')
      // OverrideApiAuth: the event's auth is written into the API's definition, even one SAM does not manage.
      const override = () => {
        if (api.swagger instanceof PyDict && isTruthy(api.swagger) && eventAuth instanceof PyDict && isTruthy(eventAuth.get('OverrideApiAuth')) && isValidSwagger(api.swagger)) {
          api.swagger = edit(api.swagger, (doc) => addEventAuth(doc, properties, eventAuth, apiAuth, stage))
          api.rewritten = true
        }
      }
      if (!merging && (!api.managed || !isValidSwagger(api.swagger))) {
        override()
        continue
      }
      const generatedSwagger = edit(merging ? skeleton() : (api.swagger as PyDict), (doc) => {
        addLambdaIntegration(doc, properties, id, alias, condition, apiAuth)
        const auth = properties.get('Auth')
        if (auth instanceof PyDict && auth.keys().length > 0) addEventAuth(doc, properties, auth, apiAuth, stage)
        addTimeout(doc, properties)
        addRequestModel(doc, properties, api.props.Models)
        addRequestParameters(doc, properties)
      })
      if (merging) {
        api.swagger = mergeDefinitions(api.swagger as PyDict, generatedSwagger, properties)
        api.rewritten = true
      } else {
        api.swagger = generatedSwagger
      }
      override()
    }
  }
  for (const id of translateOrder.filter((candidate) => typeOf(candidate) === 'AWS::Serverless::StateMachine')) {
    const condition = typeof get(resources, id, 'Condition') === 'string' ? new PyUnicode(get(resources, id, 'Condition') as string) : undefined
    const alias = get(resources, id, 'Properties', 'AutoPublishAlias')
    const target = typeof alias === 'string' ? `${id}Alias${alias}` : id
    for (const [name, event] of apiEvents(resources[id])) {
      if (!isRecord(event.Properties)) continue
      const apiId = eventApiId(event.Properties)
      const api = apiId === undefined ? undefined : apis.get(apiId)
      if (!api?.managed || !isValidSwagger(api.swagger)) continue
      const properties = fromTemplate(event.Properties) as PyDict
      const apiAuth = authOf(template, api.props)
      api.swagger = edit(api.swagger, (doc) => {
        addStateMachineIntegration(doc, properties, target, `${id}${name}Role`, condition)
        const auth = properties.get('Auth')
        if (auth instanceof PyDict && auth.keys().length > 0) addEventAuth(doc, properties, auth, apiAuth, properties.get('Stage') ?? null)
      })
    }
  }

  for (const [id, api] of apis) {
    let hashed: PyValue | undefined
    if (api.props.DefinitionUri !== undefined && api.props.DefinitionBody === undefined) {
      hashed = bodyS3Location(api.props.DefinitionUri)
    } else if (api.swagger instanceof PyDict) {
      const cors = api.props.Cors === undefined ? undefined : fromTemplate(api.props.Cors)
      if (isTruthy(cors) && isValidSwagger(api.swagger)) api.swagger = edit(api.swagger, (doc) => addCors(doc, cors!))
      const auth = authOf(template, api.props)
      if (auth && auth.keys().length > 0 && isValidSwagger(api.swagger)) {
        const stage = id === IMPLICIT_API ? 'Prod' : api.props.StageName === undefined ? null : fromTemplate(api.props.StageName)
        api.swagger = edit(api.swagger, (doc) => {
          addApiAuth(doc, auth)
          const policy = auth.get('ResourcePolicy')
          if (policy instanceof PyDict && isTruthy(policy)) {
            for (const path of (doc.get('paths') as PyDict).items().map(([key]) => key)) addResourcePolicy(doc, policy, path, stage)
            if (isTruthy(policy.get('CustomStatements'))) addCustomStatements(doc, policy.get('CustomStatements'))
          }
        })
        openApiPostprocess(api.swagger, text(api.openApiVersion ?? null))
      }
      const responses = api.props.GatewayResponses === undefined ? undefined : fromTemplate(api.props.GatewayResponses)
      if (responses instanceof PyDict && isTruthy(responses) && isValidSwagger(api.swagger)) api.swagger = edit(api.swagger, (doc) => addGatewayResponses(doc, responses))
      const binary = api.props.BinaryMediaTypes === undefined ? undefined : fromTemplate(withParameterDefaults(template, api.props.BinaryMediaTypes))
      if (isTruthy(binary)) api.swagger = edit(api.swagger, (doc) => addBinaryMediaTypes(doc, binary!))
      const models = api.props.Models === undefined ? undefined : fromTemplate(api.props.Models)
      if (models instanceof PyDict && isTruthy(models) && isValidSwagger(api.swagger)) {
        api.swagger = edit(api.swagger, (doc) => addModels(doc, models))
        openApiPostprocess(api.swagger, text(api.openApiVersion ?? null))
      }
      const disabled = api.props.DisableExecuteApiEndpoint
      if (disabled !== undefined && disabled !== null) api.swagger = edit(api.swagger, (doc) => addEndpointExtension(doc, fromTemplate(disabled)))
      openApiPostprocess(api.swagger, text(api.openApiVersion ?? null))
      hashed = api.swagger
    }
    const inputs = hashed === undefined ? [] : [pyStr(hashed)]
    if (inputs.length > 0 && api.openApiVersion !== undefined && text(api.openApiVersion) !== '') inputs.push(text(api.openApiVersion)!)
    const domain = restDomain(id, withParameterDefaults(template, api.props.Domain))
    if (inputs.length > 0 && domain) inputs.push(domain.hashInput)
    const names = functionNames.get(id)
    if (inputs.length > 0 && names) inputs.push(names.join(''))
    const hashInput = inputs.join('||')
    const digest = inputs.length > 0 ? sha1(hashInput) : ''
    result.set(id, {
      body: (api.managed || api.rewritten) && api.swagger !== undefined ? withoutNoneRequirements(toJson(api.swagger)) : undefined,
      deploymentId: `${id}Deployment${digest.slice(0, 10)}`,
      description: `RestApi deployment id: ${digest}`,
      hashInput,
    })
  }
  return result
}

// ---- Auth: what SAM's SwaggerEditor writes for Auth, per method (events) and per API (Auth of the API) ----------------

/** An API's Auth as SAM reads it: Globals merged, parameter references resolved, held as a Py27Dict. */
function authOf(template: Props, props: Props): PyDict | undefined {
  const auth = props.Auth
  if (!isRecord(auth)) return undefined
  return fromTemplate(withParameterDefaults(template, auth)) as PyDict
}

function pyEquals(a: PyValue, b: PyValue): boolean {
  if (a instanceof PyDict || b instanceof PyDict) {
    if (!(a instanceof PyDict) || !(b instanceof PyDict) || a.keys().length !== b.keys().length) return false
    return a.keys().every((key) => b.has(key) && pyEquals(a.get(key)!, b.get(key)!))
  }
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => pyEquals(item, b[index]!))
  return (text(a) ?? a) === (text(b) ?? b)
}

/** The security definitions of the document, created (and added to it) on first use. */
function securityDefinitions(doc: PyDict): PyDict {
  const existing = doc.get('securityDefinitions')
  if (existing instanceof PyDict && existing.keys().length > 0) return existing
  const pending = pendingSecurity.get(doc)
  if (pending) return pending
  const created = new PyDict()
  pendingSecurity.set(doc, created)
  return created
}

function addSecurityDefinition(doc: PyDict, name: string, fields: Array<[string, PyValue]>): void {
  const definitions = securityDefinitions(doc)
  if (definitions.has(name)) return
  const definition = new PyDict()
  for (const [key, value] of fields) definition.set(key, value)
  definitions.update([[name, definition]])
}

const addIamDefinition = (doc: PyDict): void =>
  addSecurityDefinition(doc, 'AWS_IAM', [
    ['x-amazon-apigateway-authtype', 'awsSigv4'],
    ['type', 'apiKey'],
    ['name', 'Authorization'],
    ['in', 'header'],
  ])

const addApiKeyDefinition = (doc: PyDict): void =>
  addSecurityDefinition(doc, 'api_key', [
    ['type', 'apiKey'],
    ['name', 'x-api-key'],
    ['in', 'header'],
  ])

const EXCLUDED_PATH_FIELDS = new Set(['summary', 'description', 'parameters'])

/** `iter_on_all_methods_for_path`: the methods of a path that have an integration, inside conditions too. */
function methodsOf(doc: PyDict, path: string): Array<[string, PyDict]> {
  const paths = doc.get('paths') as PyDict
  const result: Array<[string, PyDict]> = []
  for (const item of conditionalContents(paths.get(path))) {
    if (!(item instanceof PyDict)) continue
    for (const [name, method] of item.items()) {
      if (EXCLUDED_PATH_FIELDS.has(text(name)!)) continue
      for (const definition of conditionalContents(method)) {
        if (definition instanceof PyDict && isTruthy(definition.get(INTEGRATION))) result.push([text(normalizeMethod(name) as PyString)!, definition])
      }
    }
  }
  return result
}

function isTruthy(value: PyValue | undefined): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false
  if (value instanceof PyUnicode) return value.value !== ''
  if (value instanceof PyFloat) return value.value !== 0
  if (value instanceof PyDict) return value.keys().length > 0
  if (Array.isArray(value)) return value.length > 0
  return true
}

/** `get_conditional_contents`: both branches of an Fn::If (minus AWS::NoValue), else the item itself. */
function conditionalContents(item: PyValue | undefined): PyValue[] {
  if (!(item instanceof PyDict) || !item.has('Fn::If')) return item === undefined ? [] : [item]
  const branches = item.get('Fn::If')
  if (!Array.isArray(branches)) return []
  return branches.slice(1).filter((branch) => !(branch instanceof PyDict && text(branch.get('Ref') ?? null) === 'AWS::NoValue'))
}

function securityList(definition: PyDict): PyValue[] {
  const security = definition.get('security')
  return Array.isArray(security) ? security : []
}

/** `add_auth_to_method`: an event's Authorizer and ApiKeyRequired on its own method. */
function addMethodAuth(doc: PyDict, event: PyDict, auth: PyDict, apiAuth: PyDict | undefined): void {
  const path = text(event.get('Path') ?? null)
  const method = event.get('Method')
  if (path === undefined || method === undefined) return
  const methodName = text(normalizeMethod(lower(method as PyString)) as PyString)
  const definitions = methodsOf(doc, path).filter(([name]) => name === methodName)
  const authorizer = auth.get('Authorizer')
  const scopes = auth.get('AuthorizationScopes')
  const authorizers = apiAuth?.get('Authorizers')
  if (isTruthy(authorizer) && text(authorizer!) !== undefined) {
    const name = text(authorizer!)!
    for (const [, definition] of definitions) {
      const entry = new PyDict()
      entry.set(authorizer as PyString, [])
      const security = [...securityList(definition), entry]
      if (name !== 'NONE' && authorizers instanceof PyDict && isTruthy(authorizers)) {
        const configured = authorizers.get(name)
        let methodScopes = configured instanceof PyDict ? configured.get('AuthorizationScopes') : undefined
        if (scopes !== undefined && scopes !== null) methodScopes = scopes
        if (configured !== undefined && configured !== null && methodScopes !== undefined && methodScopes !== null) entry.set(authorizer as PyString, methodScopes)
      }
      definition.set('security', security)
      const first = security[0]
      if (first instanceof PyDict && first.has('AWS_IAM')) addIamDefinition(doc)
    }
  }
  const apiKeyRequired = auth.get('ApiKeyRequired')
  if (apiKeyRequired !== undefined && apiKeyRequired !== null) {
    for (const [, definition] of definitions) {
      const entry = new PyDict()
      if (isTruthy(apiKeyRequired)) {
        entry.set('api_key', [])
        addApiKeyDefinition(doc)
      } else {
        entry.set('api_key_false', [])
      }
      const existing = securityList(definition)
      const security = [...existing, entry]
      if (!pyEquals(security, existing)) definition.set('security', security)
    }
  }
}

/** `ApiGatewayAuthorizer.generate_swagger`: the security definition of one authorizer. */
function authorizerDefinition(name: string, config: PyDict | undefined): PyDict {
  const definition = new PyDict()
  if (config === undefined) {
    // The AWS_IAM authorizer SAM creates for DefaultAuthorizer: AWS_IAM.
    definition.set('type', 'apiKey')
    definition.set('name', 'Authorization')
    definition.set('in', 'header')
    definition.set('x-amazon-apigateway-authtype', 'awsSigv4')
    return definition
  }
  const identity = config.get('Identity')
  const identityDict = identity instanceof PyDict ? identity : undefined
  const userPool = config.get('UserPoolArn')
  const cognito = isTruthy(userPool)
  const payload = text(config.get('FunctionPayloadType') ?? null) ?? 'TOKEN'
  const header = identityDict && isTruthy(identityDict.get('Header')) ? identityDict.get('Header')! : 'Authorization'
  definition.set('type', 'apiKey')
  definition.set('name', !cognito && payload === 'REQUEST' ? 'Unused' : header)
  definition.set('in', 'header')
  definition.set('x-amazon-apigateway-authtype', cognito ? 'cognito_user_pools' : 'custom')
  let authorizer: PyDict | undefined
  if (cognito) {
    authorizer = new PyDict()
    authorizer.set('type', 'cognito_user_pools')
    authorizer.set('providerARNs', Array.isArray(userPool) ? userPool : [userPool!])
    definition.set('x-amazon-apigateway-authorizer', authorizer)
  } else {
    authorizer = PyDict.of([['type', payload === 'REQUEST' ? 'request' : 'token']])
    definition.set('x-amazon-apigateway-authorizer', authorizer)
    authorizer.set(
      'authorizerUri',
      plainDict({'Fn::Sub': ['arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${__FunctionArn__}/invocations', plainDict({__FunctionArn__: config.get('FunctionArn') ?? null})]}),
    )
    const ttl = identityDict?.get('ReauthorizeEvery')
    if (identityDict && ttl !== undefined && ttl !== null) authorizer.set('authorizerResultTtlInSeconds', ttl)
    const role = config.get('FunctionInvokeRole')
    if (isTruthy(role) && text(role!) !== 'NONE') authorizer.set('authorizerCredentials', role!)
    if (payload === 'REQUEST' && identityDict) {
      const parts: PyString[] = []
      for (const [key, prefix] of [
        ['Headers', 'method.request.header.'],
        ['QueryStrings', 'method.request.querystring.'],
        ['StageVariables', 'stageVariables.'],
        ['Context', 'context.'],
      ] as const) {
        const values = identityDict.get(key)
        if (Array.isArray(values)) for (const value of values) if (text(value) !== undefined) parts.push(value instanceof PyUnicode ? new PyUnicode(prefix + value.value) : prefix + text(value)!)
      }
      const joined = parts.map((part) => text(part)!).join(', ')
      if (joined !== '') authorizer.set('identitySource', parts.some((part) => part instanceof PyUnicode) ? new PyUnicode(joined) : joined)
    }
  }
  if (cognito || payload === 'TOKEN') {
    const expression = identityDict?.get('ValidationExpression')
    if (isTruthy(expression)) authorizer.set('identityValidationExpression', expression!)
  }
  return definition
}

/** `_add_auth` of SAM's API generator: authorizers, the default authorizer and the default API key requirement. */
function addApiAuth(doc: PyDict, auth: PyDict): void {
  const defaultAuthorizer = auth.get('DefaultAuthorizer')
  const defaultName = text(defaultAuthorizer ?? null)
  const configured = auth.get('Authorizers')
  const authorizers: Array<[PyString, PyDict | undefined]> = []
  if (defaultName === 'AWS_IAM') authorizers.push([defaultAuthorizer as PyString, undefined])
  if (configured instanceof PyDict && isTruthy(configured)) {
    for (const [name, config] of configured.items()) {
      const existing = authorizers.findIndex(([key]) => text(key) === text(name))
      const entry: [PyString, PyDict | undefined] = [name, config instanceof PyDict ? config : new PyDict()]
      if (existing >= 0) authorizers[existing] = entry
      else authorizers.push(entry)
    }
  }
  const authorizerScopes = (name: string): PyValue => {
    const config = authorizers.find(([key]) => text(key) === name)?.[1]
    const scopes = config?.get('AuthorizationScopes')
    return scopes === undefined || scopes === null ? [] : scopes
  }
  if (authorizers.length > 0) {
    const definitions = securityDefinitions(doc)
    for (const [name, config] of authorizers) definitions.set(name, authorizerDefinition(text(name)!, config))
    if (defaultName !== undefined && defaultName !== '') {
      const names = new Set(['AWS_IAM', ...authorizers.map(([name]) => text(name)!)])
      const preflight = auth.get('AddDefaultAuthorizerToCorsPreflight') ?? true
      for (const path of (doc.get('paths') as PyDict).keys()) {
        for (const [methodName, definition] of methodsOf(doc, path)) {
          if (!isTruthy(preflight) && methodName === 'options') continue
          const others: PyValue[] = []
          const own: PyValue[] = []
          for (const security of securityList(definition)) {
            if (security instanceof PyDict && security.keys().some((key) => names.has(key))) own.push(security)
            else others.push(security)
          }
          const noneIndex = others.findIndex((security) => security instanceof PyDict && security.has('NONE'))
          let chosen: PyValue[]
          if (noneIndex > -1) {
            others.splice(noneIndex, 1)
            chosen = []
          } else if (own.length > 0) {
            chosen = own
          } else {
            const entry = new PyDict()
            entry.set(defaultAuthorizer as PyString, authorizerScopes(defaultName))
            chosen = [entry]
          }
          const security = [...others, ...chosen]
          if (security.length === 0) continue
          definition.set('security', security)
          const first = security[0]
          if (first instanceof PyDict && first.has('AWS_IAM')) addIamDefinition(doc)
        }
      }
    }
  }
  if (isTruthy(auth.get('ApiKeyRequired'))) {
    addApiKeyDefinition(doc)
    const preflight = auth.get('AddApiKeyRequiredToCorsPreflight') ?? true
    for (const path of (doc.get('paths') as PyDict).keys()) {
      for (const [methodName, definition] of methodsOf(doc, path)) {
        const existing = securityList(definition)
        const others = existing.filter((security) => !(security instanceof PyDict && (security.has('api_key') || security.has('api_key_false'))))
        const keyed = existing.filter((security) => security instanceof PyDict && (security.has('api_key') || security.has('api_key_false')))
        const falseIndex = keyed.findIndex((security) => security instanceof PyDict && security.has('api_key_false'))
        const required: PyValue[] = falseIndex > -1 ? [] : [PyDict.of([['api_key', []]])]
        const security = methodName === 'options' && !isTruthy(preflight) ? others : [...others, ...required]
        if (!pyEquals(security, existing)) definition.set('security', security)
      }
    }
  }
}

// ---- Cors: the OPTIONS method SAM adds to every path ---------------------------------------------------------------

const ALL_HTTP_METHODS = ['OPTIONS', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH']

/** `_make_cors_allowed_methods_for_path_item`: every method of the path (all of them for ANY), plus OPTIONS, sorted. */
function allowedMethods(item: PyDict): string {
  const methods = item.keys()
  const all = methods.includes(ANY_METHOD) ? ALL_HTTP_METHODS : [...methods, 'options']
  return [...new Set(all.map((method) => method.toUpperCase()))].sort().join(',')
}

function corsOptions(origin: PyValue, headers: PyValue | undefined, methods: PyValue | undefined, maxAge: PyValue | undefined, credentials: boolean): PyDict {
  const header = (name: string): string => `method.response.header.${name}`
  const parameters = PyDict.of([[header('Access-Control-Allow-Origin'), origin]])
  const responseHeaders = PyDict.of([['Access-Control-Allow-Origin', plainDict({type: 'string'})]])
  if (isTruthy(headers)) {
    parameters.set(header('Access-Control-Allow-Headers'), headers!)
    responseHeaders.set('Access-Control-Allow-Headers', plainDict({type: 'string'}))
  }
  if (isTruthy(methods)) {
    parameters.set(header('Access-Control-Allow-Methods'), methods!)
    responseHeaders.set('Access-Control-Allow-Methods', plainDict({type: 'string'}))
  }
  if (maxAge !== undefined && maxAge !== null) {
    parameters.set(header('Access-Control-Max-Age'), maxAge)
    responseHeaders.set('Access-Control-Max-Age', plainDict({type: 'integer'}))
  }
  if (credentials) {
    parameters.set(header('Access-Control-Allow-Credentials'), "'true'")
    responseHeaders.set('Access-Control-Allow-Credentials', plainDict({type: 'string'}))
  }
  const options = new PyDict()
  options.set('summary', 'CORS support')
  options.set('consumes', ['application/json'])
  options.set('produces', ['application/json'])
  const integration = new PyDict()
  options.set(INTEGRATION, integration)
  integration.set('type', 'mock')
  integration.set('requestTemplates', plainDict({'application/json': '{\n  "statusCode" : 200\n}\n'}))
  const responses = new PyDict()
  integration.set('responses', responses)
  const fallback = new PyDict()
  responses.set('default', fallback)
  fallback.set('statusCode', '200')
  fallback.set('responseParameters', parameters)
  fallback.set('responseTemplates', plainDict({'application/json': '{}\n'}))
  const methodResponses = new PyDict()
  options.set('responses', methodResponses)
  const ok = new PyDict()
  methodResponses.set('200', ok)
  ok.set('description', 'Default response for CORS method')
  ok.set('headers', responseHeaders)
  return options
}

/** `_add_cors` of SAM's API generator: an OPTIONS mock on each path (once per path with or without a trailing slash). */
function addCors(doc: PyDict, cors: PyValue): void {
  const settings = cors instanceof PyDict && !cors.keys().some((key) => key === 'Ref' || key.startsWith('Fn::')) ? cors : undefined
  const origin = settings ? (settings.get('AllowOrigin') ?? "'*'") : cors
  const paths = doc.get('paths') as PyDict
  const seen = new Set<string>()
  for (const path of paths.keys()) {
    const normalized = path === '/' ? path : path.replace(/\/+$/, '')
    if (seen.has(normalized)) continue
    seen.add(normalized)
    let methods = settings?.get('AllowMethods')
    for (const item of conditionalContents(paths.get(path))) {
      if (!(item instanceof PyDict) || item.has('options') || !isTruthy(origin)) continue
      if (!isTruthy(methods)) methods = `'${allowedMethods(item)}'`
      item.set('options', corsOptions(origin, settings?.get('AllowHeaders'), methods, settings?.get('MaxAge'), settings?.get('AllowCredentials') === true))
    }
  }
}

/**
 * `_get_merged_definitions`: the method an event generated (on a skeleton) merged over the written method, generated
 * keys winning; the written definition is copied at the top only, so its paths are changed in place.
 */
function mergeDefinitions(source: PyDict, generatedDoc: PyDict, event: PyDict): PyDict {
  const merged = PyDict.of(source.items())
  const writtenPaths = merged.get('paths')
  const paths = writtenPaths instanceof PyDict && isTruthy(writtenPaths) ? writtenPaths : new PyDict(false)
  const path = event.get('Path') as PyString
  const method = lower(event.get('Method') as PyString)
  const item = paths.get(text(path)!)
  const written = item instanceof PyDict ? item.get(text(method)!) : undefined
  const generatedItem = (generatedDoc.get('paths') as PyDict).get(text(path)!)
  const generatedMethod = generatedItem instanceof PyDict ? generatedItem.get(text(normalizeMethod(method) as PyString)!) : undefined
  const combined = new PyDict(false)
  if (written instanceof PyDict) for (const [key, value] of written.items()) combined.set(key, value)
  if (generatedMethod instanceof PyDict) for (const [key, value] of generatedMethod.items()) combined.set(key, value)
  if (!(item instanceof PyDict)) paths.set(path, PyDict.of([[method, combined]], false))
  ;(paths.get(text(path)!) as PyDict).set(method, combined)
  return merged
}

/** The stage an event's permission and resource policy name: the API's StageName, or `Stage` when it is not a string. */
function stageSuffix(stageName: unknown): PyValue {
  return typeof stageName === 'string' ? new PyUnicode(stageName) : 'Stage'
}

/** `add_auth_to_swagger`: the event's authorizer and API key on its method, then its resource policy. */
function addEventAuth(doc: PyDict, event: PyDict, auth: PyDict, apiAuth: PyDict | undefined, stage: PyValue): void {
  addMethodAuth(doc, event, auth, apiAuth)
  const policy = auth.get('ResourcePolicy')
  const path = event.get('Path')
  if (!(policy instanceof PyDict) || !isTruthy(policy) || text(path ?? null) === undefined) return
  addResourcePolicy(doc, policy, path as PyString, stage)
  if (isTruthy(policy.get('CustomStatements'))) addCustomStatements(doc, policy.get('CustomStatements'))
}

// ---- Events: request models, validators and parameters SAM writes on the event's method ------------------------------

/** `iter_on_method_definitions_for_path_at_method`: the event's method definitions that have an integration. */
function eventMethods(doc: PyDict, event: PyDict): Array<[string, PyDict]> {
  const path = text(event.get('Path') ?? null)
  const method = event.get('Method')
  if (path === undefined || method === undefined || method === null) return []
  const name = text(normalizeMethod(lower(method as PyString)) as PyString)
  return methodsOf(doc, path).filter(([candidate]) => candidate === name)
}

/** `add_request_model_to_method` and `add_request_validator_to_method` for an event's RequestModel. */
function addRequestModel(doc: PyDict, event: PyDict, apiModels: unknown): void {
  const model = event.get('RequestModel')
  if (!(model instanceof PyDict)) return
  const name = model.get('Model')
  if (text(name ?? null) === undefined || !isTruthy(name) || !isRecord(apiModels) || !apiModels[text(name!)!]) return
  const modelName = lower(name as PyString)
  const required = model.get('Required')
  for (const [, definition] of eventMethods(doc, event)) {
    if (doc.get('swagger') !== undefined && doc.get('swagger') !== null) {
      const existing = definition.get('parameters')
      const parameters = Array.isArray(existing) ? existing : []
      const parameter = new PyDict()
      parameter.set('in', 'body')
      parameter.set('name', modelName)
      parameter.set('schema', plainDict({$ref: `#/definitions/${text(modelName)}`}))
      if (required !== undefined && required !== null) parameter.set('required', required)
      parameters.push(parameter)
      definition.set('parameters', parameters)
    } else if (isTruthy(doc.get('openapi')) && OPENAPI_3.test(text(doc.get('openapi')!) ?? '')) {
      const body = plainDict({content: plainDict({'application/json': plainDict({schema: plainDict({$ref: `#/components/schemas/${text(modelName)}`})})})})
      definition.set('requestBody', body)
      if (required !== undefined && required !== null) body.set('required', required)
    }
  }
  const validateBody = model.get('ValidateBody')
  const validateParameters = model.get('ValidateParameters')
  if ((validateBody === undefined || validateBody === null) && (validateParameters === undefined || validateParameters === null)) return
  const body = validateBody === true
  const parameters = validateParameters === true
  const validator = body && parameters ? 'body-and-params' : body ? 'body-only' : parameters ? 'params-only' : 'no-validation'
  const definition = new PyDict()
  const settings = new PyDict()
  definition.set(validator, settings)
  settings.set('validateRequestBody', body)
  settings.set('validateRequestParameters', parameters)
  if (!isTruthy(doc.get('x-amazon-apigateway-request-validators'))) doc.set('x-amazon-apigateway-request-validators', new PyDict())
  const validators = doc.get('x-amazon-apigateway-request-validators') as PyDict
  if (!isTruthy(validators.get(validator))) validators.update(definition.items())
  for (const [, method] of eventMethods(doc, event)) method.update([['x-amazon-apigateway-request-validator', validator]])
}

/** `add_request_parameters_to_method` for an event's RequestParameters (strings or `{name: {Required, Caching}}`). */
function addRequestParameters(doc: PyDict, event: PyDict): void {
  const written = event.get('RequestParameters')
  if (!Array.isArray(written) || written.length === 0) return
  const parameters: Array<{name: PyString; required: PyValue; caching: PyValue}> = []
  for (const parameter of written) {
    if (parameter instanceof PyDict) {
      const [name] = parameter.keys()
      const settings = name === undefined ? undefined : parameter.get(name)
      if (name === undefined || !(settings instanceof PyDict)) continue
      const key = parameter.items()[0]![0]
      parameters.push({name: key, required: settings.has('Required') ? settings.get('Required')! : false, caching: settings.has('Caching') ? settings.get('Caching')! : false})
    } else if (text(parameter) !== undefined) {
      parameters.push({name: parameter as PyString, required: false, caching: false})
    }
  }
  for (const [, definition] of eventMethods(doc, event)) {
    const existing = definition.get('parameters')
    const list = Array.isArray(existing) ? existing : []
    for (const {name, required, caching} of parameters) {
      const location = text(name)!.replace('method.request.', '')
      const dot = location.indexOf('.')
      const where = location.slice(0, dot)
      const parameter = new PyDict()
      const unicode = (value: string): PyString => (name instanceof PyUnicode ? new PyUnicode(value) : value)
      parameter.set('in', where === 'querystring' ? 'query' : unicode(where))
      parameter.set('name', unicode(location.slice(dot + 1)))
      parameter.set('required', required)
      parameter.set('type', 'string')
      list.push(parameter)
      if (isTruthy(caching)) {
        const integration = definition.get(INTEGRATION) as PyDict
        const cache = integration.get('cacheKeyParameters')
        const keys = Array.isArray(cache) ? cache : []
        keys.push(name)
        integration.set('cacheKeyParameters', keys)
      }
    }
    definition.set('parameters', list)
  }
}

// ---- Resource policies: `Auth.ResourcePolicy` of an API (each path) or of an event (its path) -----------------------

/** `_get_method_path_uri_list`: `execute-api:/${__Stage__}/METHOD/path` for each method of the path. */
function methodPathUris(doc: PyDict, path: PyString, stage: PyValue): PyValue[] {
  const methods: PyString[] = []
  for (const item of conditionalContents((doc.get('paths') as PyDict).get(text(path)!))) if (item instanceof PyDict) methods.push(...item.items().map(([key]) => key))
  const pathText = text(path)!.replace(/{([a-zA-Z0-9._-]+|[a-zA-Z0-9._-]+\+|proxy\+)}/g, '*')
  return methods.map((method) => {
    const lowered = text(method)!.toLowerCase()
    const name = lowered === ANY_METHOD || lowered === 'any' ? '*' : text(method)!.toUpperCase()
    const resource = `execute-api:/\${__Stage__}/${name}${pathText}`
    const unicode = method instanceof PyUnicode || path instanceof PyUnicode
    return plainDict({'Fn::Sub': [unicode ? new PyUnicode(resource) : resource, plainDict({__Stage__: stage})]})
  })
}

class ResourcePolicy {
  readonly policy: PyDict
  constructor(private readonly doc: PyDict) {
    const existing = doc.get('x-amazon-apigateway-policy')
    this.policy = existing instanceof PyDict && isTruthy(existing) ? existing : new PyDict()
  }

  private append(statements: PyDict[], unique: boolean): void {
    this.policy.set('Version', '2012-10-17')
    const current = this.policy.get('Statement')
    if (current === undefined || current === null) {
      this.policy.set('Statement', statements.length === 1 && !unique ? statements[0]! : statements)
      return
    }
    const list = Array.isArray(current) ? current : [current]
    for (const statement of statements) if (!unique || !list.some((existing) => pyEquals(existing, statement))) list.push(statement)
    this.policy.set('Statement', list)
  }

  private statement(effect: string, resources: PyValue[], principal: PyValue, condition?: PyDict): PyDict {
    const statement = new PyDict()
    statement.set('Effect', effect)
    statement.set('Action', 'execute-api:Invoke')
    statement.set('Resource', resources)
    statement.set('Principal', principal)
    if (condition) statement.set('Condition', condition)
    return statement
  }

  iam(accounts: PyValue | undefined, effect: string, resources: PyValue[]): void {
    if (!isTruthy(accounts) || !(accounts instanceof PyDict || Array.isArray(accounts))) return
    this.append([this.statement(effect, resources, PyDict.of([['AWS', Array.isArray(accounts) ? accounts : [accounts]]]))], false)
  }

  ip(ranges: PyValue | undefined, conditional: string, resources: PyValue[]): void {
    if (!isTruthy(ranges)) return
    const list = Array.isArray(ranges) ? ranges : [ranges!]
    this.pair(resources, plainDict({[conditional]: plainDict({'aws:SourceIp': list})}))
  }

  vpc(endpoints: {strings: PyValue | undefined; vpcs: PyValue | undefined; vpces: PyValue | undefined}, conditional: string, resources: PyValue[]): void {
    const condition = new PyDict()
    const extend = (key: string, values: PyValue[]): void => {
      const existing = condition.setDefault(key, []) as PyValue[]
      existing.push(...values)
    }
    if (Array.isArray(endpoints.strings)) {
      const vpcs = endpoints.strings.filter((endpoint) => /^vpc-/.test(text(endpoint) ?? ''))
      const vpces = endpoints.strings.filter((endpoint) => /^vpce-/.test(text(endpoint) ?? ''))
      if (vpcs.length > 0) extend('aws:SourceVpc', vpcs)
      if (vpces.length > 0) extend('aws:SourceVpce', vpces)
    }
    if (endpoints.vpcs !== undefined && endpoints.vpcs !== null) extend('aws:SourceVpc', Array.isArray(endpoints.vpcs) ? endpoints.vpcs : [endpoints.vpcs])
    if (endpoints.vpces !== undefined && endpoints.vpces !== null) extend('aws:SourceVpce', Array.isArray(endpoints.vpces) ? endpoints.vpces : [endpoints.vpces])
    if (!isTruthy(condition.get('aws:SourceVpc')) && !isTruthy(condition.get('aws:SourceVpce'))) return
    this.pair(resources, plainDict({[conditional]: condition}))
  }

  private pair(resources: PyValue[], condition: PyDict): void {
    this.append([this.statement('Allow', resources, '*'), this.statement('Deny', resources, '*', condition)], true)
  }

  custom(statements: PyValue | undefined): void {
    if (statements === undefined || statements === null) return
    this.policy.set('Version', '2012-10-17')
    const current = this.policy.get('Statement')
    if (current === undefined || current === null) {
      this.policy.set('Statement', statements)
      return
    }
    const list = Array.isArray(current) ? current : [current]
    for (const statement of Array.isArray(statements) ? statements : [statements]) if (!list.some((existing) => pyEquals(existing, statement))) list.push(statement)
    this.policy.set('Statement', list)
  }

  save(): void {
    this.doc.set('x-amazon-apigateway-policy', this.policy)
  }
}

/** `add_resource_policy`: the statements one ResourcePolicy writes for one path. */
function addResourcePolicy(doc: PyDict, policy: PyDict, path: PyString, stage: PyValue): void {
  const editor = new ResourcePolicy(doc)
  const uris = (): PyValue[] => methodPathUris(doc, path, stage)
  const get = (key: string): PyValue | undefined => policy.get(key)
  if (get('AwsAccountWhitelist') !== undefined && get('AwsAccountWhitelist') !== null) editor.iam(get('AwsAccountWhitelist'), 'Allow', uris())
  if (get('AwsAccountBlacklist') !== undefined && get('AwsAccountBlacklist') !== null) editor.iam(get('AwsAccountBlacklist'), 'Deny', uris())
  if (get('IpRangeWhitelist') !== undefined && get('IpRangeWhitelist') !== null) editor.ip(get('IpRangeWhitelist'), 'NotIpAddress', uris())
  if (get('IpRangeBlacklist') !== undefined && get('IpRangeBlacklist') !== null) editor.ip(get('IpRangeBlacklist'), 'IpAddress', uris())
  const resources = uris()
  editor.vpc({strings: get('SourceVpcBlacklist'), vpcs: get('IntrinsicVpcBlacklist'), vpces: get('IntrinsicVpceBlacklist')}, 'StringEquals', resources)
  editor.vpc({strings: get('SourceVpcWhitelist'), vpcs: get('IntrinsicVpcWhitelist'), vpces: get('IntrinsicVpceWhitelist')}, 'StringNotEquals', resources)
  editor.save()
}

function addCustomStatements(doc: PyDict, statements: PyValue | undefined): void {
  const editor = new ResourcePolicy(doc)
  editor.custom(statements)
  editor.save()
}

// ---- API-level additions after Auth: gateway responses, binary media types, models, the execute-api endpoint ------------

/** `_add_gateway_responses`: `x-amazon-apigateway-gateway-responses`, one entry per response type. */
function addGatewayResponses(doc: PyDict, responses: PyDict): void {
  const existing = doc.get('x-amazon-apigateway-gateway-responses')
  const target = existing instanceof PyDict && isTruthy(existing) ? existing : new PyDict()
  for (const [type, response] of responses.items()) {
    if (!(response instanceof PyDict)) continue
    const parameters = response.get('ResponseParameters')
    const prefixed = new PyDict()
    for (const [property, prefix] of [
      ['Headers', 'header.'],
      ['Paths', 'path.'],
      ['QueryStrings', 'querystring.'],
    ] as const) {
      const values = parameters instanceof PyDict ? parameters.get(property) : undefined
      if (!(values instanceof PyDict)) continue
      for (const [key, value] of values.items()) {
        const name = `gatewayresponse.${prefix}${text(key)!}`
        prefixed.set(key instanceof PyUnicode ? new PyUnicode(name) : name, value)
      }
    }
    const swagger = new PyDict()
    swagger.set('responseParameters', prefixed)
    const templates = response.get('ResponseTemplates')
    swagger.set('responseTemplates', isTruthy(templates) ? templates! : new PyDict())
    const status = response.get('StatusCode')
    if (status !== undefined && status !== null) {
      // `str(status_code)`: a plain string, whether the template wrote a number or a string.
      const code = typeof status === 'number' ? String(status) : text(status)
      if (code) swagger.set('statusCode', code)
    }
    target.set(type, swagger)
  }
  if (isTruthy(target)) doc.set('x-amazon-apigateway-gateway-responses', target)
}

/** `add_binary_media_types`: the types, with `~1` written back as `/`, as the document's binary media types. */
function addBinaryMediaTypes(doc: PyDict, types: PyValue): void {
  const replace = (value: PyValue): PyValue => {
    if (value instanceof PyDict) {
      const result = new PyDict()
      for (const [key, child] of value.items()) result.set(new PyUnicode(text(key)!.split('~1').join('/')), replace(child))
      return result
    }
    if (Array.isArray(value)) return value.map(replace)
    if (typeof value === 'string' || value instanceof PyUnicode) return new PyUnicode(text(value)!.split('~1').join('/'))
    return value
  }
  doc.set('x-amazon-apigateway-binary-media-types', replace(types))
}

/** `add_models`: each model's schema under `definitions`, by its lower-cased name. */
function addModels(doc: PyDict, models: PyDict): void {
  const existing = doc.get('definitions')
  const definitions = existing instanceof PyDict && isTruthy(existing) ? existing : new PyDict()
  for (const [name, schema] of models.items()) if (schema instanceof PyDict) definitions.set(lower(name), schema)
  if (isTruthy(definitions)) doc.set('definitions', definitions)
}

/** `add_disable_execute_api_endpoint_extension`: on each server of an OpenAPI 3 document, else at the top. */
function addEndpointExtension(doc: PyDict, disabled: PyValue): void {
  const openapi = doc.get('openapi')
  if (isTruthy(openapi) && OPENAPI_3.test(text(openapi!) ?? '')) {
    const existing = doc.get('servers')
    const servers = Array.isArray(existing) ? existing : [new PyDict()]
    for (const server of servers) if (server instanceof PyDict) deepSet(server, 'x-amazon-apigateway-endpoint-configuration', disabled)
    doc.set('servers', servers)
  } else {
    deepSet(doc, 'x-amazon-apigateway-endpoint-configuration', disabled)
  }
}

/** `dict_deep_set(doc, "x-amazon-apigateway-endpoint-configuration.disableExecuteApiEndpoint", value)`. */
function deepSet(doc: PyDict, key: string, disabled: PyValue): void {
  const existing = doc.get(key)
  const config = existing instanceof PyDict ? existing : new PyDict()
  if (!(existing instanceof PyDict)) doc.set(key, config)
  config.set('disableExecuteApiEndpoint', disabled)
}
