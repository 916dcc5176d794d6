// `sls-eda rules`: lists the rule catalogue, filtered by service, severity or source; `--json` prints it for other tools.
import {Command, Flags} from '@oclif/core'

import {SERVICES, SEVERITIES} from '../rules/types.js'

export default class Rules extends Command {
  static override summary = 'List the rules lint and audit check, with their severity, service and default preset.'

  static override description = `Every rule has a stable id (SQS001) and a name (sqs-queue-without-dlq); either works in .sls-eda.yml, --rule and suppressions.
Rules marked "strict" run only with --preset strict or when turned on in .sls-eda.yml. See \`sls-eda rules show <id>\` for a rule's documentation.`

  static override examples = [
    {command: '<%= config.bin %> rules', description: 'Every rule.'},
    {command: '<%= config.bin %> rules --service sqs --severity error', description: 'SQS rules that fail the run by default.'},
    {command: '<%= config.bin %> rules --source live', description: 'Rules that `sls-eda audit` applies to live accounts.'},
    {command: '<%= config.bin %> rules --json', description: 'The catalogue as JSON: ids, names, severities, sources and equivalents in other tools.'},
  ]

  static override enableJsonFlag = true

  static override flags = {
    service: Flags.string({summary: 'Only rules of this service.', options: [...SERVICES]}),
    severity: Flags.string({summary: 'Only rules with this default severity.', options: [...SEVERITIES]}),
    source: Flags.string({summary: 'Only rules that apply to templates or to live accounts.', options: ['template', 'live']}),
  }

  public async run(): Promise<unknown> {
    const {flags} = await this.parse(Rules)
    const {CATALOGUE} = await import('../rules/index.js')
    const {docsUrl} = await import('../engine/finding.js')
    const {catalogueEntry} = await import('../lib/rule-docs.js')
    const rules = CATALOGUE.map((rule) => rule.meta).filter(
      (meta) =>
        meta.status !== 'removed' &&
        (!flags.service || meta.service === flags.service) &&
        (!flags.severity || meta.severity === flags.severity) &&
        (!flags.source || meta.sources.includes(flags.source as 'template' | 'live')),
    )
    if (this.jsonEnabled()) return rules.map((meta) => catalogueEntry(meta, docsUrl(meta.id)))
    if (rules.length === 0) {
      this.log('No rule matches these filters.')
      return undefined
    }
    const rows = rules.map((meta) => [meta.id, meta.name, meta.severity, meta.service, meta.sources.join('+'), meta.recommended ? 'recommended' : 'strict', meta.title])
    const header = ['ID', 'NAME', 'SEVERITY', 'SERVICE', 'SOURCES', 'PRESET', 'TITLE']
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)))
    const line = (cells: string[]) =>
      cells
        .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
        .join('  ')
        .trimEnd()
    this.log(line(header))
    for (const row of rows) this.log(line(row))
    this.log(`\n${rules.length} rule${rules.length === 1 ? '' : 's'}; \`sls-eda rules show <id>\` explains one.`)
    return undefined
  }
}
