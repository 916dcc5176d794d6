// Renders a pattern's template layers into an in-memory file list: Handlebars for *.hbs, plain files copied, dotfiles renamed.
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import Handlebars from 'handlebars'

import {DEFAULT_LANGUAGE, findLanguage, type Layer, type LanguageName} from './languages.js'
import type {Iac} from './patterns.js'

export interface RenderedFile {
  /** Path inside the project, with forward slashes. */
  path: string
  content: string
  /** File mode bits to write (scripts stay executable). */
  mode: number
}

/**
 * Where the templates are: `src/templates` in a checkout (always current, whatever is in dist), or
 * `dist/templates` in the published package, which ships no sources (`npm run build` copies them).
 */
export function templatesRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url))
  const candidates = [path.resolve(here, '../../src/templates'), path.resolve(here, '../templates')]
  const found = candidates.find((candidate) => existsSync(path.join(candidate, '_base')))
  if (!found) throw new Error(`the project templates are missing (looked in ${candidates.join(', ')}); reinstall sls-eda`)
  return found
}

/** Stored names that npm or editors would mangle, and what they become in the project. */
const RENAMES: Readonly<Record<string, string>> = {
  _gitignore: '.gitignore',
  _npmrc: '.npmrc',
  _editorconfig: '.editorconfig',
  '_sls-eda.yml': '.sls-eda.yml',
}

/** The folders rendered for a pattern, flavour and language (as absolute paths), later layers overriding earlier ones. */
export function layersFor(root: string, pattern: string, iac: Iac, language: LanguageName = DEFAULT_LANGUAGE): Layer[] {
  const definition = findLanguage(language)
  if (!definition) throw new Error(`no language ${language}`)
  return definition
    .layers(pattern, iac)
    .map((layer) => ({...layer, dir: path.join(root, ...layer.dir.split('/'))}))
    .filter((layer) => existsSync(layer.dir))
}

function walk(dir: string, prefix = ''): Array<{rel: string; full: string; mode: number}> {
  const out: Array<{rel: string; full: string; mode: number}> = []
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name)
    const stats = statSync(full)
    const rel = prefix ? `${prefix}/${name}` : name
    if (stats.isDirectory()) out.push(...walk(full, rel))
    else if (stats.isFile()) out.push({rel, full, mode: stats.mode & 0o777})
  }
  return out
}

function targetName(rel: string): string {
  const parts = rel.split('/')
  let base = parts.pop()!
  if (base.endsWith('.hbs')) base = base.slice(0, -'.hbs'.length)
  base = RENAMES[base] ?? base
  return [...parts, base].join('/')
}

/** A Handlebars environment with the shared partials (`_partials/*.hbs`, used as `{{> name}}`) and helpers. */
function environment(root: string): typeof Handlebars {
  const env = Handlebars.create()
  const partials = path.join(root, '_partials')
  if (existsSync(partials)) {
    for (const file of readdirSync(partials).filter((name) => name.endsWith('.hbs'))) {
      env.registerPartial(file.slice(0, -'.hbs'.length), readFileSync(path.join(partials, file), 'utf8'))
    }
  }
  env.registerHelper('eq', (a: unknown, b: unknown) => a === b)
  // Builds ids and descriptions from partial parameters: (concat fn "ErrorsAlarm"). The last argument is Handlebars' options.
  env.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).join(''))
  // A JSON value nested one level in a JSON file: `"dependencies": {{json dependencies}}`.
  env.registerHelper('json', (value: unknown) => new Handlebars.SafeString(JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')))
  // A handler's Python module: 'fulfil-order' → 'fulfil_order' (a module name cannot hold a hyphen).
  env.registerHelper('pyModule', (entry: unknown) => String(entry).replace(/-/g, '_'))
  return env
}

/**
 * Renders every layer for a pattern. Values are inserted as written (no HTML escaping: the output
 * is YAML, TypeScript and Markdown), and a template naming a value the context lacks renders it empty
 * (the end-to-end test then fails on the invalid template or code it produced).
 */
export function renderProject(pattern: string, iac: Iac, context: Record<string, unknown>, root = templatesRoot(), language: LanguageName = DEFAULT_LANGUAGE): RenderedFile[] {
  const env = environment(root)
  const files = new Map<string, RenderedFile>()
  for (const layer of layersFor(root, pattern, iac, language)) {
    for (const {rel, full, mode} of walk(layer.dir)) {
      const target = targetName(rel)
      if (layer.skip?.(target)) continue
      const raw = readFileSync(full, 'utf8')
      const content = rel.endsWith('.hbs') ? env.compile(raw, {noEscape: true})(context) : raw
      files.set(target, {path: target, content, mode})
    }
  }
  return [...files.values()].sort((a, b) => a.path.localeCompare(b.path))
}
