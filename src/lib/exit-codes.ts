// Exit codes shared by every command, as documented in the README.
export const EXIT = {
  /** Nothing at or above the failing level was found. */
  ok: 0,
  /** Findings failed the run. */
  findings: 1,
  /** The input could not be used: bad flags, unreadable or unparseable files, bad configuration. */
  usage: 2,
  /** audit: some services or regions could not be checked (missing permissions). */
  partial: 3,
  /** tune: the function could not be put back as it was; the message says what to run by hand. */
  restoreFailed: 4,
  /** Stopped by Ctrl-C (128 + SIGINT) or SIGTERM (128 + 15), after cleaning up; `new` also exits 130 when a question is cancelled, as a shell reports Ctrl-C. */
  interrupted: 130,
  terminated: 143,
} as const

/** Input the user must fix (flags, configuration, an unknown rule, a file that cannot be read or written): one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}
