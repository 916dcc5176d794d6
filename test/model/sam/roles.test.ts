// Execution roles and invoke destinations as SAM writes them, conditions included; expected values come from SAM's translator 1.110.
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {graphOf} from '../../helpers/lint.js'
import {expandedTemplate} from '../../../src/transform/transform.js'

const text = readFileSync(new URL('templates/roles-and-destinations.yaml', import.meta.url), 'utf8')

describe('roles and invoke destinations', () => {
  const graph = graphOf(text)
  const node = (id: string) => graph.nodes.find((candidate) => candidate.id === id)

  it('creates the destination queue only when the condition leaves no ARN, under a NOT condition SAM adds', () => {
    expect(node('PaymentsEventInvokeConfigOnSuccessQueue')?.condition).toBe('NOTUseOwnQueueac3e5efadd')
    expect((expandedTemplate(graph).Conditions as Record<string, unknown>).NOTUseOwnQueueac3e5efadd).toEqual({'Fn::Not': [{Condition: 'UseOwnQueue'}]})
    expect(node('PaymentsEventInvokeConfig')?.props).toEqual({
      DestinationConfig: {
        OnFailure: {Destination: 'arn:aws:sns:eu-west-1:123456789012:payments-failed'},
        OnSuccess: {Destination: {'Fn::If': ['NOTUseOwnQueueac3e5efadd', {'Fn::GetAtt': ['PaymentsEventInvokeConfigOnSuccessQueue', 'Arn']}, 'arn:aws:sqs:eu-west-1:123456789012:done']}},
      },
      FunctionName: {Ref: 'Payments'},
      MaximumRetryAttempts: 1,
      Qualifier: '$LATEST',
    })
  })

  it('writes destination policies first, then conditional policy templates under their condition', () => {
    expect(node('PaymentsRole')?.props.Policies).toEqual([
      {
        PolicyDocument: {
          Statement: [{Action: 'sqs:SendMessage', Effect: 'Allow', Resource: {'Fn::If': ['NOTUseOwnQueueac3e5efadd', {'Fn::GetAtt': ['PaymentsEventInvokeConfigOnSuccessQueue', 'Arn']}, 'arn:aws:sqs:eu-west-1:123456789012:done']}}],
        },
        PolicyName: 'PaymentsEventInvokeConfigOnSuccessSQSPolicy',
      },
      {PolicyDocument: {Statement: [{Action: 'sns:publish', Effect: 'Allow', Resource: 'arn:aws:sns:eu-west-1:123456789012:payments-failed'}]}, PolicyName: 'PaymentsEventInvokeConfigOnFailureSNSPolicy'},
      {
        'Fn::If': [
          'Audited',
          {
            PolicyDocument: {
              Statement: [{Action: ['sqs:SendMessage*'], Effect: 'Allow', Resource: {'Fn::Sub': ['arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${queueName}', {queueName: 'audit'}]}}],
            },
            PolicyName: 'PaymentsRolePolicy0',
          },
          {Ref: 'AWS::NoValue'},
        ],
      },
    ])
  })

  it('attaches the durable execution policy instead of the basic one, and managed names under a condition as ARNs', () => {
    expect(node('PaymentsRole')?.props.ManagedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy',
      'arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess',
      {'Fn::If': ['Audited', 'arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess', {Ref: 'AWS::NoValue'}]},
    ])
  })

  it("gives a traced state machine's role X-Ray's managed policy", () => {
    expect(node('SettlementRole')?.props.ManagedPolicyArns).toEqual(['arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess'])
  })
})
