// Baselines: the findings an account already had, so later audits show only what is new.
import {readFileSync} from 'node:fs'

import type {Finding} from '../engine/finding.js'
import {isRecord} from '../model/intrinsics.js'

export const BASELINE_FORMAT = 'sls-eda-baseline'

export interface BaselineEntry {
  ruleId: string
  /** ARN (or id) of the resource. */
  resource: string
  messageId: string
}

export interface Baseline {
  format: typeof BASELINE_FORMAT
  version: 1
  createdAt: string
  findings: BaselineEntry[]
}

/**
 * What identifies a finding across audits: rule, resource and kind of message. Message data is left
 * out on purpose: a count or a timeout that changes does not make an accepted finding new.
 */
export function fingerprint(finding: Pick<Finding, 'ruleId' | 'messageId' | 'resource'>): string {
  return `${finding.ruleId}|${finding.resource?.arn ?? finding.resource?.id ?? ''}|${finding.messageId}`
}

export function baselineOf(findings: readonly Finding[], now: Date): Baseline {
  const seen = new Set<string>()
  const entries: BaselineEntry[] = []
  for (const finding of findings) {
    const key = fingerprint(finding)
    if (seen.has(key)) continue
    seen.add(key)
    entries.push({ruleId: finding.ruleId, resource: finding.resource?.arn ?? finding.resource?.id ?? '', messageId: finding.messageId})
  }
  entries.sort((a, b) => a.resource.localeCompare(b.resource) || a.ruleId.localeCompare(b.ruleId) || a.messageId.localeCompare(b.messageId))
  return {format: BASELINE_FORMAT, version: 1, createdAt: now.toISOString(), findings: entries}
}

export class BaselineError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BaselineError'
  }
}

export function readBaseline(file: string): Set<string> {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new BaselineError(`cannot read baseline ${file}: ${(error as Error).message.split('\n')[0]}`)
  }
  if (!isRecord(raw) || raw.format !== BASELINE_FORMAT || !Array.isArray(raw.findings)) {
    throw new BaselineError(`${file} is not an sls-eda baseline (write one with \`sls-eda audit --write-baseline FILE\`)`)
  }
  const keys = new Set<string>()
  for (const entry of raw.findings) {
    if (!isRecord(entry) || typeof entry.ruleId !== 'string' || typeof entry.resource !== 'string' || typeof entry.messageId !== 'string') {
      throw new BaselineError(`${file}: every baseline entry needs ruleId, resource and messageId`)
    }
    keys.add(`${entry.ruleId}|${entry.resource}|${entry.messageId}`)
  }
  return keys
}
