// Whether output is coloured: --color/--no-color first, then FORCE_COLOR, then NO_COLOR (no-color.org), then whether the stream is a terminal.
import chalk from 'chalk'

type Level = 0 | 1 | 2 | 3

/** Colours the terminal says it can show: 24-bit, 256 or the basic 16. */
function depth(env: NodeJS.ProcessEnv): Level {
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3
  if (/-256(color)?$/i.test(env.TERM ?? '')) return 2
  return 1
}

/**
 * The colour level for a stream. FORCE_COLOR wins over NO_COLOR, as in Node.js itself: `FORCE_COLOR=0`
 * (or `false`) turns colour off, `1`–`3` choose the depth, any other value turns it on.
 */
export function colorLevel(flag: boolean | undefined, env: NodeJS.ProcessEnv = process.env, stream: {isTTY?: boolean} = process.stdout): Level {
  if (flag === false) return 0
  const force = env.FORCE_COLOR
  if (force !== undefined && force !== '') {
    if (force === '0' || force === 'false') return flag === true ? depth(env) : 0
    if (/^[123]$/.test(force)) return Number(force) as Level
    return depth(env)
  }
  if (flag === true) return depth(env)
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0
  if (!stream.isTTY || env.TERM === 'dumb') return 0
  return depth(env)
}

/** Sets the colour level every renderer (through chalk) uses, for output to `stream`. */
export function applyColor(flag: boolean | undefined, stream: {isTTY?: boolean} = process.stdout): void {
  chalk.level = colorLevel(flag, process.env, stream)
}

/** Columns to wrap terminal output to: the terminal's width, or none when output is not a terminal (a pipe or a file keeps one finding per line). */
export function terminalWidth(stream: {isTTY?: boolean; columns?: number} = process.stdout): number | undefined {
  return stream.isTTY && stream.columns && stream.columns > 0 ? stream.columns : undefined
}
