// Test runner configuration: tests live under test/, mirroring src/.
import {defineConfig} from 'vitest/config'
import type {Reporter} from 'vitest/reporters'

/** Ends the run with one plain line, "N passed, N failed, N skipped", that any CI can read. */
const summaryLine: Reporter = {
  onTestRunEnd(testModules) {
    const count = {passed: 0, failed: 0, skipped: 0}
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === 'passed' || state === 'failed' || state === 'skipped') count[state]++
      }
    }
    process.stdout.write(`\n${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped\n`)
  },
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    disableConsoleIntercept: true,
    reporters: ['default', summaryLine],
    // The SDK's notice about its 2027 releases needing Node 22 is noise in test output, as it is for users (bin/run.js).
    env: {AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'},
  },
})
