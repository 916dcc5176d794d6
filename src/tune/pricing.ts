// Lambda on-demand prices (duration per GB-second by architecture and region, requests), from one data file with its source and date.
import pricing from './pricing.json' with {type: 'json'}

export type Architecture = 'x86_64' | 'arm64'

interface PriceTable {
  source: string
  retrieved: string
  currency: string
  requestPricePerMillion: Record<string, number>
  gbSecond: Record<Architecture, Record<string, number>>
}

const prices = pricing as PriceTable

export interface Prices {
  /** USD per GB-second of billed duration. */
  gbSecond: number
  /** USD per request. */
  request: number
  source: string
  retrieved: string
}

export function pricesFor(architecture: Architecture, region: string): Prices {
  const table = prices.gbSecond[architecture] ?? prices.gbSecond.x86_64
  return {
    gbSecond: table[region] ?? table.default!,
    request: (prices.requestPricePerMillion[region] ?? prices.requestPricePerMillion.default!) / 1_000_000,
    source: prices.source,
    retrieved: prices.retrieved,
  }
}

/** Cost of one invocation: billed duration × memory × price, plus the request. */
export function invocationCost(billedDurationMs: number, memoryMb: number, price: Prices): number {
  return (billedDurationMs / 1000) * (memoryMb / 1024) * price.gbSecond + price.request
}
