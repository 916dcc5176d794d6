// Progress of an audit per region and service: a live listr2 display on a terminal, nothing otherwise.
import {Listr, ListrLogger, type ListrTaskWrapper, ProcessOutput} from 'listr2'

export interface Progress {
  start(region: string, task: string): void
  update(region: string, task: string, text: string): void
  done(region: string, task: string, summary: string): void
  /** The task could not run (missing permissions); the reason is shown. */
  skipped(region: string, task: string, reason: string): void
  close(): Promise<void>
}

export const SILENT_PROGRESS: Progress = {
  start() {},
  update() {},
  done() {},
  skipped() {},
  async close() {},
}

/** True when a progress display is wanted: a terminal on stderr, not CI, not machine-readable output. */
export function wantsProgress(options: {json: boolean; env?: NodeJS.ProcessEnv; stream?: NodeJS.WriteStream}): boolean {
  const env = options.env ?? process.env
  const stream = options.stream ?? process.stderr
  if (options.json) return false
  if (env.CI && env.CI !== 'false' && env.CI !== '0') return false
  return stream.isTTY === true
}

interface Slot {
  settle?: (outcome: {skip?: string; title: string}) => void
  outcome?: {skip?: string; title: string}
  wrapper?: ListrTaskWrapper<unknown, never, never>
}

/** A listr2 display with one group per region and one line per service, written to stderr. */
export function listrProgress(groups: Array<{region: string; tasks: string[]}>): Progress {
  const slots = new Map<string, Slot>()
  const slot = (region: string, task: string): Slot => {
    const key = `${region}|${task}`
    let entry = slots.get(key)
    if (!entry) slots.set(key, (entry = {}))
    return entry
  }
  const finish = (region: string, task: string, outcome: {skip?: string; title: string}): void => {
    const entry = slot(region, task)
    if (entry.outcome) return
    entry.outcome = outcome
    entry.settle?.(outcome)
  }
  const output = new ProcessOutput(process.stderr, process.stderr)
  const list = new Listr(
    groups.map(({region, tasks}) => ({
      title: region,
      task: (_context: unknown, group: ListrTaskWrapper<unknown, never, never>) =>
        group.newListr(
          tasks.map((name) => ({
            title: name,
            task: async (_inner: unknown, wrapper: ListrTaskWrapper<unknown, never, never>) => {
              const entry = slot(region, name)
              entry.wrapper = wrapper
              const outcome = entry.outcome ?? (await new Promise<{skip?: string; title: string}>((resolve) => (entry.settle = resolve)))
              if (outcome.skip !== undefined) wrapper.skip(`${name}: not checked (${outcome.skip})`)
              else wrapper.title = outcome.title
            },
          })),
          {concurrent: true, exitOnError: false},
        ),
    })),
    {
      concurrent: true,
      exitOnError: false,
      registerSignalListeners: false,
      // The caller checked that stderr is a terminal; stdout may be a file or a pipe carrying the report.
      forceTTY: true,
      fallbackRendererCondition: false,
      rendererOptions: {collapseSubtasks: false, logger: new ListrLogger({processOutput: output, useIcons: true, toStderr: []})} as never,
    },
  )
  const running = list.run().catch(() => undefined)
  return {
    start(region, task) {
      const entry = slot(region, task)
      if (entry.wrapper) entry.wrapper.title = `${task}: reading…`
    },
    update(region, task, text) {
      const entry = slot(region, task)
      if (entry.wrapper && !entry.outcome) entry.wrapper.title = `${task}: ${text}`
    },
    done(region, task, summary) {
      finish(region, task, {title: `${task}: ${summary}`})
    },
    skipped(region, task, reason) {
      finish(region, task, {skip: reason, title: task})
    },
    async close() {
      for (const [key, entry] of slots) {
        if (!entry.outcome) {
          const [, task] = key.split('|')
          entry.outcome = {title: `${task}`}
          entry.settle?.(entry.outcome)
        }
      }
      // Tasks that never got a slot (no event at all) still need releasing.
      for (const {region, tasks} of groups) for (const task of tasks) finish(region, task, {title: task})
      await running
    },
  }
}
