// Table-driven tests of tune's parts: REPORT parsing, statistics, pricing, plan validation and the analysis.
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {analyse, estimateTuningCost} from '../../src/tune/analyse.js'
import type {MemoryRun, TuneRun} from '../../src/tune/engine.js'
import {loadPayloads, parseMemories, PlanError} from '../../src/tune/plan.js'
import {invocationCost, pricesFor} from '../../src/tune/pricing.js'
import {parseLogTail} from '../../src/tune/report-line.js'
import {bootstrapMedianDifference, median, quantile, seededRandom, trim} from '../../src/tune/stats.js'

describe('parseLogTail', () => {
  it('reads a text REPORT line with a cold start', () => {
    const tail = 'START RequestId: a Version: 3\nEND RequestId: a\nREPORT RequestId: a\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 512 MB\tMax Memory Used: 70 MB\tInit Duration: 150.25 ms\t\n'
    expect(parseLogTail(tail)).toEqual({durationMs: 12.34, billedDurationMs: 13, memorySizeMb: 512, maxMemoryUsedMb: 70, initDurationMs: 150.25})
  })

  it('reads the status and error type of a failed invocation', () => {
    const tail = 'REPORT RequestId: b\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\tStatus: timeout'
    expect(parseLogTail(tail)).toMatchObject({status: 'timeout', durationMs: 3000})
  })

  it('reads the JSON platform.report record', () => {
    const record = {type: 'platform.report', record: {requestId: 'c', metrics: {durationMs: 5.5, billedDurationMs: 6, memorySizeMB: 256, maxMemoryUsedMB: 60}, status: 'error', errorType: 'Runtime.OutOfMemory'}}
    expect(parseLogTail(`{"type":"platform.start"}\n${JSON.stringify(record)}\n`)).toEqual({
      durationMs: 5.5,
      billedDurationMs: 6,
      memorySizeMb: 256,
      maxMemoryUsedMb: 60,
      initDurationMs: undefined,
      status: 'error',
      errorType: 'Runtime.OutOfMemory',
    })
  })

  it.each([[''], ['no report here'], ['REPORT RequestId: d\tDuration: x'], ['{"type":"platform.report","record":{}}']])('returns undefined for %j', (tail) => {
    expect(parseLogTail(tail)).toBeUndefined()
  })
})

describe('statistics', () => {
  it('computes quantiles by interpolation', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5)
    expect(quantile([10], 0.95)).toBe(10)
    expect(median([5, 1, 3])).toBe(3)
  })

  it('trims both ends and keeps at least one sample', () => {
    const value = (n: number) => n
    expect(trim([9, 1, 5, 3, 7, 100, 2, 4, 6, 8], 0.1, value)).toEqual([2, 3, 4, 5, 6, 7, 8, 9])
    expect(trim([1, 2], 0.49, value)).toEqual([1, 2])
    expect(trim([{ms: 3}, {ms: 1}, {ms: 2}], 0.34, (s) => s.ms)).toEqual([{ms: 2}])
  })

  it('tells a real difference from noise', () => {
    const random = seededRandom(3)
    const noisy = (center: number, spread: number) => Array.from({length: 20}, () => center + (random() * 2 - 1) * spread)
    expect(bootstrapMedianDifference(noisy(100, 3), noisy(120, 3), seededRandom(1)).significant).toBe(true)
    expect(bootstrapMedianDifference(noisy(100, 30), noisy(101, 30), seededRandom(1)).significant).toBe(false)
  })

  it('is reproducible for a seed', () => {
    const a = [1, 2, 3, 4, 5]
    const b = [2, 3, 4, 5, 6]
    expect(bootstrapMedianDifference(a, b, seededRandom(9))).toEqual(bootstrapMedianDifference(a, b, seededRandom(9)))
  })
})

describe('pricing', () => {
  it('prices arm64 below x86_64 and knows regional differences', () => {
    expect(pricesFor('arm64', 'eu-west-1').gbSecond).toBeLessThan(pricesFor('x86_64', 'eu-west-1').gbSecond)
    expect(pricesFor('x86_64', 'af-south-1').gbSecond).toBeGreaterThan(pricesFor('x86_64', 'us-east-1').gbSecond)
  })

  it('computes the cost of one invocation from billed duration and memory', () => {
    const price = pricesFor('x86_64', 'us-east-1')
    expect(invocationCost(1000, 1024, price)).toBeCloseTo(0.0000166667 + 0.0000002, 12)
  })

  it('bounds the cost of the tuning by the timeout', () => {
    const price = pricesFor('x86_64', 'us-east-1')
    expect(estimateTuningCost([1024], 10, 1, price)).toEqual({maxCost: 10 * invocationCost(1000, 1024, price), invocations: 10})
  })
})

describe('plan validation', () => {
  it('parses memory values, adds the current one and sorts', () => {
    expect(parseMemories('1024, 512,512', 1769)).toEqual([512, 1024, 1769])
    expect(parseMemories(undefined)).toContain(3008)
  })

  it.each([['0'], ['64'], ['20000'], ['abc'], ['1.5'], ['']])('refuses %j', (text) => {
    expect(() => parseMemories(text)).toThrow(PlanError)
  })

  it('reads weighted payload files and inline JSON', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sls-eda-payload-'))
    writeFileSync(path.join(dir, 'a.json'), '{"size":"large"}')
    const payloads = loadPayloads('{"x":1}', ['a.json:3'], dir)
    expect(payloads).toEqual([
      {body: '{"x":1}', weight: 1, label: 'inline'},
      {body: '{"size":"large"}', weight: 3, label: 'a.json'},
    ])
    expect(loadPayloads(undefined, [], dir)).toEqual([{body: '{}', weight: 1, label: 'empty object'}])
    expect(() => loadPayloads('{oops', [], dir)).toThrow(/--payload is not valid JSON/)
    expect(() => loadPayloads(undefined, ['a.json:0'], dir)).toThrow(/greater than 0/)
  })
})

describe('analyse', () => {
  const samples = (durations: number[]) => durations.map((durationMs, index) => ({durationMs, billedDurationMs: Math.ceil(durationMs), cold: index === 0, payload: 'p'}))
  const runOf = (runs: MemoryRun[]): TuneRun => ({
    function: {name: 'f', arn: 'arn:aws:lambda:us-east-1:1:function:f', memoryMb: 1024, timeoutSeconds: 3, architecture: 'x86_64', region: 'us-east-1', logFormat: 'Text'},
    runs,
    restore: {memoryMb: 1024, deletedVersions: [], problems: []},
    configurationWaitMs: 0,
  })

  it('breaks a cost tie by speed', () => {
    // 512 MB × 200 ms and 1024 MB × 100 ms cost the same; 1024 MB is faster.
    const run = runOf([
      {memoryMb: 512, samples: samples([999, 200, 200, 200, 200])},
      {memoryMb: 1024, samples: samples([999, 100, 100, 100, 100])},
    ])
    expect(analyse(run, {strategy: 'cost', weight: 0.5, trim: 0, includeColdStarts: false}).recommendations.cost?.memoryMb).toBe(1024)
  })

  it('leaves out cold starts unless asked, and failed memory values always', () => {
    const run = runOf([
      {memoryMb: 256, samples: [], failure: 'out of memory'},
      {memoryMb: 512, samples: samples([5000, 100, 100, 100])},
    ])
    const warm = analyse(run, {strategy: 'speed', weight: 0.5, trim: 0, includeColdStarts: false})
    expect(warm.stats.find((s) => s.memoryMb === 512)?.medianMs).toBe(100)
    expect(warm.recommendations.speed).toMatchObject({memoryMb: 512, runnerUpMb: undefined})
    const cold = analyse(run, {strategy: 'speed', weight: 0.5, trim: 0, includeColdStarts: true})
    expect(cold.stats.find((s) => s.memoryMb === 512)?.medianMs).toBe(100)
    expect(cold.stats.find((s) => s.memoryMb === 512)?.p95Ms).toBeGreaterThan(1000)
  })

  it('projects monthly costs and the saving against the current memory', () => {
    const run = runOf([
      {memoryMb: 512, samples: samples([1, 100, 100, 100])},
      {memoryMb: 1024, samples: samples([1, 100, 100, 100])},
    ])
    const analysis = analyse(run, {strategy: 'cost', weight: 0.5, trim: 0, includeColdStarts: false, monthlyInvocations: 1_000_000})
    expect(analysis.recommendations.cost?.memoryMb).toBe(512)
    expect(analysis.monthly?.saving).toBeCloseTo(analysis.monthly!.currentCost! / 2 - 0.1, 6)
  })
})
