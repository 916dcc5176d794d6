// Project names and target folders: what is allowed, and messages that say so.
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {isLogicalId, pascalCase, PROJECT_NAME_RULE, projectNameError, resolveTargetDir} from '../../src/scaffold/names.js'

describe('projectNameError', () => {
  it.each(['orders-worker', 'a', 'booking2', 'x-1-y'])('accepts %s, which is a valid npm name and logical id prefix', (name) => {
    expect(projectNameError(name)).toBeUndefined()
    expect(isLogicalId(pascalCase(name))).toBe(true)
  })

  it.each([
    ['', 'empty'],
    ['../evil', 'path'],
    ['a/b', 'path'],
    ['..', 'path'],
    ['Orders', 'not allowed'],
    ['1orders', 'not allowed'],
    ['orders_worker', 'not allowed'],
    ['orders--worker', 'not allowed'],
    ['-orders', 'not allowed'],
    ['orders-', 'not allowed'],
    ['@scope/pkg', 'path'],
    ['a'.repeat(65), 'characters long'],
  ])('refuses %j and says what is allowed', (name, why) => {
    const error = projectNameError(name)
    expect(error).toContain(why)
    expect(error).toContain(PROJECT_NAME_RULE)
  })
})

describe('resolveTargetDir', () => {
  const cwd = path.resolve('/work/here')

  it('resolves folders inside the current one', () => {
    expect(resolveTargetDir('services/booking', cwd)).toEqual({dir: path.join(cwd, 'services/booking')})
    expect(resolveTargetDir('a/../b', cwd)).toEqual({dir: path.join(cwd, 'b')})
  })

  it.each(['../elsewhere', 'a/../../elsewhere', '..'])('refuses %s, which leads outside the current folder', (dir) => {
    expect(resolveTargetDir(dir, cwd)).toEqual({error: expect.stringContaining('outside the current folder')})
  })

  it('accepts an absolute path, which states its intent', () => {
    expect(resolveTargetDir('/tmp/project', cwd)).toEqual({dir: path.resolve('/tmp/project')})
  })
})
