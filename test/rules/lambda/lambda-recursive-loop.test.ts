// LMB017: fixtures and cases for self-invocation, queue/topic/bus loops and RecursiveLoop: Allow.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {cfn, fixture, rawFunction, sam, samFunction} from './fixtures.js'

describe('LMB017 lambda-recursive-loop', () => {
  it('reports a SAM function that sends to the queue it consumes', () => {
    expect(runRule('LMB017', fixture('LMB017', 'fail.yaml'))).toMatchObject([
      {ruleId: 'LMB017', messageId: 'loop', data: {function: 'Worker', target: 'Jobs', path: 'Worker → Jobs → Worker'}, resource: {id: 'Worker'}, location: {line: 5}},
    ])
  })

  it('reports RecursiveLoop: Allow and a topic loop in JSON', () => {
    expect(runRule('LMB017', fixture('LMB017', 'fail-cfn.json'), {}, 'template.json')).toMatchObject([
      {messageId: 'allowed', location: {line: 24}},
      {messageId: 'loop', data: {target: 'Events', path: 'Worker → Events → Worker'}},
    ])
  })

  it('passes a function that sends to another queue and a bus without rules', () => {
    expect(runRule('LMB017', fixture('LMB017', 'pass.yaml'))).toEqual([])
  })

  it('reports self-invocation through LambdaInvokePolicy', () => {
    const text = sam(samFunction('Fn', '      Policies:\n        - LambdaInvokePolicy:\n            FunctionName: !Ref Fn\n'))
    expect(runRule('LMB017', text)).toMatchObject([{messageId: 'invokesItself', data: {function: 'Fn'}}])
  })

  it('follows a bus rule to a queue that feeds the function', () => {
    const text = sam(
      samFunction(
        'Fn',
        '      Policies:\n        - EventBridgePutEventsPolicy:\n            EventBusName: !Ref Bus\n      Events:\n        Q:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Q.Arn\n',
      ) +
        '  Bus:\n    Type: AWS::Events::EventBus\n    Properties:\n      Name: app\n  Q:\n    Type: AWS::SQS::Queue\n  R:\n    Type: AWS::Events::Rule\n    Properties:\n      EventBusName: app\n      EventPattern: {source: [app]}\n      Targets:\n        - Id: q\n          Arn: !GetAtt Q.Arn\n',
    )
    expect(runRule('LMB017', text)).toMatchObject([{messageId: 'loop', data: {target: 'Bus', path: 'Fn → Bus → Q → Fn'}}])
  })

  it('follows the default bus through a SAM EventBridgeRule event', () => {
    const text = sam(
      samFunction(
        'Fn',
        '      Policies:\n        - Statement:\n            - Effect: Allow\n              Action: events:PutEvents\n              Resource: !Sub arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default\n      Events:\n        E:\n          Type: EventBridgeRule\n          Properties:\n            Pattern: {source: [app]}\n',
      ),
    )
    expect(runRule('LMB017', text)).toMatchObject([{messageId: 'loop', data: {target: 'the default event bus'}}])
  })

  it('ignores scheduled rules on the default bus', () => {
    const text = sam(
      samFunction(
        'Fn',
        '      Policies:\n        - Statement:\n            - Effect: Allow\n              Action: events:PutEvents\n              Resource: !Sub arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default\n      Events:\n        Nightly:\n          Type: Schedule\n          Properties:\n            Schedule: rate(1 day)\n',
      ),
    )
    expect(runRule('LMB017', text)).toEqual([])
  })

  it('does not call a chain through another function a loop of this one', () => {
    const text = cfn(
      rawFunction('A') +
        rawFunction('B') +
        '  Q:\n    Type: AWS::SQS::Queue\n  M:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      EventSourceArn: !GetAtt Q.Arn\n      FunctionName: !Ref B\n',
    )
    expect(runRule('LMB017', text)).toEqual([])
  })
})
