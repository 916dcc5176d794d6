#!/usr/bin/env node
// Bundles the `lint` fast path into dist/bundle/ so `sls-eda lint` loads a handful of files instead of hundreds (start-up time in CI).
import {rmSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outdir = path.join(root, 'dist/bundle')

let esbuild
try {
  esbuild = await import('esbuild')
} catch {
  // Without esbuild (production install) bin/run.js uses the unbundled dist/lint/fast.js.
  console.error('bundle-lint: esbuild is not installed; sls-eda lint will run unbundled')
  process.exit(0)
}

rmSync(outdir, {recursive: true, force: true})
await esbuild.build({
  // The worker is an entry of its own: lint.js starts it as ./worker.js next to itself.
  entryPoints: [path.join(root, 'dist/lint/fast.js'), path.join(root, 'dist/lint/worker.js')],
  outdir,
  bundle: true,
  // Reporters and the catalogue stay in their own chunks, loaded only when used.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // CommonJS dependencies (yaml, picomatch, junit-report-builder) call require().
  banner: {js: "import {createRequire as __slsEdaCreateRequire} from 'node:module'; const require = __slsEdaCreateRequire(import.meta.url);"},
})
