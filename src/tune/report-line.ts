// Reads the measurements of one invocation from the tail of its log: the text `REPORT` line or the JSON `platform.report` record.

export interface InvocationReport {
  durationMs: number
  billedDurationMs: number
  memorySizeMb?: number
  maxMemoryUsedMb?: number
  /** Present on cold starts. */
  initDurationMs?: number
  /** `timeout` or `error` when the platform reports one (JSON format, or `Status:` in text). */
  status?: string
  errorType?: string
}

const TEXT_FIELDS: Record<string, keyof InvocationReport> = {
  Duration: 'durationMs',
  'Billed Duration': 'billedDurationMs',
  'Memory Size': 'memorySizeMb',
  'Max Memory Used': 'maxMemoryUsedMb',
  'Init Duration': 'initDurationMs',
}

/** Parses a base64 `LogResult` (the last 4 KB of the invocation's log). Undefined when no report is in it. */
export function parseLogTail(logTail: string): InvocationReport | undefined {
  const lines = logTail.split('\n').reverse()
  for (const line of lines) {
    const trimmed = line.trim()
    if (trimmed.startsWith('REPORT ')) return parseTextReport(trimmed)
    if (trimmed.startsWith('{') && trimmed.includes('platform.report')) {
      const parsed = parseJsonReport(trimmed)
      if (parsed) return parsed
    }
  }
  return undefined
}

function parseTextReport(line: string): InvocationReport | undefined {
  const report: Partial<InvocationReport> = {}
  for (const part of line.slice('REPORT '.length).split('\t')) {
    const colon = part.indexOf(':')
    if (colon < 0) continue
    const key = part.slice(0, colon).trim()
    const value = part.slice(colon + 1).trim()
    const field = TEXT_FIELDS[key]
    if (field) (report as Record<string, number>)[field] = Number.parseFloat(value)
    else if (key === 'Status') report.status = value
    else if (key === 'Error Type') report.errorType = value
  }
  if (report.durationMs === undefined || report.billedDurationMs === undefined) return undefined
  return report as InvocationReport
}

function parseJsonReport(line: string): InvocationReport | undefined {
  let record: unknown
  try {
    record = JSON.parse(line)
  } catch {
    return undefined
  }
  const body = (record as {type?: string; record?: {metrics?: Record<string, number>; status?: string; errorType?: string}}) ?? {}
  if (body.type !== 'platform.report' || !body.record?.metrics) return undefined
  const metrics = body.record.metrics
  if (typeof metrics.durationMs !== 'number' || typeof metrics.billedDurationMs !== 'number') return undefined
  return {
    durationMs: metrics.durationMs,
    billedDurationMs: metrics.billedDurationMs,
    memorySizeMb: metrics.memorySizeMB,
    maxMemoryUsedMb: metrics.maxMemoryUsedMB,
    initDurationMs: metrics.initDurationMs,
    status: body.record.status,
    errorType: body.record.errorType,
  }
}
