// Ctrl-C and SIGTERM during a tuning: the first stops the measurement (the engine then restores the function), a second only says to wait.
export interface Interruption {
  /** Aborted on the first signal. */
  signal: AbortSignal
  /** The signal received, if any. */
  received(): NodeJS.Signals | undefined
  /** Stops listening; call once the run (and its restore) is over. */
  stop(): void
}

export function watchInterruptions(functionName: string, stderr: NodeJS.WritableStream = process.stderr): Interruption {
  const controller = new AbortController()
  let signalled: NodeJS.Signals | undefined
  const onSignal = (signal: NodeJS.Signals): void => {
    if (signalled) {
      stderr.write(`\nsls-eda: still restoring ${functionName}; please wait.\n`)
      return
    }
    signalled = signal
    stderr.write(`\nsls-eda: ${signal} received: stopping and restoring ${functionName}…\n`)
    controller.abort(signal)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return {
    signal: controller.signal,
    received: () => signalled,
    stop: () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    },
  }
}
