// Connectors as SAM expands them, embedded ones on plain CloudFormation resources included; expected values come from SAM's translator 1.110.
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {graphOf} from '../../helpers/lint.js'

const text = readFileSync(new URL('templates/connectors.yaml', import.meta.url), 'utf8')

describe('connectors', () => {
  const graph = graphOf(text)
  const node = (id: string) => graph.nodes.find((candidate) => candidate.id === id)

  it('generates the managed policies of embedded connectors, on the role a rule target names', () => {
    expect(graph.nodes.map((candidate) => `${candidate.id} ${candidate.type}`).sort()).toEqual([
      'Audit AWS::SNS::Topic',
      'Intake AWS::SQS::Queue',
      'IntakeToWorkerPolicy AWS::IAM::ManagedPolicy',
      'OrderPlaced AWS::Events::Rule',
      'OrderPlacedStartWorkflowPolicy AWS::IAM::ManagedPolicy',
      'RuleRole AWS::IAM::Role',
      'Worker AWS::Lambda::Function',
      'WorkerQueue AWS::Lambda::EventSourceMapping',
      'WorkerRole AWS::IAM::Role',
      'Workflow AWS::StepFunctions::StateMachine',
      'WorkflowRole AWS::IAM::Role',
    ])
    expect(node('OrderPlacedStartWorkflowPolicy')?.props).toEqual({
      PolicyDocument: {Statement: [{Action: ['states:StartExecution'], Effect: 'Allow', Resource: [{Ref: 'Workflow'}]}], Version: '2012-10-17'},
      Roles: [{Ref: 'RuleRole'}],
    })
  })

  it("writes statements in the profile's order and attaches them to the function's generated role", () => {
    expect(node('IntakeToWorkerPolicy')?.props).toEqual({
      PolicyDocument: {
        Statement: [
          {Action: ['sqs:DeleteMessage'], Effect: 'Allow', Resource: [{'Fn::GetAtt': ['Intake', 'Arn']}]},
          {Action: ['sqs:ReceiveMessage', 'sqs:GetQueueAttributes'], Effect: 'Allow', Resource: [{'Fn::GetAtt': ['Intake', 'Arn']}]},
        ],
        Version: '2012-10-17',
      },
      Roles: [{Ref: 'WorkerRole'}],
    })
  })

  it('makes the polling event source mapping, and a DependsOn naming the connector, wait for the policy', () => {
    expect(node('WorkerQueue')?.dependsOn).toEqual(['IntakeToWorkerPolicy'])
    expect(node('Audit')?.dependsOn).toEqual(['OrderPlacedStartWorkflowPolicy'])
  })
})
