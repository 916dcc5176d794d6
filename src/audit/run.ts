// What `sls-eda audit` does once its flags are parsed: rule selection, the inventory (collected or read), the audit, rendering and the exit code, through the shared run pipeline.
import path from 'node:path'

import type {Preset} from '../engine/config.js'
import {runExitCode, selectRules, unknownRuleWarnings} from '../engine/pipeline.js'
import {UsageError} from '../lib/exit-codes.js'
import type {RunOutcome} from '../lib/run-outcome.js'
import {applyColor, terminalWidth} from '../lib/color.js'
import {renderReport, reportDocument, writeOutput} from '../report/output.js'
import type {Format} from '../report/types.js'
import type {Severity} from '../rules/types.js'
import type {Inventory} from './inventory.js'
import type {AccountRequest} from './live.js'

export interface AuditFlags extends AccountRequest {
  baseline?: string
  writeBaseline?: string
  saveInventory?: string
  fromInventory?: string
  format: Format
  output?: string
  failLevel: Severity
  config?: string
  preset?: Preset
  rule?: string[]
  /** `--color` / `--no-color`; undefined decides from the environment and the terminal. */
  color?: boolean
  /** `--json`: return the JSON document instead of rendering. */
  json?: boolean
}

export interface AuditEnvironment {
  cwd: string
  version: string
  now?: Date
}

/** Audits the account (or a saved inventory); unusable input, credentials or output paths throw UsageError. */
export async function runAudit(flags: AuditFlags, env: AuditEnvironment): Promise<RunOutcome> {
  const {cwd} = env
  const {config, catalogue} = await selectRules({cwd, config: flags.config, preset: flags.preset, rule: flags.rule, source: 'live'})
  const notices: string[] = []

  let baseline: Set<string> | undefined
  if (flags.baseline) {
    const {readBaseline, BaselineError} = await import('./baseline.js')
    try {
      baseline = readBaseline(path.resolve(cwd, flags.baseline))
    } catch (error) {
      if (error instanceof BaselineError) throw new UsageError(error.message)
      throw error
    }
  }

  const {readInventory, InventoryError, serializeInventory} = await import('./inventory.js')
  let inventory: Inventory
  let apiCalls: unknown
  if (flags.fromInventory) {
    try {
      inventory = readInventory(path.resolve(cwd, flags.fromInventory))
    } catch (error) {
      if (error instanceof InventoryError) throw new UsageError(error.message)
      throw error
    }
  } else {
    const {collectLiveAccount} = await import('./live.js')
    const collected = await collectLiveAccount(flags, {json: flags.json === true})
    inventory = collected.inventory
    apiCalls = collected.apiCalls
    if (flags.saveInventory) {
      const shown = writeOutput(flags.saveInventory, serializeInventory(inventory), cwd)
      notices.push(`sls-eda: inventory of ${inventory.nodes.length} resources written to ${shown}`)
    }
  }

  const {auditInventory} = await import('./audit.js')
  const outcome = auditInventory(inventory, {config, catalogue, stacks: flags.stack, baseline, now: env.now})
  const warnings = await unknownRuleWarnings(outcome.unknownRules, config, cwd)
  if (flags.writeBaseline) {
    const {baselineOf} = await import('./baseline.js')
    const shown = writeOutput(flags.writeBaseline, JSON.stringify(baselineOf(outcome.allFindings, env.now ?? new Date()), null, 2) + '\n', cwd)
    notices.push(`sls-eda: baseline of ${outcome.allFindings.length} findings written to ${shown}`)
  }

  const exitCode = runExitCode(outcome.files, {failLevel: flags.failLevel, partial: inventory.notChecked.length > 0})
  const input = {command: 'audit' as const, files: outcome.files, rules: outcome.rules, version: env.version, cwd, failLevel: flags.failLevel}
  const coverage = {
    accountId: inventory.accountId,
    regions: inventory.regions,
    collectedAt: inventory.collectedAt,
    resources: outcome.nodes,
    notChecked: inventory.notChecked,
    hiddenByBaseline: outcome.hidden,
    apiCalls,
  }
  if (flags.json) return {exitCode, json: await reportDocument(input, {audit: coverage}), warnings, notices}
  if (!flags.output) applyColor(flags.color)
  const text = await renderReport(flags.format, {...input, width: flags.output ? undefined : terminalWidth()}, {toFile: flags.output !== undefined, extra: {audit: coverage}})
  let stdout: string | undefined = text
  if (flags.output) {
    const shown = writeOutput(flags.output, text, cwd)
    stdout = undefined
    notices.push(`sls-eda: report written to ${shown}`)
  }
  for (const entry of inventory.notChecked) {
    const scope = entry.resources === undefined ? `${entry.service} not checked` : `${entry.resources} ${entry.service} resource${entry.resources === 1 ? '' : 's'} not checked`
    notices.push(`sls-eda: ${entry.region}: ${scope}: ${entry.action} was refused (${entry.message})`)
  }
  if (outcome.hidden > 0) notices.push(`sls-eda: ${outcome.hidden} finding${outcome.hidden === 1 ? '' : 's'} hidden by the baseline`)
  return {exitCode, stdout, warnings, notices}
}
