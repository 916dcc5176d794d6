// Test helpers: lint a template given as text, with the whole catalogue or chosen rules, and read findings back.
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {DEFAULT_CONFIG, resolveRules} from '../../src/engine/config.js'
import type {Finding} from '../../src/engine/finding.js'
import {runRules} from '../../src/engine/run.js'
import {lint} from '../../src/lint/lint.js'
import {parseTemplateText} from '../../src/model/parse.js'
import {buildTemplateGraph} from '../../src/model/template.js'
import {CATALOGUE, findRule} from '../../src/rules/index.js'
import type {Rule} from '../../src/rules/types.js'

export const FIXED_NOW = new Date('2026-11-23T00:00:00Z')

/** Builds the graph of a template given as YAML or JSON text. */
export function graphOf(text: string, file = 'template.yaml') {
  return buildTemplateGraph(parseTemplateText(file, text))
}

/** Runs one rule (by id or name, or a rule object) over a template text, with its default severity and options. */
export function runRule(rule: string | Rule, text: string, options: Record<string, unknown> = {}, file = 'template.yaml'): Finding[] {
  const resolved = typeof rule === 'string' ? findRule(rule) : rule
  if (!resolved) throw new Error(`no rule ${typeof rule === 'string' ? rule : rule.meta.id}`)
  const graph = graphOf(text, file)
  return runRules(graph, [{rule: resolved, severity: resolved.meta.severity, options: {...resolved.meta.options, ...options}}], {now: FIXED_NOW}).filter((finding) => finding.ruleId === resolved.meta.id)
}

/** Runs the recommended preset of the whole catalogue over a template text. */
export function runCatalogue(text: string, preset: 'recommended' | 'strict' = 'recommended', file = 'template.yaml'): Finding[] {
  const {active} = resolveRules(CATALOGUE, {...DEFAULT_CONFIG, preset})
  return runRules(graphOf(text, file), active, {now: FIXED_NOW})
}

/** Writes files into a fresh temporary folder and returns its path. */
export function tempProject(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sls-eda-test-'))
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name)
    mkdirSync(path.dirname(full), {recursive: true})
    writeFileSync(full, content)
  }
  return dir
}

export {lint, DEFAULT_CONFIG, CATALOGUE}
