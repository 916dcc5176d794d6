// Progress of an organisation audit: accounts done, running and failed, and an estimate of the time left.
export interface OrgProgress {
  started(accountId: string): void
  finished(accountId: string, status: 'done' | 'failed' | 'skipped'): void
  close(): void
}

export const SILENT_ORG_PROGRESS: OrgProgress = {started() {}, finished() {}, close() {}}

function minutes(ms: number): string {
  if (ms < 60_000) return `${Math.max(1, Math.round(ms / 1000))} s`
  return `${Math.round(ms / 60_000)} min`
}

/**
 * On a terminal, one line rewritten every second; elsewhere (CI logs), one line per finished account.
 * The estimate divides the time so far by the accounts finished in this run (accounts skipped on resume
 * cost nothing and are left out).
 */
export function orgProgress(total: number, stream: NodeJS.WriteStream = process.stderr): OrgProgress {
  const begun = performance.now()
  const running = new Set<string>()
  let done = 0
  let failed = 0
  let skipped = 0
  const line = (): string => {
    const finished = done + failed
    const left = total - finished - skipped
    const elapsed = performance.now() - begun
    const eta = finished > 0 && left > 0 ? `, about ${minutes((elapsed / finished) * left)} left` : ''
    return `sls-eda: accounts ${done + skipped + failed}/${total}: ${done + skipped} done${skipped ? ` (${skipped} from the state folder)` : ''}, ${running.size} running, ${failed} failed${eta}`
  }
  const tty = stream.isTTY === true
  const timer = tty ? setInterval(() => stream.write(`\r${line()}\u001B[K`), 1000) : undefined
  timer?.unref()
  return {
    started(accountId) {
      running.add(accountId)
    },
    finished(accountId, status) {
      running.delete(accountId)
      if (status === 'done') done++
      else if (status === 'failed') failed++
      else skipped++
      if (!tty && status !== 'skipped') stream.write(`${line()} (${accountId} ${status})\n`)
    },
    close() {
      if (timer) {
        clearInterval(timer)
        stream.write(`\r${line()}\u001B[K\n`)
      }
    },
  }
}
