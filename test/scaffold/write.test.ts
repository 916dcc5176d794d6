// Writing a project: never into a non-empty folder without force, and all or nothing.
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import type {RenderedFile} from '../../src/scaffold/render.js'
import {TargetNotEmptyError, writeProject} from '../../src/scaffold/write.js'

const files: RenderedFile[] = [
  {path: 'package.json', content: '{}', mode: 0o644},
  {path: 'src/handlers/worker.ts', content: 'export {}', mode: 0o644},
  {path: 'scripts/run.sh', content: '#!/bin/sh', mode: 0o755},
  {path: '.gitignore', content: 'node_modules/', mode: 0o644},
]

const temp = () => mkdtempSync(path.join(tmpdir(), 'sls-eda-write-'))

describe('writeProject', () => {
  it('creates the folder with every file and mode', () => {
    const parent = temp()
    const dir = path.join(parent, 'project')
    writeProject(dir, files)
    expect(readFileSync(path.join(dir, 'src/handlers/worker.ts'), 'utf8')).toBe('export {}')
    expect(statSync(path.join(dir, 'scripts/run.sh')).mode & 0o777).toBe(0o755)
    expect(readdirSync(parent)).toEqual(['project'])
  })

  it('writes into an existing empty folder', () => {
    const dir = temp()
    writeProject(dir, files)
    expect(existsSync(path.join(dir, '.gitignore'))).toBe(true)
  })

  it('refuses a non-empty folder without force and leaves it untouched', () => {
    const dir = temp()
    writeFileSync(path.join(dir, 'notes.txt'), 'mine')
    expect(() => writeProject(dir, files)).toThrow(TargetNotEmptyError)
    expect(readdirSync(dir)).toEqual(['notes.txt'])
    expect(readdirSync(path.dirname(dir)).filter((name) => name.startsWith(`.${path.basename(dir)}.sls-eda-`))).toEqual([])
  })

  it('with force, replaces same-named files and keeps the others', () => {
    const dir = temp()
    writeFileSync(path.join(dir, 'notes.txt'), 'mine')
    writeFileSync(path.join(dir, 'package.json'), 'old')
    writeProject(dir, files, {force: true})
    expect(readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine')
    expect(readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe('{}')
    expect(existsSync(path.join(dir, 'src/handlers/worker.ts'))).toBe(true)
  })

  it('leaves nothing behind when it fails halfway', () => {
    const parent = temp()
    const dir = path.join(parent, 'project')
    let written = 0
    const failHalfway = () => {
      if (++written === 2) throw new Error('disk full')
    }
    expect(() => writeProject(dir, files, {onFileWritten: failHalfway})).toThrow('disk full')
    expect(existsSync(dir)).toBe(false)
    expect(readdirSync(parent)).toEqual([])
  })

  it('leaves an existing non-empty folder as it was when it fails halfway with force', () => {
    const dir = temp()
    mkdirSync(path.join(dir, 'src'))
    writeFileSync(path.join(dir, 'package.json'), 'old')
    expect(() =>
      writeProject(dir, files, {
        force: true,
        onFileWritten: () => {
          throw new Error('disk full')
        },
      }),
    ).toThrow('disk full')
    expect(readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe('old')
    expect(readdirSync(path.join(dir, 'src'))).toEqual([])
  })
})
