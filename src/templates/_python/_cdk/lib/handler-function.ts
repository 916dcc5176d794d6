// How a handler becomes a Lambda function: the Python sources of src/ with the packages of src/requirements.txt, installed for Lambda's platform.
import {execFileSync} from 'node:child_process'
import {cpSync} from 'node:fs'
import path from 'node:path'

import {Architecture, Code, Function as LambdaFunction, type FunctionOptions, type Runtime} from 'aws-cdk-lib/aws-lambda'
import type {Construct} from 'constructs'

const SOURCES = path.resolve('src')

/** pip's platform tag for wheels that run on Lambda's Amazon Linux 2023 on this architecture. */
function platformTag(architecture: Architecture | undefined): string {
  return architecture === Architecture.X86_64 ? 'manylinux2014_x86_64' : 'manylinux2014_aarch64'
}

/**
 * The sources and their requirements in one asset. Bundled with the local pip when there is one
 * (wheels chosen for Lambda's Python version and architecture, never built here), otherwise in the
 * runtime's build image with Docker. Every function of the stack shares the same asset.
 */
function pythonCode(runtime: Runtime, architecture: Architecture | undefined): Code {
  const pythonVersion = runtime.name.replace(/^python/, '')
  return Code.fromAsset(SOURCES, {
    exclude: ['**/__pycache__', '**/*.pyc'],
    bundling: {
      image: runtime.bundlingImage,
      command: ['bash', '-c', 'pip install --no-cache-dir -r requirements.txt -t /asset-output && cp -au . /asset-output'],
      local: {
        tryBundle(outputDir: string): boolean {
          try {
            // pip is not guaranteed on PATH; `python3 -m pip` is how it ships with Python.
            execFileSync(
              'python3',
              ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-compile', '--requirement', path.join(SOURCES, 'requirements.txt'), '--target', outputDir, '--platform', platformTag(architecture), '--implementation', 'cp', '--python-version', pythonVersion, '--only-binary=:all:'],
              {stdio: ['ignore', 'inherit', 'inherit']},
            )
          } catch {
            return false
          }
          cpSync(SOURCES, outputDir, {recursive: true, filter: (source) => !source.includes('__pycache__')})
          return true
        },
      },
    },
  })
}

/** The function running `handler` of the module src/handlers/<entry>.py ('fulfil-order' → handlers/fulfil_order.py). */
export function handlerFunction(scope: Construct, id: string, entry: string, options: FunctionOptions & {runtime: Runtime}): LambdaFunction {
  return new LambdaFunction(scope, id, {
    ...options,
    code: pythonCode(options.runtime, options.architecture),
    handler: `handlers.${entry.replace(/-/g, '_')}.handler`,
    environment: {POWERTOOLS_METRICS_NAMESPACE: String(options.environment?.POWERTOOLS_SERVICE_NAME ?? 'service'), ...options.environment},
  })
}
