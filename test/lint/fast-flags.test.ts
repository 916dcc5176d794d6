// The lint fast path parses its flags without oclif: its flag table must stay the twin of the oclif command's.
import {describe, expect, it} from 'vitest'

import Lint from '../../src/commands/lint.js'
import {OPTIONS} from '../../src/lint/fast.js'

describe('lint fast path flags', () => {
  it('declares the same flags, short names and repeatability as `sls-eda lint`', () => {
    const fromOclif = Object.fromEntries(
      Object.entries(Lint.flags).map(([name, flag]) => [name, {char: (flag as {char?: string}).char, multiple: (flag as {multiple?: boolean}).multiple === true}]),
    )
    const fromFastPath = Object.fromEntries(
      Object.entries(OPTIONS).map(([name, option]) => [name, {char: (option as {short?: string}).short, multiple: (option as {multiple?: boolean}).multiple === true}]),
    )
    expect(fromFastPath).toEqual(fromOclif)
  })
})
