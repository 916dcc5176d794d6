// Test helper: read a rule fixture and run its rule, YAML or JSON by extension.
import {readFileSync} from 'node:fs'

import type {Finding} from '../../../src/engine/finding.js'
import {runRule} from '../../helpers/lint.js'

export function fixture(id: string, name: string): string {
  return readFileSync(new URL(`../../fixtures/rules/${id}/${name}`, import.meta.url), 'utf8')
}

/** Runs the rule over a fixture and keeps what a user sees: message id, data, resource and line. */
export function runFixture(id: string, name: string): Array<{messageId: string; data: Finding['data']; resource?: string; line?: number}> {
  return runRule(id, fixture(id, name), {}, name.endsWith('.json') ? 'template.json' : 'template.yaml').map((finding) => ({
    messageId: finding.messageId,
    data: finding.data,
    resource: finding.resource?.id,
    line: finding.location?.line,
  }))
}

/** Runs a rule over template text and keeps message id and data. */
export function run(id: string, text: string, options: Record<string, unknown> = {}): Array<{messageId: string; data: Finding['data']}> {
  return runRule(id, text, options).map((finding) => ({messageId: finding.messageId, data: finding.data}))
}
