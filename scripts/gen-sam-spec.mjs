#!/usr/bin/env node
// Regenerates src/schema/sam-spec.json, the compact description of AWS SAM's resource types that schema validation uses, from SAM's own JSON schema.
//
// Usage: node scripts/gen-sam-spec.mjs <SAM source>
//   <SAM source> is a checkout of aws/serverless-application-model, or the unpacked `aws-sam-translator` wheel
//   (`pip download aws-sam-translator==1.110.0 --no-deps`, then unzip). The SAM JSON schema is read from
//   schema_source/sam.schema.json when the source has it; otherwise it is produced from SAM's pydantic models
//   (samtranslator/internal/schema_source) with python3, which needs pydantic installed.
//
// What is kept: each SAM type's properties and their shapes, required names, SAM event types, the Globals
// sections, and the CloudFormation types that may embed Connectors (SAM's connector profiles). A property SAM
// passes straight through to a CloudFormation resource is recorded as a reference to that resource's property
// (`cfn`), so its checks come from the CloudFormation specification. Descriptions are dropped.
//
// Nested SAM structures (an Api's Auth.Authorizers, ResourcePolicy.CustomStatements, a DeploymentPreference's
// Alarms) are read by the translator more loosely than the schema states (a single statement for a list, a
// list of pool ARNs for one), so below the first level of a property only names are kept: values there
// accept anything unless SAM passes them straight to CloudFormation.
//
// The JSON schema is stricter than the translator in places (it omits `State` of EventBridgeRule events,
// `RuleName` of state machine CloudWatchEvent events, …), so the names the translator's own classes accept
// (their `property_types`) are added, with any value. That part always runs python3 on the SAM source.
import {execFileSync} from 'node:child_process'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const source = process.argv[2]
if (!source || !existsSync(path.join(source, 'samtranslator'))) {
  console.error('usage: node scripts/gen-sam-spec.mjs <path of a SAM checkout or unpacked aws-sam-translator wheel>')
  process.exit(2)
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const output = path.join(root, 'src/schema/sam-spec.json')

const version = /__version__\s*=\s*"([^"]+)"/.exec(readFileSync(path.join(source, 'samtranslator/__init__.py'), 'utf8'))?.[1]
if (!version) throw new Error('cannot read __version__ from samtranslator/__init__.py')

function samSchema() {
  const committed = path.join(source, 'schema_source/sam.schema.json')
  if (existsSync(committed)) return JSON.parse(readFileSync(committed, 'utf8'))
  // The schema SAM publishes is generated from these models by samtranslator/internal/schema_source/schema.py.
  const program = 'import json; from samtranslator.internal.schema_source.schema import get_schema, SamModel; print(json.dumps(get_schema(SamModel)))'
  return JSON.parse(execFileSync('python3', ['-c', program], {cwd: source, env: {...process.env, PYTHONPATH: source}, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8'}))
}

/** Property names the translator accepts: SAM resource types, and function and state machine event types. */
function translatorProperties() {
  const program = `
import inspect, json
from samtranslator.model import sam_resources
from samtranslator.model.eventsources import push, pull, cloudwatchlogs, scheduler
from samtranslator.model.stepfunctions import events as state_machine_events
def classes(module):
    for _, cls in inspect.getmembers(module, inspect.isclass):
        if cls.__module__ == module.__name__ and isinstance(getattr(cls, 'resource_type', None), str) and getattr(cls, 'property_types', None):
            yield cls
result = {'resources': {}, 'functionEvents': {}, 'stateMachineEvents': {}}
for cls in classes(sam_resources): result['resources'][cls.resource_type] = sorted(cls.property_types)
for module in (push, pull, cloudwatchlogs, scheduler):
    for cls in classes(module): result['functionEvents'][cls.resource_type] = sorted(cls.property_types)
for cls in classes(state_machine_events): result['stateMachineEvents'][cls.resource_type] = sorted(cls.property_types)
print(json.dumps(result))
`
  return JSON.parse(execFileSync('python3', ['-c', program], {cwd: source, env: {...process.env, PYTHONPATH: source}, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8'}))
}

const schema = samSchema()
const accepted = translatorProperties()
const definitions = schema.definitions
const profiles = JSON.parse(readFileSync(path.join(source, 'samtranslator/model/connector_profiles/profiles.json'), 'utf8'))

const resolve = (node) => (node.$ref ? definitions[node.$ref.replace('#/definitions/', '')] : node)
const single = (node) => (node.allOf && node.allOf.length === 1 ? node.allOf[0] : node)

/** "passed directly to the [`BatchSize`](…) property of an `AWS::Lambda::EventSourceMapping` resource" */
const PASSED_DIRECTLY = /passed directly to the \[`(\w+)`\]\([^)]*\) property of an? `(AWS::\w+::\w+)` resource/

const isPassThroughProp = (node) => single(node).$ref === '#/definitions/PassThroughProp'

/** A pass-through property: the CloudFormation resource property (or nested definition property) it becomes. */
function passThrough(node) {
  const marker = node.__samPassThrough?.schemaPath
  if (marker) {
    // ["definitions", "AWS::Lambda::Function", "properties", "Properties", "properties", "Timeout"]
    if (marker.length === 6 && marker[3] === 'Properties') return {cfn: marker[1], path: [marker[5]]}
    // ["definitions", "AWS::Lambda::Function.Code", "properties", "ImageUri"]
    if (marker.length === 4 && marker[1].includes('.')) {
      const [type, definition] = marker[1].split('.')
      return {cfn: type, def: definition, path: [marker[3]]}
    }
    return 'j'
  }
  // Without a marker, only SAM's "passed directly to" in the description of a pass-through property says
  // where the value goes (event properties borrow scalars only, see mapOf).
  if (!isPassThroughProp(node)) return undefined
  const described = PASSED_DIRECTLY.exec(node.markdownDescription ?? '')
  return described ? {cfn: described[2], path: [described[1]]} : undefined
}

/** `depth` counts SAM objects above the value, from a resource's (or an event's) Properties. */
function shape(wrapper, depth = 0) {
  const borrowed = passThrough(wrapper)
  if (borrowed) return borrowed
  const node = resolve(single(wrapper))
  if (node !== wrapper) return shape({...node, markdownDescription: wrapper.markdownDescription ?? node.markdownDescription}, depth)
  if (depth >= 2 && !(node.type === 'object' && node.properties)) return 'j'
  if (node.anyOf) return anyOf(node.anyOf, depth)
  switch (node.type) {
    case 'string':
      return 's'
    case 'integer':
      return 'i'
    case 'number':
      return 'n'
    case 'boolean':
      return 'b'
    case 'array':
      return {list: node.items ? shape(node.items, depth + 1) : 'j'}
    case 'object':
      if (node.properties) return object(node, depth + 1)
      if (node.additionalProperties && typeof node.additionalProperties === 'object') return mapOf(node.additionalProperties, depth + 1)
      return 'o'
    default:
      return 'j'
  }
}

function mapOf(value, depth) {
  const members = value.anyOf?.map((member) => resolve(single(member)))
  const isEvent = (member) => member.properties?.Type?.enum?.length === 1 && member.properties.Properties !== undefined
  if (members && members.every(isEvent)) {
    const events = {}
    // An event's Properties are checked as a resource's are: the translator checks their names. SAM reshapes
    // the objects it passes on from events (a destination's Type, which it drops), so only scalars are borrowed.
    for (const member of members) {
      const properties = shape(member.properties.Properties, 0)
      for (const property of Object.values(properties.object ?? {})) if (property.cfn) property.scalar = true
      events[member.properties.Type.enum[0]] = properties
    }
    return {events}
  }
  return {map: shape(value, depth)}
}

function anyOf(members, depth) {
  const shapes = members.map((member) => shape(member, depth))
  const seen = new Set()
  const unique = shapes.filter((member) => {
    const key = JSON.stringify(member)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  return unique.length === 1 ? unique[0] : {anyOf: unique}
}

function object(node, depth = 0) {
  const properties = {}
  for (const [name, property] of Object.entries(node.properties)) properties[name] = shape(property, depth)
  const result = {object: properties}
  // Below the first level, what is required depends on how the translator reads the structure.
  if (node.required?.length && depth <= 1) result.required = node.required
  if (node.additionalProperties !== false) result.open = true
  return result
}

/** SAM's pull event sources (samtranslator/model/eventsources/pull.py): each becomes an event source mapping. */
const PULL_EVENTS = new Set(['Kinesis', 'DynamoDB', 'SQS', 'MSK', 'MQ', 'SelfManagedKafka', 'DocumentDB'])

const resourceRefs = schema.properties.Resources.additionalProperties.anyOf.map(resolve)
const types = {}
for (const resource of resourceRefs) {
  const type = resource.properties?.Type?.enum?.[0]
  if (!type) continue // SAM's catch-all for CloudFormation resources
  const properties = resolve(single(resource.properties.Properties))
  const described = object(properties)
  addAccepted(described.object, accepted.resources[type])
  const events = described.object.Events?.events
  if (events) {
    const kinds = type === 'AWS::Serverless::Function' ? accepted.functionEvents : type === 'AWS::Serverless::StateMachine' ? accepted.stateMachineEvents : {}
    for (const [kind, names] of Object.entries(kinds)) if (events[kind]?.object) addAccepted(events[kind].object, names)
    for (const kind of PULL_EVENTS) if (type === 'AWS::Serverless::Function' && events[kind]?.object) borrowFromMapping(events[kind].object)
  }
  types[type] = {properties: described.object, ...(described.required ? {required: described.required} : {}), keys: Object.keys(resource.properties).filter((key) => key !== 'Properties' && key !== 'Type')}
}

/** Adds the names the translator accepts that the schema lacks, with any value. */
function addAccepted(properties, names = []) {
  for (const name of names) if (!(name in properties)) properties[name] = 'j'
}

/**
 * A pull event's properties the schema leaves open (DocumentDB's, and the names added above) take the shape of the
 * mapping's property of the same name, which SAM passes them to as written (a name the mapping lacks still accepts anything).
 */
function borrowFromMapping(properties) {
  for (const [name, value] of Object.entries(properties)) if (value === 'j') properties[name] = {cfn: 'AWS::Lambda::EventSourceMapping', path: [name], scalar: true}
}

const globals = {}
const globalsSchema = resolve(schema.properties.Globals)
for (const [section, reference] of Object.entries(globalsSchema.properties)) {
  const name = reference.$ref.replace('#/definitions/', '')
  // samtranslator__internal__schema_source__aws_serverless_function__Globals → the type of the same module
  const module = name.replace(/__Globals$/, '__Resource')
  const type = definitions[module]?.properties?.Type?.enum?.[0]
  if (!type) throw new Error(`cannot tell which SAM type Globals.${section} belongs to`)
  globals[section] = type
}

const spec = {
  source: `AWS SAM translator ${version}: the JSON schema of samtranslator/internal/schema_source (SamModel), the property_types of its resource and event source classes, and samtranslator/model/connector_profiles/profiles.json, github.com/aws/serverless-application-model. Regenerate with scripts/gen-sam-spec.mjs.`,
  license: 'Apache-2.0, Copyright Amazon.com, Inc. or its affiliates',
  samVersion: version,
  types,
  globals,
  connectorSources: Object.keys(profiles.Permissions).sort(),
}
writeFileSync(output, `${JSON.stringify(spec, null, 1)}\n`)
console.log(`sam-spec: SAM ${version}, ${Object.keys(types).length} types, ${Object.keys(globals).length} Globals sections, ${(readFileSync(output).length / 1024).toFixed(0)} KiB`)
