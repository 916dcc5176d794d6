// Unknown command: say which command was probably meant, and exit 2 like every other usage error.
import {Errors, type Hook} from '@oclif/core'

import {closest} from '../schema/suggest.js'

const hook: Hook<'command_not_found'> = async function (options) {
  const known = options.config.commandIDs.map((id) => id.replaceAll(':', ' '))
  const typed = options.id.replaceAll(':', ' ')
  const suggestion = closest(typed, known)
  const next = suggestion ? `Did you mean \`${options.config.bin} ${suggestion}\`?` : `Run \`${options.config.bin} --help\` for the list of commands.`
  Errors.error(`command ${typed} not found. ${next}`, {exit: 2})
}

export default hook
