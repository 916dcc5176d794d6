// AWS::Serverless::CapacityProvider expands as SAM 1.110's translator expands it (expected values produced by the translator).
import {describe, expect, it} from 'vitest'

import {graphOf} from '../../helpers/lint.js'

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Globals:
  CapacityProvider:
    Tags:
      Team: payments
Resources:
  Pool:
    Type: AWS::Serverless::CapacityProvider
    Properties:
      VpcConfig:
        SubnetIds: [subnet-1]
      ScalingConfig:
        AverageCPUUtilization: 60
  OwnRole:
    Type: AWS::Serverless::CapacityProvider
    Properties:
      OperatorRole: arn:aws:iam::123456789012:role/operator
      VpcConfig:
        SubnetIds: [subnet-1]
        SecurityGroupIds: [sg-1]
`

describe('AWS::Serverless::CapacityProvider', () => {
  const graph = graphOf(TEMPLATE)
  const node = (id: string) => graph.nodes.find((candidate) => candidate.id === id)

  it('becomes a Lambda capacity provider, with an operator role only when none is given', () => {
    expect(graph.nodes.map((candidate) => `${candidate.id} ${candidate.type}`).sort()).toEqual(['OwnRole AWS::Lambda::CapacityProvider', 'Pool AWS::Lambda::CapacityProvider', 'PoolOperatorRole AWS::IAM::Role'])
    expect(node('PoolOperatorRole')?.props.ManagedPolicyArns).toEqual(['arn:aws:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator'])
    expect(node('Pool')?.props.PermissionsConfig).toEqual({CapacityProviderOperatorRoleArn: {'Fn::GetAtt': ['PoolOperatorRole', 'Arn']}})
    expect(node('OwnRole')?.props.PermissionsConfig).toEqual({CapacityProviderOperatorRoleArn: 'arn:aws:iam::123456789012:role/operator'})
  })

  it('renames the scaling settings and takes Globals, tagging what SAM created', () => {
    expect(node('Pool')?.props.CapacityProviderScalingConfig).toEqual({
      ScalingMode: 'Manual',
      ScalingPolicies: [{PredefinedMetricType: 'LambdaCapacityProviderAverageCPUUtilization', TargetValue: 60}],
    })
    expect(node('OwnRole')?.props.Tags).toEqual([
      {Key: 'Team', Value: 'payments'},
      {Key: 'lambda:createdBy', Value: 'SAM'},
    ])
    expect(node('OwnRole')?.props.VpcConfig).toEqual({SubnetIds: ['subnet-1'], SecurityGroupIds: ['sg-1']})
    expect(node('PoolOperatorRole')?.props.Tags).toEqual([{Key: 'lambda:createdBy', Value: 'SAM'}])
  })
})
