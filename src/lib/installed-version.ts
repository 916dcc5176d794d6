// The version of an installed package, read from its package.json where Node resolves it from this module.
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

export function installedVersion(specifier: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(fileURLToPath(import.meta.resolve(`${specifier}/package.json`)), 'utf8')) as {version: string}).version
  } catch {
    return undefined
  }
}
