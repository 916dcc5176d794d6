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

// The AWS SDK warns on every run under Node 20 that its 2027 releases will need Node 22. The versions this
// package pins support Node 20, so the warning tells a user nothing they can act on.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

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
