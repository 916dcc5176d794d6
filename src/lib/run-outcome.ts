// What a lint or audit run hands back to its command: the exit code, the report, and the lines for standard error.
import type {Command} from '@oclif/core'

import {EXIT, UsageError} from './exit-codes.js'

export interface RunOutcome {
  exitCode: number
  /** The rendered report, when it goes to standard output. */
  stdout?: string
  /** The JSON document for `--json`. */
  json?: unknown
  /** Warnings about the configuration, shown as oclif warnings. */
  warnings: string[]
  /** Notes for standard error, in order (files written, what was not checked). */
  notices: string[]
}

/** Shows a run's outcome through its command and ends with the run's exit code; returns what `--json` prints. */
export function deliverOutcome(command: Pick<Command, 'warn' | 'logToStderr'>, outcome: RunOutcome): unknown {
  for (const warning of outcome.warnings) command.warn(warning)
  if (outcome.json !== undefined) {
    // With --json, oclif takes the exit code from process.exitCode and prints the returned document.
    if (outcome.exitCode !== EXIT.ok) process.exitCode = outcome.exitCode
    return outcome.json
  }
  if (outcome.stdout !== undefined) process.stdout.write(outcome.stdout)
  for (const notice of outcome.notices) command.logToStderr(notice)
  // Not command.exit: oclif exits at once, and a report still on its way to a socket or slow pipe would be cut short.
  if (outcome.exitCode !== EXIT.ok) process.exitCode = outcome.exitCode
  return undefined
}

/**
 * A UsageError as the command shows it: one line and exit code 2, or with `--json` a document of our own
 * ({error: {code, message, exitCode}}) instead of oclif's, which carries its internals and exits 1.
 */
export function usageFailure(command: Pick<Command, 'error' | 'jsonEnabled'>, error: UsageError): unknown {
  if (command.jsonEnabled()) {
    process.exitCode = EXIT.usage
    return {error: {code: 'usage', message: error.message, exitCode: EXIT.usage}}
  }
  return command.error(error.message, {exit: EXIT.usage})
}

/** Runs a command's use case: a UsageError becomes one line and exit code 2, anything else is delivered as the run's outcome. */
export async function runForCommand(command: Pick<Command, 'warn' | 'logToStderr' | 'exit' | 'error' | 'jsonEnabled'>, run: () => Promise<RunOutcome>): Promise<unknown> {
  let outcome
  try {
    outcome = await run()
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(command, error)
    throw error
  }
  return deliverOutcome(command, outcome)
}
