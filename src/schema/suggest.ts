// Did-you-mean: the closest known name to a misspelt one, by edit distance.

/** Levenshtein distance between two strings, compared without regard to case. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  if (x === y) return 0
  let previous = Array.from({length: y.length + 1}, (_, index) => index)
  for (let i = 1; i <= x.length; i++) {
    const current = [i]
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[y.length]!
}

/**
 * The candidate closest to `name`, when it is close enough to be a typo: at most a third of the
 * name's length (at least 1, at most 4 edits) away; ties go to the first candidate. Failing that,
 * the only candidate that begins or ends with the name (`Url` → `QueueUrl`).
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.min(4, Math.max(1, Math.floor(name.length / 3)))
  let best: string | undefined
  let bestDistance = limit + 1
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - name.length) >= bestDistance) continue
    const distance = editDistance(name, candidate)
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return best ?? affixMatch(name, candidates)
}

function affixMatch(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length < 3) return undefined
  const lower = name.toLowerCase()
  const matches = [...candidates].filter((candidate) => {
    const other = candidate.toLowerCase()
    return other !== lower && (other.endsWith(lower) || other.startsWith(lower))
  })
  return matches.length === 1 ? matches[0] : undefined
}
