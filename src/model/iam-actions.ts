// IAM's action matching, shared by the graph's role edges and the IAM and Lambda rules.

const ACTION_PATTERNS = new Map<string, RegExp>()

/** True when an IAM action pattern covers the action: case-insensitive, `*` any run of characters, `?` one character. */
export function actionMatches(pattern: string, action: string): boolean {
  let regex = ACTION_PATTERNS.get(pattern)
  if (!regex) {
    // The same few patterns come back for every statement and action checked: compile each once (bounded for long audit runs).
    if (ACTION_PATTERNS.size >= 10_000) ACTION_PATTERNS.clear()
    const source = pattern
      .trim()
      .split('')
      .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('')
    regex = new RegExp(`^${source}$`, 'i')
    ACTION_PATTERNS.set(pattern, regex)
  }
  return regex.test(action)
}
