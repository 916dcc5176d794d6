// Unknown command: say which command was probably meant, and exit 2 like every other usage error.
import {Errors, type Hook} from '@oclif/core'

import {EXIT} from '../lib/exit-codes.js'
import {editDistance} from '../schema/suggest.js'

/** Command names are short: two edits (`lnit`, `tuen`) are still a typo. */
const MAX_EDITS = 2

const hook: Hook<'command_not_found'> = async function (options) {
  const typed = options.id.replaceAll(':', ' ')
  const ranked = options.config.commandIDs
    .map((id) => id.replaceAll(':', ' '))
    .map((name) => ({name, distance: editDistance(typed, name)}))
    .sort((a, b) => a.distance - b.distance)
  const suggestion = ranked[0] && ranked[0].distance <= MAX_EDITS ? ranked[0].name : undefined
  const next = suggestion ? `Did you mean \`${options.config.bin} ${suggestion}\`?` : `Run \`${options.config.bin} --help\` for the list of commands.`
  Errors.error(`command ${typed} not found. ${next}`, {exit: EXIT.usage})
}

export default hook
