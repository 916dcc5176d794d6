// Where the running sls-eda was installed from, as the npm dependency spec a generated project should use to install the same one.
import {existsSync, readFileSync, realpathSync} from 'node:fs'
import path from 'node:path'

export type InstallSource = 'registry' | 'tarball' | 'checkout' | 'git'

export interface SlsEdaDependency {
  /** What the generated package.json names as sls-eda's version: `^0.1.0`, `file:/abs/sls-eda-0.1.0.tgz`, `file:/abs/sls-eda`, `git+https://…`. */
  spec: string
  source: InstallSource
}

interface LockEntry {
  resolved?: string
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  } catch {
    return undefined
  }
}

/**
 * How npm recorded the package it installed at `node_modules/<name>` under `installRoot`: npm 7+ keeps it in the hidden
 * lock file `node_modules/.package-lock.json` (also in npx's cache folders) and in the project's `package-lock.json`;
 * npm 6 wrote `_resolved` into the installed package.json itself.
 */
function resolvedBy(installRoot: string, name: string, packageRoot: string): string | undefined {
  for (const lock of [path.join(installRoot, 'node_modules', '.package-lock.json'), path.join(installRoot, 'package-lock.json')]) {
    const packages = readJson(lock)?.packages as Record<string, LockEntry> | undefined
    const resolved = packages?.[`node_modules/${name}`]?.resolved
    if (typeof resolved === 'string') return resolved
  }
  const legacy = readJson(path.join(packageRoot, 'package.json'))?._resolved
  return typeof legacy === 'string' ? legacy : undefined
}

/** The folder whose `node_modules` holds the package, or undefined when the package is not inside a `node_modules` folder. */
function installRootOf(packageRoot: string, name: string): string | undefined {
  const depth = name.split('/').length
  let modules = packageRoot
  for (let i = 0; i < depth; i++) modules = path.dirname(modules)
  return path.basename(modules) === 'node_modules' ? path.dirname(modules) : undefined
}

/**
 * The dependency on sls-eda a generated project gets, so that `npm install` there installs the sls-eda that generated it:
 *
 * - a folder outside any `node_modules` (a source checkout, or `npm link` / `npm install -g .` pointing at one):
 *   `file:` the folder; npm links it, and its own `node_modules` and `dist/` serve the project;
 * - installed by npm from a tarball (`npm install ./sls-eda-0.1.0.tgz`, `npx --package ./sls-eda-0.1.0.tgz sls-eda`):
 *   `file:` the tarball's absolute path, as long as it is still there;
 * - installed from git: the same git URL;
 * - otherwise (a registry, or an install npm kept no record of, such as `npm install -g ./sls-eda-0.1.0.tgz`):
 *   `^version`, from the registry.
 *
 * `packageRoot` is the folder of sls-eda's package.json (symbolic links are followed).
 */
export function slsEdaDependency(packageRoot: string, name: string, version: string): SlsEdaDependency {
  const registry: SlsEdaDependency = {spec: `^${version}`, source: 'registry'}
  let root: string
  try {
    root = realpathSync(packageRoot)
  } catch {
    return registry
  }
  const installRoot = installRootOf(root, name)
  if (installRoot === undefined) return {spec: `file:${root}`, source: 'checkout'}
  const resolved = resolvedBy(installRoot, name, root)
  if (resolved === undefined) return registry
  if (resolved.startsWith('git+') || resolved.startsWith('git:')) return {spec: resolved, source: 'git'}
  if (resolved.startsWith('file:')) {
    const target = path.resolve(installRoot, resolved.slice('file:'.length))
    if (/\.(tgz|tar\.gz|tar)$/.test(target) && existsSync(target)) return {spec: `file:${target}`, source: 'tarball'}
  }
  return registry
}

/** How to run sls-eda once with npx in a folder without a package.json: the bare name from a registry, else `--package <where it came from>`. */
export function npxCommand(dependency: SlsEdaDependency, name: string): string {
  if (dependency.source === 'registry') return `npx ${name}`
  const where = dependency.spec.startsWith('file:') ? dependency.spec.slice('file:'.length) : dependency.spec
  return `npx --package ${where.includes(' ') ? JSON.stringify(where) : where} ${name}`
}
