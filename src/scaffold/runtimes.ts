// The Node.js runtimes Lambda supports, as data: the scaffolder offers these and defaults to the newest.

export interface NodeRuntime {
  /** Lambda runtime identifier. */
  id: string
  /** The matching `aws-cdk-lib/aws-lambda` Runtime constant. */
  cdkConstant: string
  /** Node.js major version, used for the esbuild target. */
  nodeMajor: number
  /** Lambda's published deprecation date (after it, Lambda no longer patches the runtime). */
  deprecation: string
}

/**
 * Newest first. Source: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
 * (nodejs24.x since November 2025). Keep deprecated entries until their date passes so
 * projects generated before then keep validating.
 */
export const NODE_RUNTIMES: readonly NodeRuntime[] = [
  {id: 'nodejs24.x', cdkConstant: 'NODEJS_24_X', nodeMajor: 24, deprecation: '2028-04-30'},
  {id: 'nodejs22.x', cdkConstant: 'NODEJS_22_X', nodeMajor: 22, deprecation: '2027-04-30'},
  {id: 'nodejs20.x', cdkConstant: 'NODEJS_20_X', nodeMajor: 20, deprecation: '2026-04-30'},
]

/** Runtimes still supported on `now`, newest first. */
export function supportedRuntimes(now: Date = new Date()): NodeRuntime[] {
  return NODE_RUNTIMES.filter((runtime) => new Date(`${runtime.deprecation}T00:00:00Z`).getTime() > now.getTime())
}

/** The newest supported runtime; the newest known one if every entry has passed its date (the table is stale). */
export function defaultRuntime(now: Date = new Date()): NodeRuntime {
  return supportedRuntimes(now)[0] ?? NODE_RUNTIMES[0]!
}

export const ARCHITECTURES = ['arm64', 'x86_64'] as const
export type Architecture = (typeof ARCHITECTURES)[number]
