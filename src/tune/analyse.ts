// Turns raw invocation samples into per-memory statistics, a pick per strategy, and whether the pick beats the runner-up by more than noise.
import type {MemoryRun, TuneRun} from './engine.js'
import {invocationCost, type Prices, pricesFor} from './pricing.js'
import {bootstrapMedianDifference, type Interval, median, quantile, seededRandom, trim} from './stats.js'

export const STRATEGIES = ['cost', 'speed', 'balanced'] as const
export type Strategy = (typeof STRATEGIES)[number]

export interface MemoryStats {
  memoryMb: number
  /** The function's memory before the run. */
  current: boolean
  failure?: string
  /** Samples kept for the statistics (warm, trimmed). */
  kept: number
  invocations: number
  coldStarts: number
  medianMs: number
  p95Ms: number
  medianBilledMs: number
  /** Median cost of one invocation, USD. */
  costPerInvocation: number
  costPerMillion: number
  medianInitMs?: number
  maxMemoryUsedMb?: number
  /** Projected monthly cost with --monthly-invocations. */
  monthlyCost?: number
  durations: number[]
  costs: number[]
}

export interface Recommendation {
  strategy: Strategy
  memoryMb: number
  runnerUpMb?: number
  /** Bootstrap interval of (runner-up − pick) on the strategy's measure; significant when it excludes zero. */
  margin?: Interval & {measure: 'cost' | 'duration' | 'score'}
}

export interface AnalyseOptions {
  strategy: Strategy
  /** For `balanced`: 0 = speed only, 1 = cost only. */
  weight: number
  /** Share of samples dropped at each end. */
  trim: number
  includeColdStarts: boolean
  monthlyInvocations?: number
  /** Seed of the bootstrap, for reproducible reports. */
  seed?: number
}

export interface Analysis {
  stats: MemoryStats[]
  recommendations: Partial<Record<Strategy, Recommendation>>
  strategy: Strategy
  weight: number
  prices: Prices
  monthly?: {invocations: number; currentCost?: number; recommendedCost?: number; saving?: number}
}

const EPSILON = 1e-12

function statsFor(run: MemoryRun, prices: Prices, options: AnalyseOptions, originalMemory: number): MemoryStats {
  const usable = run.samples.filter((sample) => options.includeColdStarts || !sample.cold)
  // Trimming whole samples keeps each duration paired with its cost.
  const kept = trim(usable, options.trim, (sample) => sample.durationMs)
  const durations = kept.map((sample) => sample.durationMs)
  const costs = kept.map((sample) => invocationCost(sample.billedDurationMs, run.memoryMb, prices))
  const allWarm = usable.map((sample) => sample.durationMs).sort((a, b) => a - b)
  const inits = run.samples.flatMap((sample) => (sample.initDurationMs === undefined ? [] : [sample.initDurationMs]))
  const memories = run.samples.flatMap((sample) => (sample.maxMemoryUsedMb === undefined ? [] : [sample.maxMemoryUsedMb]))
  const costPerInvocation = median(costs)
  const failure = run.failure ?? (kept.length === 0 ? 'no measurement' : undefined)
  return {
    memoryMb: run.memoryMb,
    current: run.memoryMb === originalMemory,
    failure,
    kept: kept.length,
    invocations: run.samples.length,
    coldStarts: run.samples.filter((sample) => sample.cold).length,
    medianMs: median(durations),
    p95Ms: quantile(allWarm, 0.95),
    medianBilledMs: median(kept.map((sample) => sample.billedDurationMs)),
    costPerInvocation,
    costPerMillion: costPerInvocation * 1_000_000,
    medianInitMs: inits.length > 0 ? median(inits) : undefined,
    maxMemoryUsedMb: memories.length > 0 ? Math.max(...memories) : undefined,
    monthlyCost: options.monthlyInvocations === undefined ? undefined : costPerInvocation * options.monthlyInvocations,
    durations,
    costs,
  }
}

function normaliser(values: number[]): (value: number) => number {
  const min = Math.min(...values)
  const max = Math.max(...values)
  return (value) => (max - min < EPSILON ? 0 : (value - min) / (max - min))
}

/** Orders successful memory values for a strategy: best first, ties broken by the other measure. */
function rank(stats: MemoryStats[], strategy: Strategy, weight: number): {ordered: MemoryStats[]; samples: (s: MemoryStats) => number[]; measure: 'cost' | 'duration' | 'score'} {
  const ok = stats.filter((s) => !s.failure)
  if (strategy === 'cost') {
    return {ordered: [...ok].sort((a, b) => compare(a.costPerInvocation, b.costPerInvocation) || compare(a.medianMs, b.medianMs)), samples: (s) => s.costs, measure: 'cost'}
  }
  if (strategy === 'speed') {
    return {ordered: [...ok].sort((a, b) => compare(a.medianMs, b.medianMs) || compare(a.costPerInvocation, b.costPerInvocation)), samples: (s) => s.durations, measure: 'duration'}
  }
  const normCost = normaliser(ok.map((s) => s.costPerInvocation))
  const normDuration = normaliser(ok.map((s) => s.medianMs))
  const score = (cost: number, duration: number): number => weight * normCost(cost) + (1 - weight) * normDuration(duration)
  const ordered = [...ok].sort((a, b) => compare(score(a.costPerInvocation, a.medianMs), score(b.costPerInvocation, b.medianMs)) || compare(a.costPerInvocation, b.costPerInvocation))
  return {ordered, samples: (s) => s.durations.map((duration, index) => score(s.costs[index]!, duration)), measure: 'score'}
}

function compare(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b), EPSILON)
  return Math.abs(a - b) / scale < 1e-9 ? 0 : a - b
}

export function analyse(run: Pick<TuneRun, 'function' | 'runs'>, options: AnalyseOptions): Analysis {
  const prices = pricesFor(run.function.architecture, run.function.region)
  const stats = run.runs.map((memoryRun) => statsFor(memoryRun, prices, options, run.function.memoryMb)).sort((a, b) => a.memoryMb - b.memoryMb)
  const recommendations: Partial<Record<Strategy, Recommendation>> = {}
  const random = seededRandom(options.seed ?? 1)
  for (const strategy of STRATEGIES) {
    const {ordered, samples, measure} = rank(stats, strategy, options.weight)
    const pick = ordered[0]
    if (!pick) continue
    const runnerUp = ordered[1]
    recommendations[strategy] = {
      strategy,
      memoryMb: pick.memoryMb,
      runnerUpMb: runnerUp?.memoryMb,
      margin: runnerUp ? {...bootstrapMedianDifference(samples(pick), samples(runnerUp), random), measure} : undefined,
    }
  }
  const chosen = recommendations[options.strategy]
  let monthly: Analysis['monthly']
  if (options.monthlyInvocations !== undefined) {
    const current = stats.find((s) => s.current && !s.failure)
    const recommended = stats.find((s) => s.memoryMb === chosen?.memoryMb)
    monthly = {
      invocations: options.monthlyInvocations,
      currentCost: current?.monthlyCost,
      recommendedCost: recommended?.monthlyCost,
      saving: current?.monthlyCost !== undefined && recommended?.monthlyCost !== undefined ? current.monthlyCost - recommended.monthlyCost : undefined,
    }
  }
  return {stats, recommendations, strategy: options.strategy, weight: options.weight, prices, monthly}
}

/** Upper bound of what the tuning itself costs: every invocation running to the function's timeout. */
export function estimateTuningCost(memories: number[], invocations: number, timeoutSeconds: number, prices: Prices): {maxCost: number; invocations: number} {
  const total = memories.length * invocations
  const maxCost = memories.reduce((sum, memoryMb) => sum + invocations * invocationCost(timeoutSeconds * 1000, memoryMb, prices), 0)
  return {maxCost, invocations: total}
}
