// LMB013: fixtures and cases for functions whose log group the template does not declare.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {cfn, fixture, rawFunction} from './fixtures.js'

describe('LMB013 lambda-log-group-not-declared', () => {
  it('reports a SAM function whose log group is missing', () => {
    expect(runRule('LMB013', fixture('LMB013', 'fail.yaml'))).toMatchObject([{ruleId: 'LMB013', messageId: 'noLogGroup', data: {function: 'Worker'}, location: {line: 3}}])
  })

  it('reports a named function without a group in JSON', () => {
    expect(runRule('LMB013', fixture('LMB013', 'fail-cfn.json'), {}, 'template.json')).toMatchObject([{data: {function: 'Worker'}, location: {line: 4}}])
  })

  it('passes Sub, Join and literal names and LoggingConfig.LogGroup', () => {
    expect(runRule('LMB013', fixture('LMB013', 'pass.yaml'))).toEqual([])
    expect(runRule('LMB013', fixture('LMB013', 'pass-cfn.yaml'))).toEqual([])
  })

  it.each([
    ['Sub with a variable map', '!Sub ["/aws/lambda/${Name}", {Name: !Ref Fn}]'],
    ['Sub of a parameter used as the function name', '!Sub /aws/lambda/${FnName}'],
  ])('matches %s', (_name, groupName) => {
    const text = cfn(
      rawFunction('Fn', '      FunctionName: !Ref FnName\n') + `  L:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      LogGroupName: ${groupName}\n`,
      'Parameters:\n  FnName:\n    Type: String\n',
    )
    expect(runRule('LMB013', text)).toEqual([])
  })

  it('is lenient when a log group name cannot be read', () => {
    const text = cfn(rawFunction('Fn') + '  L:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      LogGroupName: !ImportValue group-name\n')
    expect(runRule('LMB013', text)).toEqual([])
  })
})
