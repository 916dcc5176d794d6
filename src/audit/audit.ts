// Runs the live catalogue over an inventory: graph, rules, then what only an audit does (coverage, stacks, baseline, secrets, console links).
import {type Config, resolveRules} from '../engine/config.js'
import type {Finding} from '../engine/finding.js'
import {runRules} from '../engine/run.js'
import type {GraphNode} from '../model/types.js'
import type {ReportFile} from '../report/types.js'
import type {Rule, RuleMeta} from '../rules/types.js'
import {fingerprint} from './baseline.js'
import {consoleUrl} from './console-url.js'
import {liveFix} from './live-fix.js'
import {buildLiveGraph, type Inventory} from './inventory.js'
import {scrub, secretValues} from './secrets.js'

export interface AuditRunOptions {
  config: Config
  catalogue: readonly Rule[]
  /** Report only resources these stacks (or stacks nested in them) own. */
  stacks?: readonly string[]
  /** Fingerprints of findings to hide. */
  baseline?: ReadonlySet<string>
  now?: Date
}

export interface AuditOutcome {
  /** One report file per region (and `global` for IAM), findings already filtered. */
  files: ReportFile[]
  rules: RuleMeta[]
  unknownRules: string[]
  /** Every finding before the baseline was applied, for writing a new baseline. */
  allFindings: Finding[]
  /** How many findings the baseline hid. */
  hidden: number
  nodes: number
}

/** Rules that read the suppressions of a template; live resources have no such metadata to judge. */
const TEMPLATE_ONLY_ENGINE_RULES = new Set(['SLS003'])

const SERVICE_OF_RULE: Partial<Record<RuleMeta['service'], string>> = {
  lambda: 'lambda',
  sqs: 'sqs',
  sns: 'sns',
  eventbridge: 'eventbridge',
  stepfunctions: 'sfn',
  apigateway: 'apigateway',
  cloudwatch: 'cloudwatch',
  iam: 'iam',
}

export function auditInventory(inventory: Inventory, options: AuditRunOptions): AuditOutcome {
  const live = options.catalogue.filter((rule) => rule.meta.sources.includes('live'))
  const {active, unknown} = resolveRules(live, options.config)
  const graph = buildLiveGraph(inventory)
  const byId = new Map(inventory.nodes.map((node) => [node.id, node]))
  const secrets = secretValues(graph.ofKind('function').map((fn) => fn.props))
  const metaById = new Map(active.map(({rule}) => [rule.meta.id, rule.meta]))

  // Which services were left unchecked where: their absence must not turn into findings elsewhere.
  const unchecked = new Set(inventory.notChecked.filter((entry) => entry.resources === undefined).map((entry) => `${entry.region}|${entry.service}`))
  const uncheckedIn = (region: string | undefined, service: string): boolean => unchecked.has(`${region}|${service}`)

  const stacks = options.stacks && options.stacks.length > 0 ? new Set(options.stacks) : undefined
  const raw = runRules(graph, active, {now: options.now})
  const findings: Finding[] = []
  for (const finding of raw) {
    if (TEMPLATE_ONLY_ENGINE_RULES.has(finding.ruleId)) continue
    const node = finding.resource ? byId.get(finding.resource.id) : undefined
    const meta = metaById.get(finding.ruleId)
    if (node?.incomplete) continue
    const region = finding.resource?.region
    if (meta && region) {
      // A rule's findings assert an absence: not where its own service, or a service it reads, could not be read.
      const needed = [meta.service, ...(meta.reads ?? [])].map((service) => SERVICE_OF_RULE[service])
      if (needed.some((service) => service && service !== 'iam' && uncheckedIn(region, service))) continue
    }
    if (stacks && !(node && (stacks.has(node.origin.stack ?? '') || stacks.has(node.rootStack ?? '')))) continue
    findings.push(present(finding, graph.get(finding.resource?.id ?? ''), secrets))
  }
  const shown = options.baseline ? findings.filter((finding) => !options.baseline!.has(fingerprint(finding))) : findings

  const regions = [...inventory.regions]
  if (inventory.nodes.some((node) => node.origin.region === 'global') || inventory.notChecked.some((entry) => entry.region === 'global')) regions.push('global')
  const files: ReportFile[] = regions.map((region) => ({file: region, findings: [] as Finding[], unusable: false}))
  const fileOf = new Map(files.map((file) => [file.file, file]))
  for (const finding of shown) {
    const file = fileOf.get(finding.resource?.region ?? '') ?? files[0]!
    file.findings.push(finding)
  }
  for (const file of files) file.findings.sort(compareFindings)
  return {
    files,
    rules: active.map(({rule}) => rule.meta),
    unknownRules: unknown,
    allFindings: findings,
    hidden: findings.length - shown.length,
    nodes: inventory.nodes.length,
  }
}

/** What a live finding shows: no secret value anywhere in it, and a console link. */
function present(finding: Finding, node: GraphNode | undefined, secrets: readonly string[]): Finding {
  const data: Record<string, string | number> = {}
  for (const [key, value] of Object.entries(finding.data)) data[key] = typeof value === 'string' ? scrub(value, secrets) : value
  const templateFix = finding.fix === undefined ? undefined : scrub(finding.fix, secrets)
  // A live resource is fixed in the stack that owns it, or with the CLI: not with a template edit naming its physical id.
  const fix = node ? liveFix(finding.ruleId, node, templateFix) : templateFix
  const result: Finding = {...finding, data, message: scrub(finding.message, secrets), fix}
  const url = node ? consoleUrl(node) : undefined
  if (url) result.consoleUrl = url
  return result
}

/** A total order, so that the same account gives the same report whatever order its resources were read in. */
function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.resource?.stack ?? '').localeCompare(b.resource?.stack ?? '') ||
    (a.resource?.id ?? '').localeCompare(b.resource?.id ?? '') ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.messageId.localeCompare(b.messageId) ||
    a.message.localeCompare(b.message)
  )
}
