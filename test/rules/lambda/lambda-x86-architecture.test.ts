// LMB026: fixtures and cases for functions on x86_64.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'
import {cfn, fixture, rawFunction} from './fixtures.js'

describe('LMB026 lambda-x86-architecture', () => {
  it('reports the default architecture at the logical id and an explicit x86_64 at Architectures', () => {
    expect(runRule('LMB026', fixture('LMB026', 'fail.yaml'))).toMatchObject([{ruleId: 'LMB026', messageId: 'x86', data: {function: 'Worker', how: ' (the default)'}, location: {line: 3}}])
    expect(runRule('LMB026', fixture('LMB026', 'fail-cfn.json'), {}, 'template.json')).toMatchObject([{data: {how: ''}, location: {line: 5}}])
  })

  it('passes arm64 from Globals and container images', () => {
    expect(runRule('LMB026', fixture('LMB026', 'pass.yaml'))).toEqual([])
  })

  it('skips runtimes without arm64 and intrinsic architectures', () => {
    expect(runRule('LMB026', cfn(rawFunction('Fn').replace('nodejs22.x', 'go1.x')))).toEqual([])
    expect(runRule('LMB026', cfn(rawFunction('Fn', '      Architectures: !Ref Arch\n')))).toEqual([])
    expect(runRule('LMB026', cfn(rawFunction('Fn', '      Architectures: [!Ref Arch]\n')))).toEqual([])
  })
})
