// Dependency ranges written into generated package.json files, and which packages each pattern's code uses.
import type {Iac} from './patterns.js'

/**
 * Caret ranges at the versions sls-eda is tested with (its own end-to-end test builds and tests
 * every generated project against exactly these). Bump them together with sls-eda's devDependencies.
 */
export const DEPENDENCY_RANGES: Readonly<Record<string, string>> = {
  '@aws-lambda-powertools/batch': '^2.35.0',
  '@aws-lambda-powertools/idempotency': '^2.35.0',
  '@aws-lambda-powertools/logger': '^2.36.0',
  '@aws-lambda-powertools/parameters': '^2.35.0',
  '@aws-lambda-powertools/tracer': '^2.36.0',
  '@aws-sdk/client-dynamodb': '^3.1164.0',
  '@aws-sdk/client-eventbridge': '^3.1169.0',
  '@aws-sdk/client-secrets-manager': '^3.1164.0',
  '@aws-sdk/client-sfn': '^3.1164.0',
  '@aws-sdk/client-sns': '^3.1169.0',
  '@aws-sdk/client-sqs': '^3.1169.0',
  '@aws-sdk/lib-dynamodb': '^3.1162.0',
  '@types/aws-lambda': '^8.10.164',
  'aws-cdk': '^2.1148.1',
  'aws-cdk-lib': '^2.276.0',
  constructs: '^10.8.1',
  esbuild: '^0.28.2',
  typescript: '~5.9.3',
  vitest: '^4.1.12',
}

/**
 * `@types/node` by the Node.js major of the Lambda runtime: a project's types are those of the Node.js its code runs
 * on, as are its `engines` and the esbuild target. Add a line when a Node.js runtime is added to `NODE_RUNTIMES`.
 */
export const NODE_TYPES_RANGES: Readonly<Record<number, string>> = {
  22: '^22.20.7',
  24: '^24.19.4',
}

/** The `@types/node` range for a Node.js major (the newest known major's when the table has no entry). */
export function nodeTypesRange(nodeMajor: number): string {
  const known = Object.keys(NODE_TYPES_RANGES).map(Number)
  return NODE_TYPES_RANGES[nodeMajor] ?? NODE_TYPES_RANGES[Math.max(...known)]!
}

const POWERTOOLS_CORE = ['@aws-lambda-powertools/logger', '@aws-lambda-powertools/tracer']
const IDEMPOTENT_BATCH = ['@aws-lambda-powertools/batch', '@aws-lambda-powertools/idempotency', '@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb']

/** Runtime dependencies of each pattern's handlers. */
const PATTERN_DEPENDENCIES: Readonly<Record<string, readonly string[]>> = {
  'queue-worker': [...POWERTOOLS_CORE, ...IDEMPOTENT_BATCH],
  saga: [...POWERTOOLS_CORE, '@aws-lambda-powertools/idempotency', '@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
  outbox: [...POWERTOOLS_CORE, '@aws-lambda-powertools/batch', '@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/client-eventbridge', '@aws-lambda-powertools/idempotency'],
  webhook: [...POWERTOOLS_CORE, ...IDEMPOTENT_BATCH, '@aws-lambda-powertools/parameters', '@aws-sdk/client-secrets-manager', '@aws-sdk/client-sqs'],
  'fan-out': [...POWERTOOLS_CORE, ...IDEMPOTENT_BATCH, '@aws-sdk/client-sns'],
  'event-router': [...POWERTOOLS_CORE, ...IDEMPOTENT_BATCH, '@aws-sdk/client-eventbridge'],
  'scheduled-job': [...POWERTOOLS_CORE, '@aws-lambda-powertools/idempotency', '@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
}

/**
 * Python packages of generated Python projects, as PEP 440 ranges from the versions sls-eda's
 * end-to-end test installs (the lower bound of each, exactly). Runtime packages go into
 * `src/requirements.txt` (what `sam build` and the CDK bundling install); boto3 is in the Lambda
 * runtime already, so only the tests install it.
 */
export const PYTHON_DEPENDENCY_RANGES: Readonly<Record<string, string>> = {
  'aws-lambda-powertools[tracer]': '>=3.37.0,<4',
  boto3: '>=1.44.0,<2',
  pytest: '>=9.2.0,<10',
}

export interface PythonDependencies {
  /** Requirement specifiers (`name>=x,<y`) the handlers need at run time. */
  runtime: string[]
  /** What the tests need besides. */
  dev: string[]
}

const requirement = (name: string): string => `${name}${PYTHON_DEPENDENCY_RANGES[name] ?? ''}`

/** The same for every pattern: Powertools covers logging, tracing, metrics, batches, idempotency, parameters and the event handler. */
export function pythonDependencies(): PythonDependencies {
  return {runtime: [requirement('aws-lambda-powertools[tracer]')], dev: [requirement('boto3'), requirement('pytest')]}
}

/**
 * devDependencies of the TypeScript CDK app that deploys a Python project. `slsEda` is the spec sls-eda is installed
 * with (`slsEdaDependency`), `nodeMajor` the Node.js the app declares in `engines`.
 */
export function cdkAppDependencies(slsEda: string, nodeMajor: number): Record<string, string> {
  return sortedDev({...pick(['esbuild', 'typescript', ...DEV_BY_IAC.cdk]), '@types/node': nodeTypesRange(nodeMajor), 'sls-eda': slsEda})
}

const sortedDev = (dev: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(dev).sort(([a], [b]) => a.localeCompare(b)))

const DEV_COMMON = ['@types/aws-lambda', 'esbuild', 'typescript', 'vitest']
const DEV_BY_IAC: Readonly<Record<Iac, readonly string[]>> = {
  sam: [],
  cdk: ['aws-cdk', 'aws-cdk-lib', 'constructs'],
}

function pick(names: Iterable<string>): Record<string, string> {
  const sorted = [...new Set(names)].sort()
  return Object.fromEntries(sorted.map((name) => [name, DEPENDENCY_RANGES[name] ?? '*']))
}

/** `dependencies` and `devDependencies` of a generated project whose functions run on Node.js `nodeMajor`; `slsEda` as for `cdkAppDependencies`. */
export function projectDependencies(pattern: string, iac: Iac, slsEda: string, nodeMajor: number): {dependencies: Record<string, string>; devDependencies: Record<string, string>} {
  return {
    dependencies: pick(PATTERN_DEPENDENCIES[pattern] ?? POWERTOOLS_CORE),
    devDependencies: sortedDev({...pick([...DEV_COMMON, ...DEV_BY_IAC[iac]]), '@types/node': nodeTypesRange(nodeMajor), 'sls-eda': slsEda}),
  }
}
