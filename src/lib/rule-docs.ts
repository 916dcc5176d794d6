// Renders a rule's documentation from its metadata: the generated docs/rules pages, SARIF help and `sls-eda rules show` all use it.
import chalk from 'chalk'
import {wrapAnsi} from 'fast-wrap-ansi'

import {practiceTitle} from '../rules/practices.js'
import {type EquivalentTool, type RuleMeta, SEVERITIES, SEVERITY_POLICY} from '../rules/types.js'

/** The fixed headings of every rule page, in order (Ruff's rule documentation layout). */
export const DOC_HEADINGS = ['What it checks', 'Why it matters', 'Failing example', 'Fixed example', 'When not to use it', 'References'] as const

/** Display names of the tools a rule's equivalents are keyed by. */
export const TOOL_NAMES: Readonly<Record<EquivalentTool, string>> = {
  'serverless-rules': 'serverless-rules',
  'cdk-nag': 'cdk-nag',
  'cfn-lint': 'cfn-lint',
  checkov: 'Checkov',
  cfn_nag: 'cfn_nag',
  'security-hub': 'Security Hub / AWS Config',
}

/** Tools whose inline suppressions sls-eda honours, and where they are written. */
const SUPPRESSION_SYNTAX: ReadonlyArray<[EquivalentTool, string]> = [
  ['cfn-lint', 'cfn-lint `ignore_checks`'],
  ['cdk-nag', 'cdk-nag `rules_to_suppress`'],
  ['checkov', 'Checkov `skip`'],
  ['cfn_nag', 'cfn_nag `rules_to_suppress`'],
]

/** Rules the engine reports itself (SLS…): they cannot be configured or suppressed like the others. */
function isEngineRule(meta: RuleMeta): boolean {
  return meta.id.startsWith('SLS')
}

function codeBlock(text: string, language = 'yaml'): string {
  // A fence longer than any backtick run inside keeps examples that contain fences intact.
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length))
  const fence = '`'.repeat(longest + 1)
  return `${fence}${language}\n${text.replace(/\n+$/, '')}\n${fence}`
}

function equivalentsTable(meta: RuleMeta): string | undefined {
  const rows = Object.entries(meta.equivalents)
    .filter(([, ids]) => ids && ids.length > 0)
    .map(([tool, ids]) => `| ${TOOL_NAMES[tool as EquivalentTool] ?? tool} | ${ids!.map((id) => `\`${id}\``).join(', ')} |`)
  if (rows.length === 0) return undefined
  return ['| Tool | Equivalent checks |', '|---|---|', ...rows].join('\n')
}

/**
 * The Markdown page of a rule. Deterministic (no dates, no paths) so a test can tell a stale
 * page from a fresh one by comparing text.
 */
export function renderRuleMarkdown(meta: RuleMeta): string {
  const {docs} = meta
  const facts = [
    `| Severity | ${meta.severity} |`,
    `| Service | ${meta.service} |`,
    `| Applies to | ${meta.sources.join(', ')} |`,
    `| Status | ${meta.status} |`,
    `| Preset | ${meta.recommended ? 'recommended, strict' : 'strict'} |`,
  ]
  if (meta.practices.length > 0) facts.push(`| Practices | ${meta.practices.join(', ')} |`)
  if (meta.fixable) facts.push(`| Fix | ${meta.fixable === 'safe' ? 'safe: `lint --fix` applies it' : 'unsafe: `lint --fix --unsafe-fixes` applies it'} |`)
  const sections: string[] = [
    `# ${meta.id} ${meta.name}`,
    '<!-- Generated from the rule metadata by `npm run docs`; edit the rule, not this page. -->',
    `**${meta.title}**`,
    ['| | |', '|---|---|', ...facts].join('\n'),
    `## What it checks\n\n${docs.what}${docs.limitations ? `\n\n**Limitations:** ${docs.limitations}` : ''}`,
    `## Why it matters\n\n${docs.why}`,
    `## Failing example\n\n${codeBlock(docs.failing)}`,
    `## Fixed example\n\n${codeBlock(docs.fixed)}${fixNote(meta)}`,
    `## When not to use it\n\n${docs.whenNotToUse}${isEngineRule(meta) ? '' : `\n\nTo turn it off, set \`${meta.name}: off\` under \`rules:\` in \`.sls-eda.yml\`; to silence one resource, add to its \`Metadata\`:\n\n${codeBlock(`sls-eda:\n  suppress:\n    - rule: ${meta.id}\n      reason: <why this finding does not apply here>`)}`}`,
    `## References\n\n${docs.references.map((reference) => `- <${reference}>`).join('\n')}`,
  ]
  const equivalents = equivalentsTable(meta)
  const honoured = SUPPRESSION_SYNTAX.filter(([tool]) => (meta.equivalents[tool] ?? []).length > 0).map(([, syntax]) => syntax)
  const note = honoured.length > 0 ? `\n\nSuppressions of these checks written for other tools (${honoured.join(', ')}) also silence this rule.` : ''
  sections.push(`## Equivalents\n\n${equivalents ?? 'No equivalent check in other tools.'}${note}`)
  if (meta.practices.length > 0) sections.push(`## Practices\n\n${meta.practices.map((practice) => `- \`${practice}\``).join('\n')}`)
  return sections.join('\n\n') + '\n'
}

/** What `lint --fix` does for this rule: safe or unsafe (and why), and the CDK construct property. */
function fixNote(meta: RuleMeta): string {
  if (!meta.fixable) return ''
  const how =
    meta.fixable === 'safe'
      ? '`sls-eda lint --fix` makes this change in the template as written (comments and layout kept). The fix is **safe**: it does not change behaviour a user relies on.'
      : `\`sls-eda lint --fix --unsafe-fixes\` makes this change in the template as written (comments and layout kept). The fix is **unsafe**, so plain \`--fix\` leaves it out: ${meta.fixUnsafeReason ?? 'it changes behaviour.'}`
  const cdk = meta.cdkFix ? ` In a CDK app, set \`${meta.cdkFix}\` on the construct instead (a synthesized template is never fixed).` : ''
  return `\n\n${how}${cdk}`
}

/** A plain-text version of the page, for SARIF `help.text` and terminals. */
export function renderRuleText(meta: RuleMeta): string {
  const {docs} = meta
  const lines = [
    `${meta.id} ${meta.name}: ${meta.title}`,
    `Severity ${meta.severity}, service ${meta.service}, applies to ${meta.sources.join(' and ')}${meta.practices.length > 0 ? `, practices ${meta.practices.join(', ')}` : ''}.`,
    '',
    `What it checks: ${docs.what}`,
  ]
  if (docs.limitations) lines.push(`Limitations: ${docs.limitations}`)
  lines.push('', `Why it matters: ${docs.why}`, '', 'Failing example:', indent(docs.failing), '', 'Fixed example:', indent(docs.fixed), '', `When not to use it: ${docs.whenNotToUse}`, '', 'References:')
  lines.push(...docs.references.map((reference) => `  ${reference}`))
  return lines.join('\n') + '\n'
}

function indent(text: string): string {
  return text
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n')
}

/** Inline Markdown for a terminal: `code` and **bold** styled (or left as written without colour), <links> bare. */
function inline(text: string): string {
  return text
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, (_, bold: string) => chalk.bold(bold))
    .replace(/`([^`]+)`/g, (whole, code: string) => (chalk.level > 0 ? chalk.cyan(code) : whole))
}

/**
 * A rule's page for a terminal (`sls-eda rules show`): the same sections as the Markdown page, without
 * Markdown or HTML comments, practices spelt out with their titles, paragraphs wrapped to `width`.
 */
export function renderRuleTerminal(meta: RuleMeta, options: {docsUrl: string; installedPage?: string; width?: number}): string {
  const {docs} = meta
  const width = options.width && options.width >= 40 ? Math.min(options.width, 120) : undefined
  const paragraph = (text: string): string => {
    const styled = inline(text)
    return (width ? wrapAnsi(styled, width - 2, {hard: false, trim: true}) : styled)
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n')
  }
  const example = (text: string): string =>
    text
      .replace(/\n+$/, '')
      .split('\n')
      .map((line) => `    ${line}`)
      .join('\n')
  const heading = (text: string): string => chalk.bold(text)
  const facts = [
    `severity ${meta.severity}`,
    `service ${meta.service}`,
    `applies to ${meta.sources.join(' and ')}`,
    `status ${meta.status}`,
    `preset ${meta.recommended ? 'recommended and strict' : 'strict only'}`,
  ]
  const sections = [
    `${chalk.bold(`${meta.id} ${meta.name}`)}: ${meta.title}`,
    chalk.dim(facts.join(' · ')),
    `${heading('What it checks')}\n${paragraph(docs.what)}${docs.limitations ? `\n\n${paragraph(`**Limitations:** ${docs.limitations}`)}` : ''}`,
    `${heading('Why it matters')}\n${paragraph(docs.why)}`,
    `${heading('Failing example')}\n${example(docs.failing)}`,
    `${heading('Fixed example')}\n${example(docs.fixed)}`,
    `${heading('When not to use it')}\n${paragraph(docs.whenNotToUse)}${isEngineRule(meta) ? '' : `\n\n${paragraph(`To turn it off, set \`${meta.name}: off\` under \`rules:\` in \`.sls-eda.yml\`; to silence one resource, add to its \`Metadata\`:`)}\n${example(`sls-eda:\n  suppress:\n    - rule: ${meta.id}\n      reason: <why this finding does not apply here>`)}`}`,
  ]
  const equivalents = Object.entries(meta.equivalents).filter(([, ids]) => ids && ids.length > 0)
  sections.push(
    `${heading('Equivalents')}\n${equivalents.length > 0 ? equivalents.map(([tool, ids]) => `  ${TOOL_NAMES[tool as EquivalentTool] ?? tool}: ${ids!.join(', ')}`).join('\n') : '  No equivalent check in other tools.'}`,
  )
  if (meta.practices.length > 0) sections.push(`${heading('Practices')}\n${meta.practices.map((practice) => `  ${practiceTitle(practice)}`).join('\n')}`)
  sections.push(`${heading('References')}\n${docs.references.map((reference) => `  ${reference}`).join('\n')}`)
  sections.push(`${heading('Docs')}\n  ${options.docsUrl}${options.installedPage ? `\n  ${options.installedPage} (installed with sls-eda)` : ''}`)
  return sections.join('\n\n') + '\n'
}

/** The catalogue entry of a rule as `sls-eda rules --json` prints it. */
export function catalogueEntry(meta: RuleMeta, docsUrl: string): Record<string, unknown> {
  return {
    id: meta.id,
    name: meta.name,
    title: meta.title,
    severity: meta.severity,
    service: meta.service,
    sources: meta.sources,
    status: meta.status,
    recommended: meta.recommended,
    practices: meta.practices,
    equivalents: meta.equivalents,
    fixable: meta.fixable ?? null,
    docsUrl,
  }
}

/** docs/rules/README.md: every rule in one table, grouped by service. */
export function renderRuleIndex(metas: readonly RuleMeta[]): string {
  const lines = [
    '# Rules',
    '',
    '<!-- Generated from the rule metadata by `npm run docs`; edit the rules, not this page. -->',
    '',
    'Every rule `sls-eda lint` and `sls-eda audit` run. **Preset** says whether the rule runs by default (`recommended`) or only with `--preset strict`; **Applies to** says whether it checks templates, live accounts, or both.',
    '',
    '**Severity** is a promise:',
    '',
    ...SEVERITIES.map((severity) => `- **${severity}**: ${SEVERITY_POLICY[severity]}`),
    '',
    "A rule's severity is the most its findings weigh: a finding that depends on which branch of an `Fn::If` is deployed, or on what the template cannot show (a queue whose consumer is elsewhere), is reported at a lower severity, and its page says so.",
    '',
  ]
  const services = [...new Set(metas.map((meta) => meta.service))].sort()
  for (const service of services) {
    lines.push(`## ${service}`, '', '| ID | Name | Title | Severity | Applies to | Preset |', '|---|---|---|---|---|---|')
    for (const meta of metas.filter((candidate) => candidate.service === service)) {
      lines.push(`| [${meta.id}](${meta.id}.md) | \`${meta.name}\` | ${meta.title.replace(/\|/g, '\\|')} | ${meta.severity} | ${meta.sources.join(', ')} | ${meta.recommended ? 'recommended' : 'strict'} |`)
    }
    lines.push('')
  }
  return lines.join('\n')
}
