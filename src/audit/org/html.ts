// A self-contained HTML summary of an organisation audit: totals, one row per account, and the rules that found most.
import type {Severity} from '../../rules/types.js'
import type {MergedRun} from './report.js'

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

export function renderHtmlSummary(run: MergedRun, totals: {counts: Record<Severity, number>; failed: number}, version: string): string {
  const byRule = new Map<string, {name: string; counts: Record<Severity, number>; accounts: Set<string>}>()
  for (const account of run.accounts) {
    if (account.summary.status !== 'done') continue
    for (const file of account.load().files) {
      for (const finding of file.findings) {
        let entry = byRule.get(finding.ruleId)
        if (!entry) byRule.set(finding.ruleId, (entry = {name: finding.ruleName, counts: {error: 0, warning: 0, info: 0}, accounts: new Set()}))
        entry.counts[finding.severity]++
        entry.accounts.add(account.summary.account.id)
      }
    }
  }
  const rules = [...byRule.entries()].sort(([, a], [, b]) => b.counts.error - a.counts.error || b.counts.warning - a.counts.warning || b.counts.info - a.counts.info)
  const rows = run.accounts
    .map(({summary}) => {
      const unread =
        summary.status === 'failed'
          ? `not read: ${summary.reason ?? ''}`
          : [...summary.notEnabled.map((region) => `${region} not enabled`), ...summary.notChecked.map((entry) => `${entry.region}: ${entry.action}`)].join('; ')
      return `<tr class="${summary.status}"><td>${escape(summary.account.id)}</td><td>${escape(summary.account.name ?? '')}</td><td>${summary.status}</td><td class="n e">${summary.counts.error}</td><td class="n w">${summary.counts.warning}</td><td class="n">${summary.counts.info}</td><td>${escape(summary.regions.join(', '))}</td><td class="n">${(summary.durationMs / 1000).toFixed(1)} s</td><td>${escape(unread)}</td></tr>`
    })
    .join('\n')
  const ruleRows = rules
    .map(
      ([id, entry]) =>
        `<tr><td>${escape(id)}</td><td>${escape(entry.name)}</td><td class="n e">${entry.counts.error}</td><td class="n w">${entry.counts.warning}</td><td class="n">${entry.counts.info}</td><td class="n">${entry.accounts.size}</td></tr>`,
    )
    .join('\n')
  const missing = run.missing.length > 0 ? `<p class="failed">${run.missing.length} account(s) listed but not reached (interrupted run): ${escape(run.missing.join(', '))}</p>` : ''
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sls-eda organisation audit</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3}.n{text-align:right}.e{color:#b00020}.w{color:#8a5a00}tr.failed td,p.failed{background:#fdecea}
</style></head><body>
<h1>Organisation audit</h1>
<p>${run.accounts.length} accounts, ${totals.failed} not read; <strong class="e">${totals.counts.error} errors</strong>, <strong class="w">${totals.counts.warning} warnings</strong>, ${totals.counts.info} info. sls-eda ${escape(version)}.</p>
${missing}
<h2>Accounts</h2>
<table><thead><tr><th>account</th><th>name</th><th>status</th><th>errors</th><th>warnings</th><th>info</th><th>regions</th><th>duration</th><th>not checked</th></tr></thead><tbody>
${rows}
</tbody></table>
<h2>Rules</h2>
<table><thead><tr><th>rule</th><th>name</th><th>errors</th><th>warnings</th><th>info</th><th>accounts</th></tr></thead><tbody>
${ruleRows}
</tbody></table>
</body></html>
`
}
