// The one-line progress of a tuning on standard error, redrawn in place when a person is watching; failures are always shown.
import type {TuneEvent} from './engine.js'

export interface TuneProgress {
  onEvent(event: TuneEvent): void
  /** Clears the progress line. */
  clear(): void
}

/** `live`: redraw a progress line (a terminal, no --json, not CI); otherwise only failed memory values are written. */
export function tuneProgress(live: boolean, stderr: NodeJS.WritableStream = process.stderr): TuneProgress {
  return {
    onEvent(event) {
      if (event.type === 'failed') stderr.write(`${live ? '\r\u001B[K' : ''}${event.memoryMb} MB failed: ${event.reason}\n`)
      if (!live) return
      if (event.type === 'configure') stderr.write(`\r\u001B[K${event.memoryMb} MB: configuring…`)
      if (event.type === 'invoked') stderr.write(`\r\u001B[K${event.memoryMb} MB: ${event.done}/${event.total} invocations`)
      if (event.type === 'restoring') stderr.write(`\r\u001B[Krestoring ${event.memoryMb} MB, deleting ${event.versions.length} versions…`)
    },
    clear() {
      if (live) stderr.write('\r\u001B[K')
    },
  }
}
