// How a handler becomes a Lambda function: TypeScript bundled by esbuild into one ES module per handler.
import path from 'node:path'

import type {FunctionOptions, Runtime} from 'aws-cdk-lib/aws-lambda'
import {NodejsFunction, OutputFormat} from 'aws-cdk-lib/aws-lambda-nodejs'
import type {Construct} from 'constructs'

/** The function running `handler` exported by src/handlers/<entry>.ts. */
export function handlerFunction(scope: Construct, id: string, entry: string, options: FunctionOptions & {runtime: Runtime}): NodejsFunction {
  return new NodejsFunction(scope, id, {
    ...options,
    entry: path.resolve('src/handlers', `${entry}.ts`),
    handler: 'handler',
    environment: {NODE_OPTIONS: '--enable-source-maps', ...options.environment},
    bundling: {
      format: OutputFormat.ESM,
      mainFields: ['module', 'main'],
      minify: true,
      sourceMap: true,
      // Some dependencies still call require(); give the ES module bundle one.
      banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
    },
  })
}
