// The compact index: built from the installed specification, with SAM types from SAM's own schema, pass-through shapes borrowed from CloudFormation, and value constraints.
import {beforeAll, describe, expect, it} from 'vitest'

import {type BuiltIndex, buildIndex, loadSpecSource} from '../../src/schema/build-index.js'
import {INDEX_FORMAT, type ObjectEntry, type Shape, shardOf} from '../../src/schema/format.js'
import {SAM_TYPES, SAM_VERSION} from '../../src/schema/sam-types.js'

let built: BuiltIndex

beforeAll(() => {
  built = buildIndex(loadSpecSource())
})

const entryOf = (type: string) => built.shards.get(shardOf(type))!.r[type]!
const definition = (type: string, shape: Shape | undefined): ObjectEntry => {
  if (typeof shape !== 'number') throw new Error(`not a definition: ${JSON.stringify(shape)}`)
  return built.shards.get(shardOf(type))!.d[shape]!
}

describe('buildIndex', () => {
  it('records the format and the specification version', () => {
    expect(built.meta.format).toBe(INDEX_FORMAT)
    expect(built.meta.specVersion).toMatch(/^\d+\.\d+\.\d+/)
    expect(Object.keys(built.meta.types).length).toBeGreaterThan(1500)
  })

  it('keeps property shapes, required names and attributes of CloudFormation types', () => {
    const queue = entryOf('AWS::SQS::Queue')
    expect(queue.p.VisibilityTimeout).toEqual(['v', 'i', {lo: 0, hi: 43200}])
    expect(queue.p.RedrivePolicy).toBe('j')
    expect(queue.a).toEqual(expect.arrayContaining(['Arn', 'QueueName', 'QueueUrl']))
    const fn = entryOf('AWS::Lambda::Function')
    expect(fn.q).toEqual(expect.arrayContaining(['Code', 'Role']))
    expect(fn.p.Layers).toEqual(['a', 's'])
    expect(definition('AWS::Lambda::Function', fn.p.TracingConfig).p).toEqual({Mode: ['v', 's', {e: ['Active', 'PassThrough']}]})
  })

  it('shards by service namespace', () => {
    expect(built.meta.types['AWS::SQS::Queue']).toBe('AWS_SQS')
    expect(built.meta.types['AWS::Serverless::Function']).toBe('AWS_Serverless')
    expect(Object.keys(built.shards.get('AWS_SQS')!.r).sort()).toEqual(expect.arrayContaining(['AWS::SQS::Queue', 'AWS::SQS::QueuePolicy']))
  })

  it('describes every SAM type of SAM 1.110, including those the specification package lacks, and the Globals sections', () => {
    expect(SAM_VERSION).toBe('1.110.0')
    for (const type of Object.keys(SAM_TYPES)) expect(entryOf(type)).toBeDefined()
    expect(Object.keys(SAM_TYPES)).toEqual(expect.arrayContaining(['AWS::Serverless::WebSocketApi', 'AWS::Serverless::GraphQLApi', 'AWS::Serverless::CapacityProvider']))
    expect(entryOf('AWS::Serverless::Connector').q).toEqual(expect.arrayContaining(['Source', 'Destination']))
    expect(built.meta.sam.globals).toMatchObject({Function: 'AWS::Serverless::Function', WebSocketApi: 'AWS::Serverless::WebSocketApi', CapacityProvider: 'AWS::Serverless::CapacityProvider'})
    expect(built.meta.sam.connectorSources).toEqual(expect.arrayContaining(['AWS::SQS::Queue', 'AWS::SNS::Topic']))
    expect(entryOf('AWS::SQS::Queue').x).toEqual(['Connectors'])
    expect(entryOf('AWS::Serverless::Function').x).toEqual(['IgnoreGlobals', 'Connectors'])
  })

  it('borrows pass-through shapes from the generated resource, and only the properties SAM accepts', () => {
    const fn = entryOf('AWS::Serverless::Function')
    expect(definition('AWS::Serverless::Function', fn.p.LoggingConfig).p).toHaveProperty('LogFormat')
    expect(fn.p.Layers).toEqual(['a', 's'])
    expect(fn.p).toHaveProperty('CapacityProviderConfig')
    expect(fn.p).toHaveProperty('VersionDeletionPolicy')
    // SAM refuses Lambda properties it does not know, such as TracingConfig (it has Tracing).
    expect(fn.p).not.toHaveProperty('TracingConfig')
    expect(fn.a).toEqual(expect.arrayContaining(['Arn']))
    expect(fn.g).toBe('AWS::Lambda::Function')
  })

  it('carries allowed values from the specification, runtimes and architectures from the Lambda SDK, and ranges from the overrides', () => {
    const fn = entryOf('AWS::Lambda::Function')
    const [tag, shape, constraints] = fn.p.Runtime as ['v', Shape, {e: string[]}]
    expect([tag, shape]).toEqual(['v', 's'])
    expect(constraints.e).toEqual(expect.arrayContaining(['nodejs22.x', 'python3.13', 'provided.al2023']))
    expect(fn.p.Timeout).toEqual(['v', 'i', {lo: 1, hi: 900}])
    expect(fn.p.MemorySize).toEqual(['v', 'i', {lo: 128, hi: 10240}])
    expect(fn.p.Architectures).toEqual(['v', ['a', ['v', 's', {e: ['arm64', 'x86_64']}]], {ml: 1, xl: 1}])
    expect(entryOf('AWS::Lambda::EventSourceMapping').p.BatchSize).toEqual(['v', 'i', {lo: 1, hi: 10000}])
    // SAM's Timeout is Lambda's, constraints included.
    expect(entryOf('AWS::Serverless::Function').p.Timeout).toEqual(fn.p.Timeout)
    // An enum the specification carries.
    expect(entryOf('AWS::Lambda::Function').p.PackageType).toEqual(['v', 's', {e: ['Image', 'Zip']}])
  })

  it('chooses SAM event Properties by Type, with event source mapping properties passed through', () => {
    const fn = entryOf('AWS::Serverless::Function')
    const events = fn.p.Events as ['m', number]
    const event = definition('AWS::Serverless::Function', events[1])
    expect(event.q).toEqual(['Type'])
    const sqs = definition('AWS::Serverless::Function', event.k!.SQS)
    expect(sqs.q).toEqual(['Queue'])
    expect(Object.keys(sqs.p)).toEqual(expect.arrayContaining(['Queue', 'BatchSize', 'FunctionResponseTypes', 'MaximumBatchingWindowInSeconds', 'ScalingConfig', 'FilterCriteria']))
    // A scalar SAM passes to the event source mapping keeps the mapping's range.
    expect(sqs.p.BatchSize).toEqual(['v', 'i', {lo: 1, hi: 10000}])
    expect(Object.keys(event.k!)).toEqual(expect.arrayContaining(['SQS', 'SNS', 'EventBridgeRule', 'ScheduleV2', 'Api', 'HttpApi', 'DynamoDB', 'Kinesis']))
  })

  it('accepts any value for a SAM pass-through the specification does not have yet (SAM is sometimes ahead)', () => {
    const source = loadSpecSource()
    const older = {...source, resources: source.resources.filter((resource) => resource.cloudFormationType !== 'AWS::Lambda::Alias')}
    const fn = buildIndex(older).shards.get('AWS_Serverless')!.r['AWS::Serverless::Function']!
    expect(fn.p.ProvisionedConcurrencyConfig).toBe('j')
  })
})
