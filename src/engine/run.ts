// Runs active rules over one resource graph: collects findings, applies suppressions, and turns a crashing rule into a finding.
import type {ResourceGraph} from '../model/graph.js'
import {isModuleType} from '../model/packaged-artifacts.js'
import type {GraphNode, SourceLocation} from '../model/types.js'
import {ENGINE_RULES} from '../rules/engine-rules.js'
import {lowerSeverity, type Report, type RuleMeta, type Severity} from '../rules/types.js'
import type {Fixer} from '../fix/fixer.js'
import type {ActiveRule} from './config.js'
import {docsUrl, type Finding, type FindingResource, formatMessage} from './finding.js'
import {type Suppression, suppressionMatches, suppressionsOf} from './suppress.js'

export interface RunOptions {
  now?: Date
  /**
   * False on an application graph of several templates: what is said about each template as a whole (loops and modules
   * left unexpanded) is said when its own graph is checked.
   */
  templateFindings?: boolean
  /** The file as written, for rules' fixes; without it findings carry no edits. */
  fixer?: Fixer
  /** The graph is a synthesized CDK template: fixes are shown as construct properties, never as edits. */
  cdk?: boolean
}

/** The fix of one report, as edits located in the file (or, for CDK, the construct property to set). */
function attachFix(finding: Finding, meta: RuleMeta, report: Report, options: RunOptions): void {
  if (!meta.fixable || !report.autofix) return
  if (options.cdk) {
    const construct = report.cdkFix ?? meta.cdkFix
    if (construct) finding.constructFix = construct
    return
  }
  const fixer = options.fixer
  if (!fixer) {
    // Building edits means parsing the file again and writing YAML for each fix: only reports that carry edits pay for it.
    finding.fixable = meta.fixable
    return
  }
  let proposal
  try {
    proposal = report.autofix(fixer)
  } catch {
    // A fix that cannot be built leaves the finding as it is; the finding itself is still right.
    return
  }
  if (!proposal || proposal.edits.length === 0) return
  const unsafe = proposal.unsafe ?? (meta.fixable === 'unsafe' ? meta.fixUnsafeReason : undefined)
  finding.autofix = {
    applicability: proposal.unsafe ? 'unsafe' : meta.fixable,
    description: proposal.description,
    ...(unsafe ? {reason: unsafe} : {}),
    edits: proposal.edits.map((edit) => {
      const start = fixer.source.position(edit.start)
      const end = fixer.source.position(edit.end)
      return {...edit, line: start.line, column: start.column, endLine: end.line, endColumn: end.column}
    }),
  }
}

export function resourceOf(node: GraphNode): FindingResource {
  return {
    id: node.id,
    type: node.type,
    logicalId: node.origin.logicalId,
    declaredType: node.origin.declaredType !== node.type ? node.origin.declaredType : undefined,
    arn: node.origin.arn,
    region: node.origin.region,
    stack: node.origin.stack,
    cdkPath: node.origin.cdkPath,
  }
}

/** What a report is about and where it points: its node, or (template-wide checks) an absolute path in the template. */
function subjectOf(report: Report, graph: ResourceGraph): Pick<Finding, 'resource' | 'location'> {
  if (report.node) {
    return {resource: resourceOf(report.node), location: report.node.locate(report.path ?? [], report.scope) ?? report.node.locate([])}
  }
  const logicalId = report.at?.[0] === 'Resources' && typeof report.at[1] === 'string' ? report.at[1] : undefined
  const declared = logicalId ? (graph.context.template?.Resources as Record<string, {Type?: unknown}> | undefined)?.[logicalId]?.Type : undefined
  return {
    resource: logicalId ? {id: logicalId, logicalId, type: typeof declared === 'string' ? declared : 'unknown'} : undefined,
    location: graph.context.locate?.(report.at ?? []),
  }
}

/** Builds a finding for a rule's report. */
export function toFinding(meta: RuleMeta, severity: Severity, report: Report, graph: ResourceGraph): Finding {
  const template = meta.messages[report.messageId]
  const data = report.data ?? {}
  return {
    ruleId: meta.id,
    ruleName: meta.name,
    severity: report.maxSeverity ? lowerSeverity(severity, report.maxSeverity) : severity,
    messageId: report.messageId,
    data,
    message: template ? formatMessage(template, data) : report.messageId,
    source: graph.context.source,
    ...subjectOf(report, graph),
    fix: report.fix,
    docsUrl: docsUrl(meta.id),
  }
}

/** Runs every active rule; one rule that throws becomes an internal-error finding and the others still run. */
export function runRules(graph: ResourceGraph, rules: readonly ActiveRule[], options: RunOptions = {}): Finding[] {
  const now = options.now ?? new Date()
  const findings: Finding[] = []
  // Used suppressions, per metadata object (SAM-generated nodes share their parent's) and entry.
  const used = new WeakMap<object, Set<string>>()
  const markUsed = (s: Suppression): void => {
    let set = used.get(s.owner)
    if (!set) used.set(s.owner, (set = new Set()))
    set.add(`${s.tool}:${s.index}`)
  }
  const wasUsed = (s: Suppression): boolean => used.get(s.owner)?.has(`${s.tool}:${s.index}`) ?? false
  const suppressionCache = new Map<GraphNode, Suppression[]>()
  const suppressions = (node: GraphNode): Suppression[] => {
    let list = suppressionCache.get(node)
    if (!list) suppressionCache.set(node, (list = suppressionsOf(node)))
    return list
  }
  for (const {rule, severity, options: ruleOptions} of rules) {
    const {meta} = rule
    const seen = new Set<string>()
    try {
      rule.check({
        graph,
        options: ruleOptions,
        now,
        report(report) {
          const finding = toFinding(meta, severity, report, graph)
          // One finding per rule, resource and place: SAM expansions can reach the same line twice.
          const key = `${finding.resource?.id}|${finding.location?.line}|${finding.location?.column}|${finding.message}`
          if (seen.has(key)) return
          seen.add(key)
          const matched = (report.node ? suppressions(report.node) : []).filter((s) => s.reason !== undefined && suppressionMatches(s, meta))
          if (matched.length > 0) {
            for (const suppression of matched) markUsed(suppression)
            return
          }
          attachFix(finding, meta, report, options)
          findings.push(finding)
        },
      })
    } catch (error) {
      findings.push(internalError(meta, error, graph.context.file))
    }
  }
  findings.push(...suppressionFindings(graph, rules, suppressions, wasUsed))
  if (options.templateFindings !== false) findings.push(...unexpandedFindings(graph))
  return findings
}

const SINGULAR = {resources: 'resource', outputs: 'output', conditions: 'condition', properties: 'property'} as const

/** One info finding per Fn::ForEach the expansion could not expand and per module, whatever rules ran: nothing inside them was checked. */
function unexpandedFindings(graph: ResourceGraph): Finding[] {
  const meta = ENGINE_RULES.notExpanded.meta
  const findings: Finding[] = (graph.context.unexpanded ?? []).map((loop) => {
    const data = {loop: loop.loop, reason: loop.reason, count: loop.perItem, what: loop.perItem === 1 ? SINGULAR[loop.what] : loop.what}
    return {
      ruleId: meta.id,
      ruleName: meta.name,
      severity: meta.severity,
      messageId: 'notExpanded',
      data,
      message: formatMessage(meta.messages.notExpanded!, data),
      source: graph.context.source,
      location: graph.context.locate?.(loop.at),
      docsUrl: docsUrl(meta.id),
    }
  })
  for (const node of graph.nodes) {
    if (node.source === 'template' && isModuleType(node.type)) findings.push(engineFinding(meta, 'module', {resource: node.id, type: node.type}, node, node.locate(['Type'], 'resource')))
  }
  return findings
}

function internalError(meta: RuleMeta, error: unknown, file: string | undefined): Finding {
  const engine = ENGINE_RULES.internalError.meta
  const detail = error instanceof Error ? error.message : String(error)
  return {
    ruleId: engine.id,
    ruleName: engine.name,
    severity: 'error',
    messageId: 'crashed',
    data: {rule: meta.id, error: detail},
    message: formatMessage(engine.messages.crashed!, {rule: meta.id, error: detail}),
    source: 'template',
    location: file ? {file, line: 1, column: 1, endLine: 1, endColumn: 1} : undefined,
    docsUrl: docsUrl(engine.id),
  }
}

/** Our own suppressions that have no reason, or that match no finding of a rule that ran. */
function suppressionFindings(graph: ResourceGraph, rules: readonly ActiveRule[], suppressions: (node: GraphNode) => Suppression[], wasUsed: (s: Suppression) => boolean): Finding[] {
  const findings: Finding[] = []
  const reported = new Set<string>()
  const ran = new Set(rules.flatMap(({rule}) => [rule.meta.id, rule.meta.name]))
  const unused = ENGINE_RULES.unusedSuppression.meta
  for (const node of graph.nodes) {
    for (const suppression of suppressions(node)) {
      if (suppression.tool !== 'sls-eda') continue
      // SAM-generated nodes share their parent's metadata: report each written suppression once.
      const key = `${suppression.path.join('/')}|${node.origin.logicalId}`
      if (reported.has(key)) continue
      const location: SourceLocation | undefined = node.locate(suppression.path, 'resource')
      if (suppression.reason === undefined) {
        reported.add(key)
        findings.push(engineFinding(unused, 'noReason', {rule: suppression.rule}, node, location))
        continue
      }
      if (!ran.has(suppression.rule)) continue
      if (!wasUsed(suppression)) {
        reported.add(key)
        findings.push(engineFinding(unused, 'unused', {rule: suppression.rule}, node, location))
      }
    }
  }
  return findings
}

function engineFinding(meta: RuleMeta, messageId: string, data: Record<string, string>, node: GraphNode, location: SourceLocation | undefined): Finding {
  return {
    ruleId: meta.id,
    ruleName: meta.name,
    severity: meta.severity,
    messageId,
    data,
    message: formatMessage(meta.messages[messageId]!, data),
    source: node.source,
    resource: resourceOf(node),
    location: location ?? node.locate([]),
    docsUrl: docsUrl(meta.id),
  }
}
