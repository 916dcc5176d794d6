// CWA002: fixtures and cases for functions without an alarm on Throttles.
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {findRule} from '../../../src/rules/index.js'
import {runRule} from '../../helpers/lint.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/rules/CWA002/${name}`, import.meta.url), 'utf8')

describe('CWA002 cloudwatch-function-without-throttle-alarm', () => {
  it('is advice outside the recommended preset', () => {
    expect(findRule('CWA002')!.meta).toMatchObject({severity: 'info', recommended: false})
  })

  it('reports a SAM function whose only alarm is on Errors', () => {
    expect(runRule('CWA002', fixture('fail.yaml'))).toMatchObject([{ruleId: 'CWA002', messageId: 'noAlarm', data: {function: 'Worker'}, location: {line: 3}}])
  })

  it('reports a raw JSON function without alarms', () => {
    expect(runRule('CWA002', fixture('fail.json'), {}, 'template.json')).toMatchObject([{data: {function: 'Worker'}, location: {line: 3}}])
  })

  it('passes a Throttles alarm on the function', () => {
    expect(runRule('CWA002', fixture('pass.yaml'))).toEqual([])
  })
})
