// TPL008: parameters nothing reads.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const params = 'Parameters:\n  Stage:\n    Type: String\n  Unused:\n    Type: String\n'

describe('TPL008 template-unused-parameter', () => {
  it('reports an unread parameter at its name', () => {
    const findings = runRule('TPL008', `${params}Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Ref Stage\n`)
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ruleId: 'TPL008', severity: 'info', messageId: 'unusedParameter', data: {parameter: 'Unused'}, location: {line: 4, column: 3}})
  })

  it.each([
    ['Fn::Sub', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub "${Stage}-${Unused}"\n'],
    ['conditions and outputs', 'Conditions:\n  C: !Equals [!Ref Stage, prod]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Condition: C\nOutputs:\n  O:\n    Value: !Ref Unused\n'],
    [
      'SAM Globals and rules',
      'Transform: AWS::Serverless-2016-10-31\nRules:\n  R:\n    Assertions:\n      - Assert: !Not [!Equals [!Ref Stage, ""]]\nGlobals:\n  Function:\n    Environment:\n      Variables: {U: !Ref Unused}\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n',
    ],
  ])('counts uses in %s', (_, rest) => {
    expect(runRule('TPL008', `${params}${rest}`)).toEqual([])
  })

  it('does not count the parameter interface metadata as a use', () => {
    const text = `${params}Metadata:\n  AWS::CloudFormation::Interface:\n    ParameterGroups:\n      - Parameters: [Stage, Unused]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: !Ref Stage}\n`
    expect(runRule('TPL008', text).map((f) => f.data.parameter)).toEqual(['Unused'])
  })
})
