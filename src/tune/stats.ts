// Small statistics for tuning: quantiles, trimming, and a seeded bootstrap interval for the difference of two medians.

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  const position = (sorted.length - 1) * q
  const lower = Math.floor(position)
  const upper = Math.ceil(position)
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower)
}

export function median(values: readonly number[]): number {
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  )
}

/**
 * Drops `share` of the items at each end of their order by `key` (e.g. 0.1 drops the fastest and slowest
 * 10 %), keeping at least one. Returns the kept items sorted by `key`.
 */
export function trim<T>(items: readonly T[], share: number, key: (item: T) => number): T[] {
  const sorted = [...items].sort((a, b) => key(a) - key(b))
  const drop = Math.floor(sorted.length * share)
  if (sorted.length - 2 * drop < 1) return sorted
  return sorted.slice(drop, sorted.length - drop)
}

/** A small, fast, seedable PRNG (mulberry32), so bootstrap results are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface Interval {
  /** Point estimate: median(b) − median(a). */
  estimate: number
  low: number
  high: number
  /** True when the interval excludes zero. */
  significant: boolean
}

/**
 * Percentile bootstrap interval of median(b) − median(a): resamples both with replacement.
 * With `level` 0.95 the interval holds 95 % of the resampled differences.
 */
export function bootstrapMedianDifference(a: readonly number[], b: readonly number[], random: () => number, rounds = 2000, level = 0.95): Interval {
  const estimate = median(b) - median(a)
  if (a.length === 0 || b.length === 0) return {estimate, low: Number.NaN, high: Number.NaN, significant: false}
  const differences: number[] = []
  const sampleA = new Array<number>(a.length)
  const sampleB = new Array<number>(b.length)
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < a.length; i++) sampleA[i] = a[Math.floor(random() * a.length)]!
    for (let i = 0; i < b.length; i++) sampleB[i] = b[Math.floor(random() * b.length)]!
    differences.push(median(sampleB) - median(sampleA))
  }
  differences.sort((x, y) => x - y)
  const low = quantile(differences, (1 - level) / 2)
  const high = quantile(differences, 1 - (1 - level) / 2)
  return {estimate, low, high, significant: low > 0 || high < 0}
}
