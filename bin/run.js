#!/usr/bin/env node
// Production entry point: runs the compiled commands from dist/; `lint`, the command CI runs most, starts without loading oclif.
import {statSync} from 'node:fs'

/** The bundled fast path when it is at least as new as the compiled sources (a plain `tsc` build leaves it stale), else the compiled one. */
function fastPathModule() {
  const compiled = new URL('../dist/lint/fast.js', import.meta.url)
  const bundled = new URL('../dist/bundle/fast.js', import.meta.url)
  try {
    if (statSync(bundled).mtimeMs >= statSync(compiled).mtimeMs) return bundled.href
  } catch {
    // No bundle: use the compiled module.
  }
  return compiled.href
}

const args = process.argv.slice(2)
let handled = false
if (args[0] === 'lint' && process.env.SLS_EDA_NO_FAST_PATH !== '1') {
  const {fastLint} = await import(fastPathModule())
  handled = await fastLint(args.slice(1))
}
if (!handled) {
  const {execute} = await import('@oclif/core')
  await execute({dir: import.meta.url})
}
