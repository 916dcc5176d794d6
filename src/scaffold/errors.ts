// Errors `sls-eda new` turns into exit codes: unusable input (2) and a cancelled question (130).

/** Input that cannot be used: the command exits with code 2 and the message lists what is allowed. */
export {UsageError} from '../lib/exit-codes.js'

/** Thrown when the user cancels a question (Ctrl-C or Escape). */
export class PromptCancelled extends Error {
  constructor() {
    super('cancelled: nothing was written')
  }
}
