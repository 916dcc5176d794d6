// `sls-eda rules show <id|name>`: a rule's documentation, as on its docs page.
import {existsSync} from 'node:fs'
import path from 'node:path'

import {Args, Command} from '@oclif/core'

import {applyColor, terminalWidth} from '../../lib/color.js'
import {EXIT} from '../../lib/exit-codes.js'
import {COLOR_FLAG} from '../../lib/run-flags.js'

export default class RulesShow extends Command {
  static override summary = "Show a rule's documentation: what it checks, why, examples, when not to use it and references."

  static override examples = [
    {command: '<%= config.bin %> rules show SQS001', description: 'By id.'},
    {command: '<%= config.bin %> rules show sqs-queue-without-dlq', description: 'By name.'},
  ]

  static override args = {
    rule: Args.string({description: 'Rule id (SQS001) or name (sqs-queue-without-dlq).', required: true}),
  }

  static override enableJsonFlag = true

  static override flags = {
    color: COLOR_FLAG,
  }

  public async run(): Promise<unknown> {
    const {args, flags} = await this.parse(RulesShow)
    const {findRule, unknownRuleText} = await import('../../rules/index.js')
    const rule = findRule(args.rule)
    if (!rule) this.error(`${unknownRuleText(args.rule)}; run \`sls-eda rules\` to list them`, {exit: EXIT.usage})
    const {DOCS_DIR, docsUrl} = await import('../../engine/finding.js')
    const {catalogueEntry, renderRuleTerminal} = await import('../../lib/rule-docs.js')
    if (this.jsonEnabled()) return {...catalogueEntry(rule.meta, docsUrl(rule.meta.id)), messages: rule.meta.messages, options: rule.meta.options ?? {}, docs: rule.meta.docs}
    applyColor(flags.color)
    const page = path.join(DOCS_DIR, `${rule.meta.id}.md`)
    this.log(renderRuleTerminal(rule.meta, {docsUrl: docsUrl(rule.meta.id), installedPage: existsSync(page) ? page : undefined, width: terminalWidth()}).trimEnd())
    return undefined
  }
}
