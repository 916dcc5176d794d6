// The Lambda runtimes `sls-eda new` offers for each language, as data: it defaults to the newest still supported.
import {RUNTIME_LIFECYCLE} from '../rules/lambda/runtimes.js'

export interface LambdaRuntime {
  /** Lambda runtime identifier. */
  id: string
  /** The matching `aws-cdk-lib/aws-lambda` Runtime constant. */
  cdkConstant: string
  /** Lambda's published deprecation date (after it, Lambda no longer patches the runtime). */
  deprecation: string
}

export interface NodeRuntime extends LambdaRuntime {
  /** Node.js major version, used for the esbuild target. */
  nodeMajor: number
}

export interface PythonRuntime extends LambdaRuntime {
  /** Python version, e.g. 3.13: pip installs wheels for it when the CDK app bundles without Docker. */
  pythonVersion: string
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

/**
 * Newest first; deprecation dates come from the lifecycle table the lint rules use. python3.14 is
 * left out until Powertools and its tracing dependencies publish wheels for it on every platform.
 */
export const PYTHON_RUNTIMES: readonly PythonRuntime[] = [
  {id: 'python3.13', cdkConstant: 'PYTHON_3_13', pythonVersion: '3.13', deprecation: RUNTIME_LIFECYCLE['python3.13']!.deprecated},
  {id: 'python3.12', cdkConstant: 'PYTHON_3_12', pythonVersion: '3.12', deprecation: RUNTIME_LIFECYCLE['python3.12']!.deprecated},
]

/** Runtimes still supported on `now`, newest first. */
export function supportedRuntimes<R extends LambdaRuntime = NodeRuntime>(now: Date = new Date(), runtimes: readonly R[] = NODE_RUNTIMES as unknown as readonly R[]): R[] {
  return runtimes.filter((runtime) => new Date(`${runtime.deprecation}T00:00:00Z`).getTime() > now.getTime())
}

/** The newest supported runtime; the newest known one if every entry has passed its date (the table is stale). */
export function defaultRuntime<R extends LambdaRuntime = NodeRuntime>(now: Date = new Date(), runtimes: readonly R[] = NODE_RUNTIMES as unknown as readonly R[]): R {
  return supportedRuntimes(now, runtimes)[0] ?? runtimes[0]!
}

export const ARCHITECTURES = ['arm64', 'x86_64'] as const
export type Architecture = (typeof ARCHITECTURES)[number]
