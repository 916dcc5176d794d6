// The lint pipeline: discover targets, load each into a graph, run the active rules, collect per-file results.
import path from 'node:path'

import {type Config, resolveRules} from '../engine/config.js'
import type {Finding} from '../engine/finding.js'
import {runRules} from '../engine/run.js'
import {ENGINE_RULES} from '../rules/engine-rules.js'
import type {Rule, RuleMeta} from '../rules/types.js'
import {discover} from './discover.js'
import {loadCloudAssembly, loadTemplateFile, type LoadOutcome, unusable} from './load.js'

export interface FileResult {
  file: string
  stack?: string
  findings: Finding[]
  /** True when the file could not be used (exit code 2). */
  unusable: boolean
}

export interface LintResult {
  files: FileResult[]
  /** Every rule that ran, for reporters that list rules (SARIF). */
  rules: RuleMeta[]
  /** Rule keys in the configuration that name no rule. */
  unknownRules: string[]
}

export interface LintOptions {
  paths: string[]
  config: Config
  catalogue: readonly Rule[]
  /** Folder relative paths and `ignore` are resolved against. */
  cwd: string
  /** Globs of files to skip, relative to `cwd` (from the command line; the configuration's are relative to its file). */
  ignore?: string[]
  now?: Date
}

export function lint(options: LintOptions): LintResult {
  const {active, unknown} = resolveRules(options.catalogue, options.config)
  const root = options.config.file ? path.dirname(options.config.file) : options.cwd
  const targets = discover(options.paths.length > 0 ? options.paths : [options.cwd], {
    ignore: options.config.ignore,
    root,
    extraIgnore: [{patterns: options.ignore ?? [], root: options.cwd}],
  })
  const files: FileResult[] = []
  const handle = (file: string, outcome: LoadOutcome): void => {
    if (!outcome.ok) {
      if (!outcome.skipped) files.push({file, findings: [outcome.finding], unusable: true})
      return
    }
    for (const template of outcome.templates) {
      const findings = runRules(template.graph, active, {now: options.now})
      files.push({file: template.file, stack: template.stack, findings: sortFindings(findings), unusable: false})
    }
  }
  for (const target of targets) {
    if (target.kind === 'missing') {
      files.push({file: target.file, findings: [unusable(target.file, 'unreadable', 'no such file or directory')], unusable: true})
    } else if (target.kind === 'unsynthesized') {
      const cdkJson = path.join(target.dir, 'cdk.json')
      files.push({file: cdkJson, findings: [unusable(cdkJson, 'unreadable', 'CDK app without a cloud assembly: run `cdk synth` first (sls-eda lints cdk.out, not the app sources)')], unusable: true})
    } else if (target.kind === 'file') {
      handle(target.file, loadTemplateFile(target.file, target.explicit))
    } else {
      for (const {file, outcome} of loadCloudAssembly(target.dir)) handle(file, outcome)
    }
  }
  const rules = active.map(({rule}) => rule.meta)
  // Engine findings (unusable input) can appear even when their rule was not selected; reporters must still describe them.
  const ran = new Set(rules.map((meta) => meta.id))
  for (const engine of Object.values(ENGINE_RULES)) {
    if (!ran.has(engine.meta.id) && files.some((file) => file.findings.some((finding) => finding.ruleId === engine.meta.id))) rules.push(engine.meta)
  }
  return {files, rules, unknownRules: unknown}
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0) || a.ruleId.localeCompare(b.ruleId))
}
