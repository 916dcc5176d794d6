// IAM002: table-driven cases and fixtures for write actions on Resource "*".
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {roleWith, samFunctionWith} from './iam-test-kit.js'

describe('IAM002 iam-write-action-on-any-resource', () => {
  it.each([
    ['sqs:SendMessage on "*"', '{Effect: Allow, Action: sqs:SendMessage, Resource: "*"}', 'sqs:SendMessage'],
    ['logs:CreateLogGroup among wildcard-only actions', '{Effect: Allow, Action: [logs:CreateLogGroup, xray:PutTraceSegments], Resource: "*"}', 'logs:CreateLogGroup'],
    ['a write pattern on a "*" in a list', '{Effect: Allow, Action: "dynamodb:Put*", Resource: [!GetAtt T.Arn, "*"]}', 'dynamodb:Put*'],
    ['reads mixed with writes', '{Effect: Allow, Action: [s3:GetObject, s3:DeleteObject], Resource: "*"}', 's3:DeleteObject'],
    ['a service wildcard, expanded', '{Effect: Allow, Action: ["sqs:*", iam:PassRole], Resource: "*"}', 'sqs:*'],
    ['a condition that does not scope resources', '{Effect: Allow, Action: sns:Publish, Resource: "*", Condition: {Bool: {aws:SecureTransport: "true"}}}', 'sns:Publish'],
  ])('reports %s', (_name, statement, actions) => {
    const findings = runRule('IAM002', roleWith(statement))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ruleId: 'IAM002', messageId: 'writeOnStar', data: {actions, holder: 'Role', policy: 'app'}, resource: {id: 'Role'}, location: {line: 13}})
  })

  it.each([
    [
      'actions that only accept "*"',
      '{Effect: Allow, Action: [xray:PutTraceSegments, xray:PutTelemetryRecords, cloudwatch:PutMetricData, ec2:CreateNetworkInterface, ec2:DeleteNetworkInterface, ec2:DescribeNetworkInterfaces], Resource: "*"}',
    ],
    ['read-only actions', '{Effect: Allow, Action: [logs:DescribeLogGroups, ecr:GetAuthorizationToken, dynamodb:Query, "s3:List*"], Resource: "*"}'],
    ['a write action on a named resource', '{Effect: Allow, Action: sqs:SendMessage, Resource: !GetAtt Q.Arn}'],
    ['a tag-scoped statement', '{Effect: Allow, Action: ec2:StopInstances, Resource: "*", Condition: {StringEquals: {aws:ResourceTag/team: pay}}}'],
    ['a service-key scoped statement', '{Effect: Allow, Action: lambda:UpdateEventSourceMapping, Resource: "*", Condition: {StringEquals: {lambda:FunctionArn: arn:aws:lambda:eu-west-1:1:function:f}}}'],
    ['a Deny statement', '{Effect: Deny, Action: sqs:DeleteQueue, Resource: "*"}'],
    ['every action (IAM003) and PassRole (IAM004)', '{Effect: Allow, Action: ["*", iam:PassRole], Resource: "*"}'],
    [
      'reads that verbs misjudge',
      '{Effect: Allow, Action: [comprehend:DetectSentiment, rekognition:DetectLabels, textract:AnalyzeDocument, translate:TranslateText, ecr:BatchCheckLayerAvailability, codecommit:GitPull, bedrock:InvokeModel], Resource: "*"}',
    ],
    ['writes IAM cannot scope to a resource', '{Effect: Allow, Action: [kms:CreateKey, lambda:CreateEventSourceMapping, logs:CreateLogDelivery, events:PutPartnerEvents], Resource: "*"}'],
    ['a read-only wildcard', '{Effect: Allow, Action: ["s3:Get*", "dynamodb:Describe*"], Resource: "*"}'],
    ['a service the IAM data does not know (IAM008 reports it)', '{Effect: Allow, Action: notaservice:WriteEverything, Resource: "*"}'],
    ['a resource given by an intrinsic', '{Effect: Allow, Action: sqs:SendMessage, Resource: !Ref QueueArnParam}'],
  ])('passes %s', (_name, statement) => {
    expect(runRule('IAM002', roleWith(statement))).toEqual([])
  })

  it('counts the scopable writes a pattern expands to, from the IAM data', () => {
    const [finding] = runRule('IAM002', roleWith('{Effect: Allow, Action: [sqs:SendMessage, sqs:DeleteMessage, sqs:ReceiveMessage], Resource: "*"}'))
    expect(finding?.data).toMatchObject({actions: 'sqs:SendMessage, sqs:DeleteMessage', count: 2, examples: 'sqs:SendMessage, sqs:DeleteMessage'})
    const [wide] = runRule('IAM002', roleWith('{Effect: Allow, Action: "sqs:*", Resource: "*"}'))
    expect(Number(wide?.data.count)).toBeGreaterThan(10)
  })

  it("ignores SAM policy templates and the managed policies SAM attaches, but reports the user's inline statement", () => {
    const findings = runRule(
      'IAM002',
      samFunctionWith(`        - CloudWatchPutMetricPolicy: {}
        - VPCAccessPolicy: {}
        - SSMParameterReadPolicy:
            ParameterName: app/*
        - Statement:
            - Effect: Allow
              Action: events:PutEvents
              Resource: "*"`),
    )
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({data: {actions: 'events:PutEvents', holder: 'Fn'}, resource: {id: 'FnRole'}, location: {line: 17}})
  })
})
