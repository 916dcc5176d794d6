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
} as const
