// What `lint --fix` and `--fix-dry-run` tell the user: the unified diff of each changed file, and one line per outcome.
import path from 'node:path'

import {createTwoFilesPatch} from 'diff'

import type {FileFix} from './run.js'

interface FixedFile {
  file: string
  fix?: FileFix
  cdk?: boolean
}

/** The unified diff of every file a fix changes, paths relative to `cwd` (as `git diff` shows them). */
export function renderDiffs(files: readonly FixedFile[], cwd: string): string {
  return files
    .filter((file) => file.fix && file.fix.text !== file.fix.original)
    .map((file) => {
      const relative = path.relative(cwd, file.file)
      const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
      const shown = inside ? relative.split(path.sep).join('/') : file.file
      return createTwoFilesPatch(inside ? `a/${shown}` : shown, inside ? `b/${shown}` : shown, file.fix!.original, file.fix!.text, undefined, undefined, {context: 3}).replace(/^(Index:[^\n]*\n)?=+\n/, '')
    })
    .join('')
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

/** Lines for standard error: what was fixed (or would be), what could not be written, and why a CDK assembly is left alone. */
export function fixNotices(files: readonly FixedFile[], cwd: string, dryRun: boolean): {notices: string[]; failed: boolean} {
  const notices: string[] = []
  const changed = files.filter((file) => file.fix && file.fix.text !== file.fix.original)
  const applied = changed.reduce((sum, file) => sum + file.fix!.applied, 0)
  const errors = files.flatMap((file) => (file.fix?.error ? [`${path.relative(cwd, file.file) || file.file}: ${file.fix.error}`] : []))
  if (dryRun) notices.push(`sls-eda: ${plural(applied, 'problem')} would be fixed in ${plural(changed.length, 'file')}; nothing was written (--fix-dry-run)`)
  else {
    const written = changed.filter((file) => file.fix!.written)
    notices.push(
      `sls-eda: fixed ${plural(
        written.reduce((sum, file) => sum + file.fix!.applied, 0),
        'problem',
      )} in ${plural(written.length, 'file')}`,
    )
  }
  for (const error of errors) notices.push(`sls-eda: ${error}`)
  const assemblies = [...new Set(files.filter((file) => file.cdk).map((file) => path.dirname(file.file)))]
  for (const dir of assemblies) {
    notices.push(
      `sls-eda: ${path.relative(cwd, dir) || dir} is a synthesized CDK cloud assembly, not your source: --fix changes nothing there; set the construct properties shown after "cdk:" in your app's code and synthesize again`,
    )
  }
  return {notices, failed: errors.length > 0}
}
