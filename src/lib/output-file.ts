// Writes a command's output to the file named by --output, creating its folder; says why when it cannot.
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

/** The absolute path written, or the reason it could not be (`cannot write out/x: EACCES`). */
export function writeOutputFile(file: string, text: string, cwd: string): {written: string} | {error: string} {
  const target = path.resolve(cwd, file)
  try {
    mkdirSync(path.dirname(target), {recursive: true})
    writeFileSync(target, text)
  } catch (error) {
    return {error: `cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`}
  }
  return {written: target}
}
