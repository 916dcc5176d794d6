// The compact index: built from the installed specification, with SAM types from the SAM description and pass-through shapes borrowed from CloudFormation.
import {beforeAll, describe, expect, it} from 'vitest'

import {type BuiltIndex, buildIndex, loadSpecSource} from '../../src/schema/build-index.js'
import {INDEX_FORMAT, type ObjectEntry, type Shape, shardOf} from '../../src/schema/format.js'
import {SAM_TYPES} from '../../src/schema/sam-types.js'

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
    expect(queue.p.VisibilityTimeout).toBe('i')
    expect(queue.p.RedrivePolicy).toBe('j')
    expect(queue.a).toEqual(expect.arrayContaining(['Arn', 'QueueName', 'QueueUrl']))
    const fn = entryOf('AWS::Lambda::Function')
    expect(fn.q).toEqual(expect.arrayContaining(['Code', 'Role']))
    expect(fn.p.Layers).toEqual(['a', 's'])
    expect(definition('AWS::Lambda::Function', fn.p.TracingConfig).p).toEqual({Mode: 's'})
  })

  it('shards by service namespace', () => {
    expect(built.meta.types['AWS::SQS::Queue']).toBe('AWS_SQS')
    expect(built.meta.types['AWS::Serverless::Function']).toBe('AWS_Serverless')
    expect(Object.keys(built.shards.get('AWS_SQS')!.r).sort()).toEqual(expect.arrayContaining(['AWS::SQS::Queue', 'AWS::SQS::QueuePolicy']))
  })

  it('describes every SAM type, including those the specification package lacks', () => {
    for (const type of Object.keys(SAM_TYPES)) expect(entryOf(type)).toBeDefined()
    expect(entryOf('AWS::Serverless::Connector').q).toEqual(['Source', 'Destination', 'Permissions'])
  })

  it('borrows pass-through shapes from the generated resource and accepts its other properties', () => {
    const fn = entryOf('AWS::Serverless::Function')
    expect(definition('AWS::Serverless::Function', fn.p.LoggingConfig).p).toHaveProperty('LogFormat')
    expect(fn.p.FunctionName).toBe('s')
    // A Lambda property SAM passes through under the same name.
    expect(fn.p).toHaveProperty('TracingConfig')
    expect(fn.a).toEqual(expect.arrayContaining(['Arn']))
    expect(fn.g).toBe('AWS::Lambda::Function')
  })

  it('chooses SAM event Properties by Type, with event source mapping properties passed through', () => {
    const fn = entryOf('AWS::Serverless::Function')
    const events = fn.p.Events as ['m', number]
    const event = definition('AWS::Serverless::Function', events[1])
    expect(event.q).toEqual(['Type'])
    const sqs = definition('AWS::Serverless::Function', event.k!.SQS)
    expect(sqs.q).toEqual(['Queue'])
    expect(Object.keys(sqs.p)).toEqual(expect.arrayContaining(['Queue', 'BatchSize', 'FunctionResponseTypes', 'MaximumBatchingWindowInSeconds', 'ScalingConfig', 'FilterCriteria']))
    expect(Object.keys(event.k!)).toEqual(expect.arrayContaining(['SQS', 'SNS', 'EventBridgeRule', 'ScheduleV2', 'Api', 'HttpApi', 'DynamoDB', 'Kinesis']))
  })

  it('fails loudly when the SAM description names a CloudFormation property the specification lacks', () => {
    const source = loadSpecSource()
    const broken = {...source, resources: source.resources.filter((resource) => resource.cloudFormationType !== 'AWS::Lambda::Alias')}
    expect(() => buildIndex(broken)).toThrow(/AWS::Lambda::Alias ProvisionedConcurrencyConfig/)
  })
})
