// The Node.js versions package.json promises (engines) run every production dependency the lock file pins: what `npm ci` installs for users of the oldest one.
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

const root = path.resolve(import.meta.dirname, '..')
// semver is npm's own range logic (installed with the toolchain); only `subset` is needed.
const semver = createRequire(import.meta.url)('semver') as {subset(sub: string, dom: string): boolean}

interface LockedPackage {
  version?: string
  dev?: boolean
  engines?: {node?: string}
}

const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {engines: {node: string}}
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {packages: Record<string, LockedPackage>}

describe('engines', () => {
  const promised = manifest.engines.node

  it('package.json and the lock file promise the same Node.js', () => {
    expect(lock.packages['']?.engines?.node).toBe(promised)
  })

  it('every production dependency in the lock file runs on every Node.js that engines admits', () => {
    const refusing = Object.entries(lock.packages)
      .filter(([key, entry]) => key !== '' && !entry.dev && entry.engines?.node !== undefined && !semver.subset(promised, entry.engines.node))
      .map(([key, entry]) => `${key.replace(/^.*node_modules\//, '')}@${entry.version} needs node ${entry.engines!.node}`)
    // When this fails after an update (AWS SDK releases from January 2027 need Node.js 22): raise engines in
    // package.json, the README's Quick start and its Node.js section, rather than pinning older packages.
    expect(refusing).toEqual([])
  })
})
