// Serverless Framework logical ids mapped back to serverless.yml: the framework's naming rules, read in reverse.
import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {declarationOf, normalizedFunctionName, readServerlessSource} from '../../src/lint/serverless.js'
import {tempProject} from '../helpers/lint.js'

const CONFIG = `service: shop
provider:
  name: aws
  iamRoleStatements:
    - Effect: Allow
      Action: sqs:SendMessage
      Resource: '*'
functions:
  hello:
    handler: h.handler
  helloWorld:
    handler: h.world
  send-email:
    handler: mail.send
  resize_image:
    handler: img.resize
resources:
  Resources:
    HelloTable:
      Type: AWS::DynamoDB::Table
`

describe('Serverless Framework naming', () => {
  it.each([
    ['hello', 'Hello'],
    ['send-email', 'SendDashemail'],
    ['resize_image', 'ResizeUnderscoreimage'],
    ['helloWorld', 'HelloWorld'],
  ])('%s is %s in logical ids', (key, normalized) => {
    expect(normalizedFunctionName(key)).toBe(normalized)
  })

  const dir = tempProject({'serverless.yml': CONFIG})
  const source = readServerlessSource(path.join(dir, 'serverless.yml'))

  it.each([
    ['HelloLambdaFunction', 'functions.hello', 9],
    ['HelloLogGroup', 'functions.hello', 9],
    ['HelloWorldLambdaFunction', 'functions.helloWorld', 11],
    ['HelloWorldLambdaVersionAbc123', 'functions.helloWorld', 11],
    ['SendDashemailLambdaPermissionApiGateway', 'functions.send-email', 13],
    ['ResizeUnderscoreimageEventSourceMappingSQSImages', 'functions.resize_image', 15],
    ['HelloTable', 'resources.Resources.HelloTable', 19],
    ['IamRoleLambdaExecution', 'provider.iamRoleStatements', 4],
    ['ServerlessDeploymentBucket', 'provider', 2],
  ])('%s comes from %s (line %i)', (logicalId, name, line) => {
    expect(declarationOf(source, logicalId)).toMatchObject({name, line})
  })

  it('reads a serverless.ts by its `key:` lines, without running it', () => {
    const file = path.join(dir, 'serverless.ts')
    writeFileSync(file, `const config = {\n  service: 'shop',\n  provider: {name: 'aws'},\n  functions: {\n    'send-email': {handler: 'mail.send'},\n  },\n}\nexport default config\n`)
    const ts = readServerlessSource(file)
    expect(declarationOf(ts, 'SendDashemailLogGroup')).toMatchObject({name: 'functions.send-email', line: 5, column: 5})
    expect(declarationOf(ts, 'ServerlessDeploymentBucket')).toMatchObject({name: 'provider', line: 3})
  })
})
