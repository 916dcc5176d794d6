// Where sls-eda was installed from decides how a generated project depends on it: one case per way of installing, as npm lays it out on disk.
import {mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {npxCommand, slsEdaDependency} from '../../src/scaffold/install-source.js'

const temp = () => realpathSync(mkdtempSync(path.join(tmpdir(), 'sls-eda-install-source-')))

function write(file: string, content: unknown): void {
  mkdirSync(path.dirname(file), {recursive: true})
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content))
}

/** `<root>/node_modules/sls-eda` with its package.json, and the hidden lock file npm 7+ writes beside it. */
function installed(root: string, lockEntry?: Record<string, unknown>, lockFile = 'node_modules/.package-lock.json'): string {
  const packageRoot = path.join(root, 'node_modules', 'sls-eda')
  write(path.join(packageRoot, 'package.json'), {name: 'sls-eda', version: '0.1.0'})
  if (lockEntry) write(path.join(root, lockFile), {lockfileVersion: 3, packages: {'node_modules/sls-eda': {version: '0.1.0', ...lockEntry}}})
  return packageRoot
}

describe('slsEdaDependency', () => {
  it('a source checkout: file: the checkout folder', () => {
    const checkout = temp()
    write(path.join(checkout, 'package.json'), {name: 'sls-eda', version: '0.1.0'})
    expect(slsEdaDependency(checkout, 'sls-eda', '0.1.0')).toEqual({spec: `file:${checkout}`, source: 'checkout'})
  })

  it('npm link or a file: dependency on a checkout: the link is followed to the checkout', () => {
    const checkout = temp()
    write(path.join(checkout, 'package.json'), {name: 'sls-eda', version: '0.1.0'})
    const global = temp()
    mkdirSync(path.join(global, 'lib', 'node_modules'), {recursive: true})
    symlinkSync(checkout, path.join(global, 'lib', 'node_modules', 'sls-eda'), 'dir')
    expect(slsEdaDependency(path.join(global, 'lib', 'node_modules', 'sls-eda'), 'sls-eda', '0.1.0')).toEqual({spec: `file:${checkout}`, source: 'checkout'})
  })

  it('npm install ./sls-eda-0.1.0.tgz: file: the tarball, by its absolute path', () => {
    const work = temp()
    write(path.join(work, 'dist', 'sls-eda-0.1.0.tgz'), 'tarball')
    const project = path.join(work, 'tools')
    const packageRoot = installed(project, {resolved: 'file:../dist/sls-eda-0.1.0.tgz'})
    expect(slsEdaDependency(packageRoot, 'sls-eda', '0.1.0')).toEqual({spec: `file:${path.join(work, 'dist', 'sls-eda-0.1.0.tgz')}`, source: 'tarball'})
  })

  it('a tarball recorded only in the project lock file (no hidden lock file) is found there', () => {
    const work = temp()
    write(path.join(work, 'sls-eda-0.1.0.tgz'), 'tarball')
    const packageRoot = installed(path.join(work, 'app'), {resolved: 'file:../sls-eda-0.1.0.tgz'}, 'package-lock.json')
    expect(slsEdaDependency(packageRoot, 'sls-eda', '0.1.0')).toEqual({spec: `file:${path.join(work, 'sls-eda-0.1.0.tgz')}`, source: 'tarball'})
  })

  it('a tarball that has since been deleted: the registry range, rather than a path npm cannot install', () => {
    const packageRoot = installed(temp(), {resolved: 'file:../gone/sls-eda-0.1.0.tgz'})
    expect(slsEdaDependency(packageRoot, 'sls-eda', '0.1.0')).toEqual({spec: '^0.1.0', source: 'registry'})
  })

  it('a registry install: the caret range of the running version', () => {
    const packageRoot = installed(temp(), {resolved: 'https://registry.npmjs.org/sls-eda/-/sls-eda-0.1.0.tgz', integrity: 'sha512-x'})
    expect(slsEdaDependency(packageRoot, 'sls-eda', '0.1.0')).toEqual({spec: '^0.1.0', source: 'registry'})
  })

  it('npm 6 metadata (_resolved in the installed package.json) is read too', () => {
    const work = temp()
    write(path.join(work, 'sls-eda-0.1.0.tgz'), 'tarball')
    const packageRoot = installed(path.join(work, 'app'))
    write(path.join(packageRoot, 'package.json'), {name: 'sls-eda', version: '0.1.0', _resolved: `file:${path.join(work, 'sls-eda-0.1.0.tgz')}`})
    expect(slsEdaDependency(packageRoot, 'sls-eda', '0.1.0').source).toBe('tarball')
  })

  it('a git install keeps its git URL', () => {
    const packageRoot = installed(temp(), {resolved: 'git+ssh://git@github.com/example/sls-eda.git#0123456789abcdef0123456789abcdef01234567'})
    expect(slsEdaDependency(packageRoot, 'sls-eda', '0.1.0')).toEqual({spec: 'git+ssh://git@github.com/example/sls-eda.git#0123456789abcdef0123456789abcdef01234567', source: 'git'})
  })

  it('a global install npm kept no record of: the registry range', () => {
    expect(slsEdaDependency(installed(path.join(temp(), 'lib')), 'sls-eda', '0.1.0')).toEqual({spec: '^0.1.0', source: 'registry'})
  })
})

describe('npxCommand', () => {
  it('runs the registry package by name, anything else with --package', () => {
    expect(npxCommand({spec: '^0.1.0', source: 'registry'}, 'sls-eda')).toBe('npx sls-eda')
    expect(npxCommand({spec: 'file:/tmp/sls-eda-0.1.0.tgz', source: 'tarball'}, 'sls-eda')).toBe('npx --package /tmp/sls-eda-0.1.0.tgz sls-eda')
    expect(npxCommand({spec: 'file:/home/me/my code/sls-eda', source: 'checkout'}, 'sls-eda')).toBe('npx --package "/home/me/my code/sls-eda" sls-eda')
  })
})
