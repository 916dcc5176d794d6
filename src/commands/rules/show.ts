// `sls-eda rules show <id|name>`: a rule's documentation, as on its docs page.
import {Args, Command} from '@oclif/core'

import {EXIT} from '../../lib/exit-codes.js'

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

  public async run(): Promise<unknown> {
    const {args} = await this.parse(RulesShow)
    const {findRule} = await import('../../rules/index.js')
    const rule = findRule(args.rule)
    if (!rule) this.error(`unknown rule "${args.rule}"; run \`sls-eda rules\` to list them`, {exit: EXIT.usage})
    const {docsUrl} = await import('../../engine/finding.js')
    const {catalogueEntry, renderRuleMarkdown} = await import('../../lib/rule-docs.js')
    if (this.jsonEnabled()) return {...catalogueEntry(rule.meta, docsUrl(rule.meta.id)), messages: rule.meta.messages, options: rule.meta.options ?? {}, docs: rule.meta.docs}
    this.log(renderRuleMarkdown(rule.meta).trimEnd())
    return undefined
  }
}
