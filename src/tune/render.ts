// Renders a tuning analysis: the terminal table and bar chart, and a self-contained HTML page with the cost and duration curves.
import chalk from 'chalk'

import type {Analysis, MemoryStats, Recommendation, Strategy} from './analyse.js'
import type {TuneRun} from './engine.js'

export function formatUsd(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–'
  if (value === 0) return '$0'
  if (value >= 1) return `$${value.toFixed(2)}`
  if (value >= 0.01) return `$${value.toFixed(4)}`
  return `$${value.toPrecision(3)}`
}

function ms(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(value >= 100 ? 0 : 1)} ms` : '–'
}

function pad(text: string, width: number, right = false): string {
  const visible = text.replace(/\u001B\[[0-9;]*m/g, '').length
  const fill = ' '.repeat(Math.max(0, width - visible))
  return right ? fill + text : text + fill
}

export function describeMargin(recommendation: Recommendation): string {
  const margin = recommendation.margin
  if (!margin || recommendation.runnerUpMb === undefined) return 'only one memory value succeeded'
  const unit = margin.measure === 'cost' ? (v: number) => formatUsd(Math.abs(v)) : margin.measure === 'duration' ? (v: number) => ms(Math.abs(v)) : (v: number) => Math.abs(v).toFixed(3)
  const what = margin.measure === 'score' ? 'score' : margin.measure
  if (margin.significant) return `beats ${recommendation.runnerUpMb} MB on ${what} by ${unit(margin.estimate)} (95% interval ${unit(margin.low)}–${unit(margin.high)}): larger than the noise`
  return `within the noise of ${recommendation.runnerUpMb} MB on ${what} (95% interval of the difference spans zero); either is fine, more invocations would tell them apart`
}

const STRATEGY_LABEL: Record<Strategy, string> = {cost: 'cheapest', speed: 'fastest', balanced: 'balanced'}

export function renderTerminal(run: TuneRun, analysis: Analysis): string {
  const lines: string[] = []
  const fn = run.function
  lines.push(chalk.bold(`${fn.name}`) + chalk.dim(` (${fn.architecture}, ${fn.region}, memory before the run: ${fn.memoryMb} MB)`), '')
  const header = ['memory', 'median', 'p95', 'billed', 'cost/invocation', 'cost/1M', 'cold init', 'max used', analysis.monthly ? 'monthly' : '', 'status']
  const rows = analysis.stats.map((s) => [
    `${s.memoryMb} MB${s.current ? '*' : ''}`,
    s.failure ? '–' : ms(s.medianMs),
    s.failure ? '–' : ms(s.p95Ms),
    s.failure ? '–' : ms(s.medianBilledMs),
    s.failure ? '–' : formatUsd(s.costPerInvocation),
    s.failure ? '–' : formatUsd(s.costPerMillion),
    s.medianInitMs === undefined ? '–' : ms(s.medianInitMs),
    s.maxMemoryUsedMb === undefined ? '–' : `${s.maxMemoryUsedMb} MB`,
    analysis.monthly ? (s.failure ? '–' : formatUsd(s.monthlyCost)) : '',
    s.failure ? chalk.red(`failed: ${s.failure}`) : chalk.green(`ok (${s.kept} kept of ${s.invocations})`),
  ])
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.replace(/\u001B\[[0-9;]*m/g, '').length)))
  const visibleColumns = header.map((title, index) => (title === '' ? -1 : index)).filter((index) => index >= 0)
  lines.push(visibleColumns.map((c) => chalk.bold(pad(header[c]!, widths[c]!, c > 0 && c < 9))).join('  '))
  for (const row of rows) lines.push(visibleColumns.map((c) => pad(row[c]!, widths[c]!, c > 0 && c < 9)).join('  '))
  lines.push(chalk.dim('* memory before the run. Medians exclude cold starts and the trimmed outliers; p95 uses every warm invocation.'), '')
  lines.push(...renderBars(analysis.stats), '')
  for (const strategy of ['cost', 'speed', 'balanced'] as const) {
    const recommendation = analysis.recommendations[strategy]
    if (!recommendation) continue
    const marker = strategy === analysis.strategy ? chalk.bold('→') : ' '
    const label = strategy === 'balanced' ? `balanced (weight ${analysis.weight})` : STRATEGY_LABEL[strategy]
    lines.push(`${marker} ${pad(label, 22)} ${chalk.bold(`${recommendation.memoryMb} MB`)}  ${chalk.dim(describeMargin(recommendation))}`)
  }
  if (Object.keys(analysis.recommendations).length === 0) lines.push(chalk.red('No memory value succeeded, so there is no recommendation.'))
  if (analysis.monthly) {
    const {invocations, currentCost, recommendedCost, saving} = analysis.monthly
    lines.push(
      '',
      `At ${invocations.toLocaleString('en')} invocations a month: ${formatUsd(currentCost)} now, ${formatUsd(recommendedCost)} with the ${analysis.strategy} pick` +
        (saving === undefined ? '' : saving >= 0 ? `, saving ${formatUsd(saving)} a month.` : `, costing ${formatUsd(-saving)} more a month.`),
    )
  }
  lines.push(chalk.dim(`Prices: ${analysis.prices.source} (${analysis.prices.retrieved}).`))
  return lines.join('\n') + '\n'
}

/** Horizontal bars of median duration and cost per memory value: easier to read than a line over a handful of points. */
export function renderBars(stats: MemoryStats[], width = 32): string[] {
  const ok = stats.filter((s) => !s.failure)
  if (ok.length === 0) return []
  const maxDuration = Math.max(...ok.map((s) => s.medianMs))
  const maxCost = Math.max(...ok.map((s) => s.costPerInvocation))
  const bar = (value: number, max: number): string => '█'.repeat(Math.max(1, Math.round((value / max) * width)))
  const lines = [chalk.bold('duration (median)'.padEnd(width + 12) + 'cost per invocation')]
  for (const s of stats) {
    const label = `${s.memoryMb} MB`.padStart(8)
    if (s.failure) {
      lines.push(`${label}  ${chalk.red('failed')}`)
      continue
    }
    lines.push(`${label}  ${chalk.cyan(pad(bar(s.medianMs, maxDuration), width))}  ${chalk.magenta(bar(s.costPerInvocation, maxCost))}`)
  }
  return lines
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'})[c]!)
}

/** An SVG line chart of one measure against memory, with the pick highlighted. */
function svgChart(stats: MemoryStats[], value: (s: MemoryStats) => number, format: (v: number) => string, title: string, pick: number | undefined, color: string): string {
  const ok = stats.filter((s) => !s.failure)
  const width = 560
  const height = 260
  const margin = {left: 80, right: 20, top: 30, bottom: 40}
  if (ok.length === 0) return `<p>${escapeHtml(title)}: no successful measurement.</p>`
  const xs = ok.map((s) => s.memoryMb)
  const ys = ok.map(value)
  const minX = Math.min(...xs)
  const maxX = Math.max(...xs)
  const maxY = Math.max(...ys) * 1.1
  const x = (v: number): number => margin.left + (maxX === minX ? 0.5 : (Math.log2(v) - Math.log2(minX)) / (Math.log2(maxX) - Math.log2(minX))) * (width - margin.left - margin.right)
  const y = (v: number): number => height - margin.bottom - (maxY === 0 ? 0 : v / maxY) * (height - margin.top - margin.bottom)
  const points = ok.map((s) => `${x(s.memoryMb).toFixed(1)},${y(value(s)).toFixed(1)}`).join(' ')
  const marks = ok
    .map((s) => {
      const isPick = s.memoryMb === pick
      return (
        `<circle cx="${x(s.memoryMb).toFixed(1)}" cy="${y(value(s)).toFixed(1)}" r="${isPick ? 6 : 4}" fill="${isPick ? '#d33' : color}"><title>${s.memoryMb} MB: ${escapeHtml(format(value(s)))}</title></circle>` +
        `<text x="${x(s.memoryMb).toFixed(1)}" y="${height - margin.bottom + 16}" text-anchor="middle" font-size="11">${s.memoryMb}</text>`
      )
    })
    .join('')
  const ticks = [0, 0.5, 1].map((f) => `<text x="${margin.left - 6}" y="${y(maxY * f).toFixed(1)}" text-anchor="end" font-size="11" dominant-baseline="middle">${escapeHtml(format(maxY * f))}</text>`).join('')
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(title)}">
<text x="${width / 2}" y="18" text-anchor="middle" font-weight="bold">${escapeHtml(title)}</text>
<line x1="${margin.left}" y1="${height - margin.bottom}" x2="${width - margin.right}" y2="${height - margin.bottom}" stroke="#999"/>
<line x1="${margin.left}" y1="${margin.top}" x2="${margin.left}" y2="${height - margin.bottom}" stroke="#999"/>
<text x="${width / 2}" y="${height - 6}" text-anchor="middle" font-size="11">memory (MB, log scale)</text>
${ticks}<polyline fill="none" stroke="${color}" stroke-width="2" points="${points}"/>${marks}</svg>`
}

/** A self-contained page (inline CSS and SVG, no scripts or network) with the curves, the table and the picks. */
export function renderHtml(run: TuneRun, analysis: Analysis, generatedAt: Date): string {
  const pick = analysis.recommendations[analysis.strategy]?.memoryMb
  const rows = analysis.stats
    .map(
      (s) =>
        `<tr${s.memoryMb === pick ? ' class="pick"' : ''}><td>${s.memoryMb} MB${s.current ? ' (before)' : ''}</td><td>${s.failure ? '–' : ms(s.medianMs)}</td><td>${s.failure ? '–' : ms(s.p95Ms)}</td><td>${s.failure ? '–' : formatUsd(s.costPerInvocation)}</td><td>${s.failure ? '–' : formatUsd(s.costPerMillion)}</td>${analysis.monthly ? `<td>${s.failure ? '–' : formatUsd(s.monthlyCost)}</td>` : ''}<td>${s.failure ? `failed: ${escapeHtml(s.failure)}` : `ok (${s.kept}/${s.invocations})`}</td></tr>`,
    )
    .join('\n')
  const picks = (['cost', 'speed', 'balanced'] as const)
    .map((strategy) => {
      const r = analysis.recommendations[strategy]
      return r ? `<li><strong>${strategy}${strategy === 'balanced' ? ` (weight ${analysis.weight})` : ''}: ${r.memoryMb} MB</strong> — ${escapeHtml(describeMargin(r))}</li>` : ''
    })
    .join('\n')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sls-eda tune: ${escapeHtml(run.function.name)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse}td,th{padding:.3rem .7rem;border-bottom:1px solid #ddd;text-align:right}td:first-child,th:first-child{text-align:left}tr.pick{background:#fff3f3}.charts{display:flex;flex-wrap:wrap;gap:1rem}small{color:#666}</style>
</head><body>
<h1>Power tuning of ${escapeHtml(run.function.name)}</h1>
<p><small>${escapeHtml(run.function.arn)} · ${escapeHtml(run.function.architecture)} · ${escapeHtml(run.function.region)} · memory before the run ${run.function.memoryMb} MB · ${escapeHtml(generatedAt.toISOString())}</small></p>
<div class="charts">
${svgChart(analysis.stats, (s) => s.medianMs, ms, 'Median duration', pick, '#2a7ab0')}
${svgChart(analysis.stats, (s) => s.costPerInvocation, formatUsd, 'Cost per invocation', pick, '#8a3ab9')}
</div>
<h2>Recommendations</h2><ul>${picks}</ul>
<h2>Measurements</h2>
<table><thead><tr><th>memory</th><th>median</th><th>p95</th><th>cost/invocation</th><th>cost/1M</th>${analysis.monthly ? '<th>monthly</th>' : ''}<th>status</th></tr></thead><tbody>
${rows}
</tbody></table>
<p><small>Medians exclude cold starts and trimmed outliers; p95 uses every warm invocation. Prices: ${escapeHtml(analysis.prices.source)} (${escapeHtml(analysis.prices.retrieved)}).</small></p>
</body></html>
`
}
