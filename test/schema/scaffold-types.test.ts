// Keeps the specification current: every resource type a scaffolded pattern uses must be in the index.
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {describe, expect, it} from 'vitest'

import {resourceEntry} from '../../src/schema/load.js'

const TEMPLATES = fileURLToPath(new URL('../../src/templates/', import.meta.url))

/** The services the patterns are built from, and the SAM types. */
const PATTERN_TYPES = [
  'AWS::SQS::Queue',
  'AWS::SQS::QueuePolicy',
  'AWS::SNS::Topic',
  'AWS::SNS::Subscription',
  'AWS::SNS::TopicPolicy',
  'AWS::Lambda::Function',
  'AWS::Lambda::EventSourceMapping',
  'AWS::Lambda::Permission',
  'AWS::Lambda::EventInvokeConfig',
  'AWS::Events::EventBus',
  'AWS::Events::Rule',
  'AWS::Events::Archive',
  'AWS::Scheduler::Schedule',
  'AWS::Scheduler::ScheduleGroup',
  'AWS::Pipes::Pipe',
  'AWS::StepFunctions::StateMachine',
  'AWS::ApiGateway::RestApi',
  'AWS::ApiGateway::Stage',
  'AWS::ApiGateway::Method',
  'AWS::ApiGatewayV2::Api',
  'AWS::DynamoDB::Table',
  'AWS::CloudWatch::Alarm',
  'AWS::CloudWatch::CompositeAlarm',
  'AWS::Logs::LogGroup',
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::SecretsManager::Secret',
  'AWS::Serverless::Function',
  'AWS::Serverless::Api',
  'AWS::Serverless::HttpApi',
  'AWS::Serverless::StateMachine',
  'AWS::Serverless::SimpleTable',
  'AWS::Serverless::LayerVersion',
  'AWS::Serverless::Application',
  'AWS::Serverless::Connector',
]

function files(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? files(full) : [full]
  })
}

/** `Type: AWS::…` in YAML (quoted or not) and `"Type": "AWS::…"` in JSON, in every scaffold file. */
function scaffoldTypes(): Map<string, string> {
  const found = new Map<string, string>()
  const pattern = /["']?Type["']?\s*:\s*["']?(AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)/g
  for (const file of files(TEMPLATES)) {
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) if (!found.has(match[1]!)) found.set(match[1]!, path.relative(TEMPLATES, file))
  }
  return found
}

describe('resource types of the scaffolded patterns', () => {
  it.each(PATTERN_TYPES)('%s is in the index', (type) => {
    expect(resourceEntry(type), `${type} is missing from the specification index: bump @aws-cdk/aws-service-spec`).toBeDefined()
  })

  it('every type written in src/templates is in the index', () => {
    const missing = [...scaffoldTypes()].filter(([type]) => !resourceEntry(type)).map(([type, file]) => `${type} (${file})`)
    expect(missing, 'types used by scaffold templates but missing from the specification index: bump @aws-cdk/aws-service-spec').toEqual([])
  })
})
