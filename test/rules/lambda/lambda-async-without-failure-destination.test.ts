// LMB002: fixtures and table-driven cases for asynchronously invoked functions without a failure target.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {cfn, fixture, rawFunction, sam, samFunction} from './fixtures.js'

describe('LMB002 lambda-async-without-failure-destination', () => {
  it('reports a SAM function with an SNS event', () => {
    const findings = runRule('LMB002', fixture('LMB002', 'fail.yaml'))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ruleId: 'LMB002', messageId: 'noFailureTarget', data: {function: 'Worker', sources: 'SNS topic OrdersTopic'}, resource: {id: 'Worker'}, location: {line: 5}})
  })

  it('reports a raw function behind a schedule rule and its permission, once', () => {
    const findings = runRule('LMB002', fixture('LMB002', 'fail-cfn.json'), {}, 'template.json')
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({data: {function: 'Worker', sources: 'EventBridge schedule Nightly'}, location: {line: 20}})
  })

  it('passes destinations, DLQs, qualifiers and synchronous callers', () => {
    expect(runRule('LMB002', fixture('LMB002', 'pass.yaml'))).toEqual([])
    expect(runRule('LMB002', fixture('LMB002', 'pass-cfn.yaml'))).toEqual([])
  })

  it('reports a DLQ set on one branch of Fn::If as info, never an error', () => {
    const findings = runRule('LMB002', fixture('LMB002', 'fail-conditional.yaml'))
    expect(findings).toMatchObject([{severity: 'info', messageId: 'conditionalFailureTarget', data: {function: 'Worker'}}])
  })

  it('passes a DeadLetterConfig that Fn::If sets on both branches', () => {
    expect(runRule('LMB002', fixture('LMB002', 'pass-conditional-both-branches.yaml'))).toEqual([])
  })

  const permission = (principal: string, extra = '') => `  Perm:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !GetAtt Fn.Arn
      Principal: ${principal}
${extra}`

  it.each([
    ['S3 permission', cfn(rawFunction('Fn') + permission('s3.amazonaws.com')), 'S3 bucket'],
    ['IoT permission', cfn(rawFunction('Fn') + permission('iot.amazonaws.com')), 'IoT rule'],
    [
      'SNS subscription',
      cfn(rawFunction('Fn') + '  Sub:\n    Type: AWS::SNS::Subscription\n    Properties:\n      Protocol: lambda\n      TopicArn: !Ref T\n      Endpoint: !GetAtt Fn.Arn\n  T:\n    Type: AWS::SNS::Topic\n'),
      'SNS topic T',
    ],
    [
      'Scheduler target',
      cfn(
        rawFunction('Fn') +
          '  S:\n    Type: AWS::Scheduler::Schedule\n    Properties:\n      ScheduleExpression: rate(1 hour)\n      FlexibleTimeWindow: {Mode: "OFF"}\n      Target:\n        Arn: !GetAtt Fn.Arn\n        RoleArn: arn:aws:iam::123456789012:role/s\n',
      ),
      'EventBridge Scheduler schedule S',
    ],
    [
      'SAM EventBridgeRule with target DLQ only',
      sam(samFunction('Fn', '      Events:\n        E:\n          Type: EventBridgeRule\n          Properties:\n            Pattern: {source: [x]}\n            DeadLetterConfig:\n              Type: SQS\n')),
      'EventBridge rule FnE',
    ],
    [
      'SAM S3 event',
      sam(samFunction('Fn', '      Events:\n        Up:\n          Type: S3\n          Properties:\n            Bucket: !Ref B\n            Events: s3:ObjectCreated:*\n') + '  B:\n    Type: AWS::S3::Bucket\n'),
      expect.stringMatching(/^S3 bucket/),
    ],
    [
      'on-success destination only',
      cfn(
        rawFunction('Fn') +
          permission('sns.amazonaws.com') +
          '  Cfg:\n    Type: AWS::Lambda::EventInvokeConfig\n    Properties:\n      FunctionName: !Ref Fn\n      Qualifier: $LATEST\n      DestinationConfig:\n        OnSuccess:\n          Destination: arn:aws:sqs:us-east-1:123456789012:done\n',
      ),
      'SNS topic',
    ],
    ['empty DeadLetterConfig', cfn(rawFunction('Fn', '      DeadLetterConfig: {}\n') + permission('sns.amazonaws.com')), 'SNS topic'],
  ])('reports %s', (_name, text, sources) => {
    const findings = runRule('LMB002', text)
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({messageId: 'noFailureTarget', data: {function: 'Fn', sources}, resource: {id: 'Fn'}})
  })

  it.each([
    ['API Gateway permission', cfn(rawFunction('Fn') + permission('apigateway.amazonaws.com'))],
    ['intrinsic principal', cfn(rawFunction('Fn') + permission('!Sub "sns.${AWS::URLSuffix}"'))],
    ['DLQ from an unresolved parameter', cfn(rawFunction('Fn', '      DeadLetterConfig:\n        TargetArn: !Ref DlqArn\n') + permission('sns.amazonaws.com'), 'Parameters:\n  DlqArn:\n    Type: String\n')],
    [
      'invoke config by literal function name',
      cfn(
        rawFunction('Fn', '      FunctionName: worker\n') +
          permission('sns.amazonaws.com') +
          '  Cfg:\n    Type: AWS::Lambda::EventInvokeConfig\n    Properties:\n      FunctionName: worker\n      Qualifier: $LATEST\n      DestinationConfig:\n        OnFailure:\n          Destination: arn:aws:sqs:us-east-1:123456789012:f\n',
      ),
    ],
    [
      'invoke config for an imported name',
      cfn(
        rawFunction('Fn') +
          permission('sns.amazonaws.com') +
          '  Cfg:\n    Type: AWS::Lambda::EventInvokeConfig\n    Properties:\n      FunctionName: !ImportValue fn-name\n      Qualifier: $LATEST\n      DestinationConfig:\n        OnFailure:\n          Destination: arn:aws:sqs:us-east-1:123456789012:f\n',
      ),
    ],
    [
      'SNS delivered through an SQS subscription',
      sam(samFunction('Fn', '      Events:\n        T:\n          Type: SNS\n          Properties:\n            Topic: !Ref T\n            SqsSubscription: true\n') + '  T:\n    Type: AWS::SNS::Topic\n'),
    ],
    [
      'SAM DeadLetterQueue',
      sam(
        samFunction(
          'Fn',
          '      DeadLetterQueue:\n        Type: SQS\n        TargetArn: !GetAtt Q.Arn\n      Events:\n        Nightly:\n          Type: Schedule\n          Properties:\n            Schedule: rate(1 day)\n',
        ) + '  Q:\n    Type: AWS::SQS::Queue\n',
      ),
    ],
  ])('passes %s', (_name, text) => {
    expect(runRule('LMB002', text)).toEqual([])
  })
})
