// `sls-eda audit merge`: one report from the state folders of an organisation audit's shards.
import {Args, Command, Flags} from '@oclif/core'

import type {OrgFormat} from '../../audit/org/report.js'
import {RUN_FLAGS} from '../../lib/run-flags.js'
import {runForCommand} from '../../lib/run-outcome.js'
import type {Severity} from '../../rules/types.js'

export default class AuditMerge extends Command {
  static override summary = 'Combine the state folders of organisation-audit shards into one report.'

  static override description = `Each shard (\`sls-eda audit --org --shard i/N --state-dir DIR\`) leaves a state folder; merge reads them all and writes one report, as if one run had read every account. An account found in several folders counts once.
Exit codes: 0 nothing failed, 1 findings at or above --fail-level, 2 a folder is not a state folder, 3 some account or region could not be read.`

  static override examples = [
    {command: '<%= config.bin %> audit merge shard-1 shard-2 shard-3 shard-4 -f sarif -o org.sarif', description: 'One SARIF file for code scanning.'},
    {command: '<%= config.bin %> audit merge shard-* -f html -o org.html', description: 'An HTML summary: one row per account.'},
  ]

  static override strict = false
  static override enableJsonFlag = true

  static override args = {dirs: Args.string({description: 'State folders written with --state-dir.', required: true})}

  static override flags = {
    format: Flags.string({char: 'f', summary: 'Output format.', options: ['stylish', 'json', 'sarif', 'html'], default: 'stylish'}),
    output: RUN_FLAGS.output,
    'fail-level': RUN_FLAGS['fail-level'],
  }

  public async run(): Promise<unknown> {
    const {argv, flags} = await this.parse(AuditMerge)
    const {runOrgMerge} = await import('../../audit/org/run.js')
    const options = {format: flags.format as OrgFormat, output: flags.output, failLevel: flags['fail-level'] as Severity, json: this.jsonEnabled()}
    return runForCommand(this, () => runOrgMerge(argv as string[], options, {cwd: process.cwd(), version: this.config.version}))
  }
}
