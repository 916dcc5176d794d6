// Templates SAM's transform rejects: the expansion refuses them in SAM's own words; messages checked against SAM's translator 1.110.
import {describe, expect, it} from 'vitest'

import {TemplateError} from '../../../src/model/template.js'
import {graphOf} from '../../helpers/lint.js'

const HEADER = 'Transform: AWS::Serverless-2016-10-31\nResources:\n'
const PREFIX = 'Invalid Serverless Application Specification document. Number of errors found: 1. '

/** The error the expansion throws for a template, or undefined when it accepts it. */
function rejection(resources: string): TemplateError | undefined {
  try {
    graphOf(`${HEADER}${resources}\n`)
    return undefined
  } catch (error) {
    if (error instanceof TemplateError) return error
    throw error
  }
}

const CASES: Array<[string, string, string, number]> = [
  [
    'an alias name SAM cannot turn into a logical id',
    `  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.h
      Runtime: python3.12
      InlineCode: x
      AutoPublishAlias: live.v2`,
    "Resource with id [Fn] is invalid. AutoPublishAlias name ('live.v2') must contain only alphanumeric characters, hyphens, or underscores matching (?!^[0-9]+$)([a-zA-Z0-9-_]+) pattern.",
    9,
  ],
  [
    'a zip function without a handler',
    `  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      CodeUri: s3://b/k.zip`,
    'Resource with id [Fn] is invalid. Runtime and Handler needs to be present when PackageType is of type `Zip`',
    5,
  ],
  [
    "SAM's reserved lambda:createdBy tag",
    `  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.h
      Runtime: python3.12
      InlineCode: x
      Tags:
        lambda:createdBy: me`,
    'Resource with id [Fn] is invalid. lambda:createdBy is a reserved Tag key name and cannot be set on your resource. Please change the tag key in the input.',
    10,
  ],
  [
    'a schedule dead-letter config of a type other than SQS',
    `  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.h
      Runtime: python3.12
      InlineCode: x
      Events:
        Nightly:
          Type: Schedule
          Properties:
            Schedule: rate(1 day)
            DeadLetterConfig:
              Type: SNS`,
    "Resource with id [Fn] is invalid. Event with id [FnNightly] is invalid. The only valid value for 'Type' property of DeadLetterConfig is 'SQS'.",
    15,
  ],
  [
    'an unknown layer RetentionPolicy',
    `  Libs:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: s3://b/k.zip
      RetentionPolicy: Keep`,
    "Resource with id [Libs] is invalid. 'RetentionPolicy' must be one of the following options: ['Retain', 'Delete'].",
    7,
  ],
  [
    'a connector permission its profile does not offer',
    `  Queue:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.h
      Runtime: python3.12
      InlineCode: x
  Link:
    Type: AWS::Serverless::Connector
    Properties:
      Source:
        Id: Fn
      Destination:
        Id: Queue
      Permissions: [Delete]`,
    "Resource with id [Link] is invalid. Unsupported 'Permissions' provided for connector from AWS::Lambda::Function to AWS::SQS::Queue; valid values are: Read, Write.",
    18,
  ],
  [
    'a state machine schedule with both State and Enabled',
    `  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: {StartAt: A, States: {A: {Type: Succeed}}}
      Policies: []
      Events:
        Hourly:
          Type: Schedule
          Properties:
            Schedule: rate(1 hour)
            Enabled: true
            State: ENABLED`,
    'Event with id [Hourly] is invalid. State and Enabled Properties cannot both be specified.',
    14,
  ],
  [
    'an invoke destination without an ARN SAM cannot create',
    `  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.h
      Runtime: python3.12
      InlineCode: x
      EventInvokeConfig:
        DestinationConfig:
          OnFailure:
            Type: Lambda`,
    "Resource with id [Fn] is invalid. Destination is required if Type is not ['SQS', 'SNS']",
    11,
  ],
]

describe('templates SAM rejects', () => {
  it.each(CASES)('%s', (_name, resources, message, line) => {
    const error = rejection(resources)
    expect(error?.kind).toBe('sam')
    expect(error?.message).toBe(`${PREFIX}${message}`)
    expect(error?.line).toBe(line)
  })

  it('reports one error per resource, as SAM stops at the first, and counts them all', () => {
    const error = rejection(`  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      CodeUri: s3://b/k.zip
      AutoPublishAlias: live.v2
  Libs:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: s3://b/k.zip
      RetentionPolicy: Keep`)
    expect(error?.message).toMatch(
      /^Invalid Serverless Application Specification document\. Number of errors found: 2\. Resource with id \[Fn\] is invalid\. Runtime and Handler needs to be present .* Resource with id \[Libs\] is invalid\./,
    )
  })

  it('accepts what SAM accepts: InlineCode with CodeUri, a disabled preference without an alias, a layer retained in any case', () => {
    expect(
      rejection(`  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.h
      Runtime: python3.12
      InlineCode: x
      CodeUri: .
      DeploymentPreference:
        Type: AllAtOnce
        Enabled: false
  Libs:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: s3://b/k.zip
      RetentionPolicy: DELETE`),
    ).toBeUndefined()
  })
})
