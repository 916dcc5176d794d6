// Linting in worker threads gives the same report, in the same order, as linting in one thread.
import {readFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {workerCount} from '../../src/lint/lint.js'
import {ROOT, runCli} from '../commands/cli.js'

describe('parallel lint', () => {
  it('uses one thread per core only when there are enough files', () => {
    const cores = os.availableParallelism()
    expect(workerCount(1, {})).toBe(0)
    expect(workerCount(500, {})).toBe(cores >= 2 ? cores : 0)
    expect(workerCount(500, {SLS_EDA_WORKERS: '0'})).toBe(0)
    expect(workerCount(500, {SLS_EDA_WORKERS: '3'})).toBe(3)
    expect(workerCount(2, {SLS_EDA_WORKERS: '3'})).toBe(2)
  })

  it('reports the same findings in the same order with and without workers (built CLI)', () => {
    const dir = os.tmpdir()
    const reports = ['0', '2'].map((workers) => {
      const output = path.join(dir, `sls-eda-parallel-${process.pid}-${workers}.json`)
      // Fixtures hold good, bad and unreadable templates and CDK assemblies: every kind of target.
      const result = runCli(['lint', path.join(ROOT, 'test/fixtures'), path.join(ROOT, 'examples'), '--format', 'json', '--output', output], {env: {SLS_EDA_WORKERS: workers}, timeoutMs: 120_000})
      return {status: result.status, report: readFileSync(output, 'utf8')}
    })
    expect(JSON.parse(reports[0]!.report).summary.files).toBeGreaterThan(50)
    expect(reports[1]).toEqual(reports[0])
  }, 180_000)
})
