// Writes a rendered project: everything into a temporary folder first, then moved into place, so a failure leaves nothing behind.
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, rmdirSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import type {RenderedFile} from './render.js'

export class TargetNotEmptyError extends Error {
  constructor(
    public readonly dir: string,
    public readonly entries: string[],
  ) {
    super(`${dir} is not empty (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}); choose another folder with --dir, or pass --force to write into it`)
  }
}

export class TargetNotDirectoryError extends Error {
  constructor(public readonly dir: string) {
    super(`${dir} exists and is not a folder`)
  }
}

/** The entries of a folder, or undefined when it does not exist. Throws when the path is a file. */
export function existingEntries(dir: string): string[] | undefined {
  if (!existsSync(dir)) return undefined
  if (!statSync(dir).isDirectory()) throw new TargetNotDirectoryError(dir)
  return readdirSync(dir)
}

export interface WriteOptions {
  /** Write into a non-empty folder, replacing files that have the same path; other files are left alone. */
  force?: boolean
  /** Called after each file is written to the temporary folder (tests use it to fail halfway). */
  onFileWritten?: (file: RenderedFile) => void
}

/**
 * Writes the files under `dir`. The temporary folder is a sibling of `dir` so the final move is a
 * rename on the same filesystem. Without `force`, a non-empty `dir` is refused before anything is
 * written; with it, the generated files are moved in one by one over any file of the same name.
 */
export function writeProject(dir: string, files: readonly RenderedFile[], options: WriteOptions = {}): void {
  const entries = existingEntries(dir)
  if (entries && entries.length > 0 && !options.force) throw new TargetNotEmptyError(dir, entries)
  const parent = path.dirname(dir)
  mkdirSync(parent, {recursive: true})
  const staging = mkdtempSync(path.join(parent, `.${path.basename(dir)}.sls-eda-`))
  try {
    for (const file of files) {
      const full = path.join(staging, ...file.path.split('/'))
      mkdirSync(path.dirname(full), {recursive: true})
      writeFileSync(full, file.content, {mode: file.mode})
      chmodSync(full, file.mode)
      options.onFileWritten?.(file)
    }
    if (entries === undefined) {
      renameSync(staging, dir)
      return
    }
    if (entries.length === 0) {
      rmdirSync(dir)
      renameSync(staging, dir)
      return
    }
    mergeInto(staging, dir)
  } finally {
    rmSync(staging, {recursive: true, force: true})
  }
}

/** Moves every file of `from` into `to`, creating folders and replacing same-named files (only with --force). */
function mergeInto(from: string, to: string): void {
  for (const name of readdirSync(from)) {
    const source = path.join(from, name)
    const target = path.join(to, name)
    if (statSync(source).isDirectory()) {
      if (existsSync(target) && !statSync(target).isDirectory()) rmSync(target)
      mkdirSync(target, {recursive: true})
      mergeInto(source, target)
    } else {
      if (existsSync(target) && statSync(target).isDirectory()) throw new TargetNotDirectoryError(target)
      renameSync(source, target)
    }
  }
}
