// `sls-eda transform`: prints the CloudFormation that lint checks for a template (SAM and AWS::LanguageExtensions expanded).
import {Args, Command, Flags} from '@oclif/core'

import {EXIT, UsageError} from '../lib/exit-codes.js'
import {TRANSFORM_FORMATS, type TransformFormat} from '../transform/formats.js'

export default class Transform extends Command {
  static override summary = 'Print the CloudFormation that lint checks for a template: SAM and AWS::LanguageExtensions expanded.'

  static override description = `Expands a SAM or CloudFormation template the way lint does before its rules run (Fn::ForEach loops and the other AWS::LanguageExtensions functions, then the SAM transform) and prints the result, so what you see is what the rules see.
Parameter values given with --parameter-overrides replace the template's defaults where the expansion needs a value: Fn::ForEach collections, Fn::FindInMap keys, Fn::Length, DeletionPolicy and UpdateReplacePolicy. A loop whose collection cannot be known before deployment is printed as written, with a warning.
Exit codes: 0 printed, 2 unusable input (unreadable, unparseable or not a template; malformed --parameter-overrides).`

  static override examples = [
    {command: '<%= config.bin %> transform template.yaml', description: 'Print the expanded template as YAML.'},
    {command: '<%= config.bin %> transform template.yaml --format json --output expanded.json', description: 'Write it as JSON to a file.'},
    {command: "<%= config.bin %> transform template.yaml --parameter-overrides 'Stage=prod QueueNames=orders,invoices'", description: 'Expand with parameter values, as SAM CLI takes them.'},
    {command: '<%= config.bin %> transform cdk.out --graph', description: 'Print the resource graph of each linked application (nodes and typed edges) as JSON.'},
  ]

  static override args = {
    template: Args.string({description: 'The SAM or CloudFormation template file to expand (with --graph: also a folder or a CDK cloud assembly).', required: true}),
  }

  static override flags = {
    format: Flags.string({char: 'f', summary: 'Output format.', options: [...TRANSFORM_FORMATS], default: 'yaml'}),
    output: Flags.string({char: 'o', summary: 'Write the expanded template to this file instead of standard output.'}),
    // Greedy, as SAM CLI's option: `--parameter-overrides A=1 B=2` takes both pairs (so the template comes first).
    'parameter-overrides': Flags.string({
      summary: 'Parameter values as Key=Value pairs (or ParameterKey=Key,ParameterValue=Value), in one quoted value or several; give the template before this flag.',
      multiple: true,
    }),
    graph: Flags.boolean({
      summary: 'Print the resource graph the rules read, as JSON: for each application (templates linked by exports, SSM parameters, nested stacks), its stacks, nodes and typed edges.',
      default: false,
      exclusive: ['parameter-overrides'],
    }),
  }

  public async run(): Promise<void> {
    const {args, flags} = await this.parse(Transform)
    if (flags.graph) return this.printGraph(args.template, flags.output)
    const {renderTemplate, transformTemplate, TransformInputError} = await import('../transform/transform.js')
    const {writeOutput} = await import('../report/output.js')
    const cwd = process.cwd()
    let result
    try {
      result = transformTemplate(args.template, {parameterOverrides: flags['parameter-overrides'], cwd})
    } catch (error) {
      if (error instanceof TransformInputError) this.error(error.message, {exit: EXIT.usage})
      throw error
    }
    for (const warning of result.warnings) this.warn(warning)
    const text = renderTemplate(result.template, flags.format as TransformFormat)
    if (!flags.output) {
      process.stdout.write(text)
      return
    }
    try {
      writeOutput(flags.output, text, cwd)
    } catch (error) {
      if (error instanceof UsageError) this.error(error.message, {exit: EXIT.usage})
      throw error
    }
    this.logToStderr(`sls-eda: expanded template written to ${flags.output}`)
  }

  private async printGraph(given: string, output: string | undefined): Promise<void> {
    const {applicationGraphs} = await import('../transform/graph.js')
    const {TransformInputError} = await import('../transform/transform.js')
    const {writeOutput} = await import('../report/output.js')
    const cwd = process.cwd()
    let result
    try {
      result = applicationGraphs(given, cwd)
    } catch (error) {
      if (error instanceof TransformInputError) this.error(error.message, {exit: EXIT.usage})
      throw error
    }
    for (const warning of result.warnings) this.warn(warning)
    const text = `${JSON.stringify({applications: result.applications}, null, 2)}\n`
    if (!output) {
      process.stdout.write(text)
      return
    }
    try {
      writeOutput(output, text, cwd)
    } catch (error) {
      if (error instanceof UsageError) this.error(error.message, {exit: EXIT.usage})
      throw error
    }
    this.logToStderr(`sls-eda: resource graph written to ${output}`)
  }
}
