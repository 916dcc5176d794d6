// The lint fast path parses its flags without oclif: its flag table must stay the twin of the oclif command's.
import {describe, expect, it} from 'vitest'

import Lint from '../../src/commands/lint.js'
import {OPTIONS} from '../../src/lint/fast.js'

describe('lint fast path flags', () => {
  it('declares the same flags, short names and repeatability as `sls-eda lint`', () => {
    const fromOclif = Object.fromEntries(
      Object.entries(Lint.flags).flatMap(([name, flag]) => {
        const described = flag as {char?: string; multiple?: boolean; allowNo?: boolean; type: string}
        const entry: [string, unknown] = [name, {char: described.char, multiple: described.multiple === true, type: described.type === 'boolean' ? 'boolean' : 'string'}]
        // oclif's `allowNo` also accepts --no-<name>; the fast path spells that option out.
        return described.allowNo ? [entry, [`no-${name}`, {char: undefined, multiple: false, type: 'boolean'}]] : [entry]
      }),
    )
    const fromFastPath = Object.fromEntries(
      Object.entries(OPTIONS).map(([name, option]) => [name, {char: (option as {short?: string}).short, multiple: (option as {multiple?: boolean}).multiple === true, type: option.type}]),
    )
    expect(fromFastPath).toEqual(fromOclif)
  })
})
