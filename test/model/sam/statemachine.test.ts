// State machine versions, aliases and event targets as SAM generates them; expected values come from SAM's translator 1.110.
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {graphOf} from '../../helpers/lint.js'

const text = readFileSync(new URL('templates/state-machine-alias.yaml', import.meta.url), 'utf8')

describe('state machine AutoPublishAlias', () => {
  const graph = graphOf(text)
  const node = (id: string) => graph.nodes.find((candidate) => candidate.id === id)

  it('publishes a retained version and an alias carrying the deployment preference', () => {
    expect(graph.nodes.map((candidate) => `${candidate.id} ${candidate.type}`).sort()).toEqual([
      'Reconcile AWS::StepFunctions::StateMachine',
      'ReconcileAliasprod AWS::StepFunctions::StateMachineAlias',
      'ReconcileManual AWS::Events::Rule',
      'ReconcileNightly AWS::Events::Rule',
      'ReconcileNightlyRole AWS::IAM::Role',
      'ReconcileOnUpload AWS::Events::Rule',
      'ReconcileOnUploadRole AWS::IAM::Role',
      'ReconcileRole AWS::IAM::Role',
      'ReconcileVersion AWS::StepFunctions::StateMachineVersion',
    ])
    expect(node('ReconcileVersion')).toMatchObject({deletionPolicy: 'Retain', updateReplacePolicy: 'Retain'})
    expect(node('ReconcileAliasprod')?.props).toEqual({Name: 'prod', DeploymentPreference: {Interval: 5, Percentage: 20, StateMachineVersionArn: {Ref: 'ReconcileVersion'}, Type: 'LINEAR'}})
  })

  it('starts the alias from events when UseAliasAsEventTarget is set, and uses a schedule role the user names', () => {
    expect(node('ReconcileNightly')?.props.Targets).toEqual([{Arn: {Ref: 'ReconcileAliasprod'}, Id: 'ReconcileNightlyStepFunctionsTarget', RoleArn: {'Fn::GetAtt': ['ReconcileNightlyRole', 'Arn']}}])
    expect(node('ReconcileManual')?.props.Targets).toEqual([{Arn: {Ref: 'ReconcileAliasprod'}, Id: 'ReconcileManualStepFunctionsTarget', RoleArn: 'arn:aws:iam::123456789012:role/scheduler'}])
    expect(node('ReconcileNightlyRole')?.props.Policies).toEqual([
      {PolicyDocument: {Statement: [{Action: 'states:StartExecution', Effect: 'Allow', Resource: {Ref: 'ReconcileAliasprod'}}]}, PolicyName: 'ReconcileNightlyRoleStartExecutionPolicy'},
    ])
  })
})

describe('rule dead-letter queues', () => {
  it('names the queue policy after the rule even when QueueLogicalId names the queue, as SAM does', () => {
    const graph = graphOf(`Transform: AWS::Serverless-2016-10-31
Resources:
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: {StartAt: A, States: {A: {Type: Succeed}}}
      Policies: []
      Events:
        OnChange:
          Type: EventBridgeRule
          Properties:
            Pattern: {source: [shop]}
            DeadLetterConfig:
              Type: SQS
              QueueLogicalId: FlowFailures
`)
    const ids = graph.nodes.map((node) => `${node.id} ${node.type}`)
    expect(ids).toContain('FlowFailures AWS::SQS::Queue')
    expect(ids).toContain('FlowOnChangeQueuePolicy AWS::SQS::QueuePolicy')
  })
})
