// Validates what users name things: project (npm package) names, CloudFormation-safe identifiers, target folders.
import path from 'node:path'

/** npm's limit on package name length. */
const MAX_PACKAGE_NAME = 214
/** Stack names are at most 128 characters and start with a letter; we keep room for suffixes. */
const MAX_PROJECT_NAME = 64

export const PROJECT_NAME_RULE = 'lowercase letters, digits and single hyphens, starting with a letter, at most 64 characters (e.g. orders-worker)'

/**
 * Checks a project name. It becomes the npm package name, the CloudFormation stack name and the
 * prefix of logical ids, so it must be valid as all three: an unscoped npm name made of
 * `[a-z0-9-]` that starts with a letter is.
 * Returns an error message, or undefined when the name is fine.
 */
export function projectNameError(name: string): string | undefined {
  if (name.length === 0) return `the name is empty; use ${PROJECT_NAME_RULE}`
  if (name.includes('/') || name.includes('\\') || name.includes('..')) return `"${name}" is not a name but a path; give the folder with --dir and use ${PROJECT_NAME_RULE}`
  if (name.length > MAX_PROJECT_NAME || name.length > MAX_PACKAGE_NAME) return `"${name}" is ${name.length} characters long; use ${PROJECT_NAME_RULE}`
  if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(name)) return `"${name}" is not allowed; use ${PROJECT_NAME_RULE}`
  return undefined
}

/** `orders-worker` → `OrdersWorker`: a prefix that is a valid CloudFormation logical id (alphanumeric, starts with a letter). */
export function pascalCase(name: string): string {
  return name
    .split('-')
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('')
}

/** `orders-worker` → `ordersWorker`. */
export function camelCase(name: string): string {
  const pascal = pascalCase(name)
  return pascal[0]!.toLowerCase() + pascal.slice(1)
}

/** True for a valid CloudFormation logical id. */
export function isLogicalId(id: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]{0,254}$/.test(id)
}

export const DIR_RULE = 'a folder inside the current one (e.g. services/booking), or an absolute path'

/**
 * Resolves the target folder. Relative folders must stay inside `cwd` (`../x` and `a/../../x`
 * are refused as path traversal); an absolute path states its intent and is accepted.
 */
export function resolveTargetDir(dir: string, cwd: string): {dir: string} | {error: string} {
  if (dir.trim() === '') return {error: `the folder is empty; use ${DIR_RULE}`}
  if (dir.includes('\0')) return {error: `the folder contains a NUL character; use ${DIR_RULE}`}
  if (path.isAbsolute(dir)) return {dir: path.resolve(dir)}
  const resolved = path.resolve(cwd, dir)
  const relative = path.relative(cwd, resolved)
  if (relative.startsWith('..') || path.isAbsolute(relative)) return {error: `"${dir}" leads outside the current folder; use ${DIR_RULE}`}
  return {dir: resolved}
}
