// Runs the benchmarks that need the test fakes (TypeScript) through vitest, outside the test suite.
import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['bench/**/*.bench-run.ts'],
    testTimeout: 600_000,
    pool: 'forks',
    disableConsoleIntercept: true,
  },
})
