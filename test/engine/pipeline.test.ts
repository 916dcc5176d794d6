// The run pipeline lint and audit share: configuration and rule selection, the exit code of a run, and writing its report.
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {runExitCode, selectRules} from '../../src/engine/pipeline.js'
import {EXIT, UsageError} from '../../src/lib/exit-codes.js'
import {writeOutput} from '../../src/report/output.js'

const folder = (): string => mkdtempSync(path.join(tmpdir(), 'sls-eda-pipeline-'))

describe('selectRules', () => {
  it('reads the nearest configuration, and --preset wins over it', async () => {
    const cwd = folder()
    writeFileSync(path.join(cwd, '.sls-eda.yml'), 'preset: strict\nrules:\n  SQS001: off\n')
    const fromFile = await selectRules({cwd, source: 'template'})
    expect(fromFile.config).toMatchObject({preset: 'strict', rules: {SQS001: 'off'}, file: path.join(cwd, '.sls-eda.yml')})
    expect((await selectRules({cwd, preset: 'recommended', source: 'template'})).config.preset).toBe('recommended')
  })

  it('names the configuration file, relative to the working folder, when it is wrong', async () => {
    const cwd = folder()
    writeFileSync(path.join(cwd, 'bad.yml'), 'colour: blue\n')
    await expect(selectRules({cwd, config: 'bad.yml', source: 'live'})).rejects.toThrow(
      new UsageError('bad.yml: unknown key "colour" (expected one of preset, rules, services, severities, ignore, registryTypes, applications)'),
    )
  })

  it('runs only the rules named with --rule, at their default severity, by id or name', async () => {
    const {catalogue, config} = await selectRules({cwd: folder(), rule: ['SQS001', 'lambda-tracing-disabled'], source: 'template'})
    expect(catalogue.map((rule) => rule.meta.name)).toEqual(['sqs-queue-without-dlq', 'lambda-tracing-disabled'])
    expect(Object.keys(config.rules)).toEqual(catalogue.map((rule) => rule.meta.id))
  })

  it("refuses an unknown rule, and a rule that does not claim the run's source", async () => {
    await expect(selectRules({cwd: folder(), rule: ['NOPE001'], source: 'template'})).rejects.toThrow(/unknown rule "NOPE001"; run `sls-eda rules` to list them/)
    await expect(selectRules({cwd: folder(), rule: ['SLS003'], source: 'live'})).rejects.toThrow(/rule SLS003 \(.+\) checks templates only and cannot run on a live account/)
  })
})

describe('runExitCode', () => {
  const file = (severities: Array<'error' | 'warning' | 'info'>, unusable = false) => ({unusable, findings: severities.map((severity) => ({severity}))})
  it.each([
    {files: [file([])], options: {failLevel: 'error' as const}, code: EXIT.ok},
    {files: [file(['warning'])], options: {failLevel: 'error' as const}, code: EXIT.ok},
    {files: [file(['warning'])], options: {failLevel: 'warning' as const}, code: EXIT.findings},
    {files: [file(['warning', 'warning'])], options: {failLevel: 'error' as const, maxWarnings: 1}, code: EXIT.findings},
    {files: [file(['warning'])], options: {failLevel: 'error' as const, maxWarnings: 1}, code: EXIT.ok},
    {files: [file(['error']), file([], true)], options: {failLevel: 'error' as const}, code: EXIT.usage},
    {files: [file(['info'])], options: {failLevel: 'error' as const, partial: true}, code: EXIT.partial},
    {files: [file(['error'])], options: {failLevel: 'error' as const, partial: true}, code: EXIT.findings},
  ])('$code for $files.length file(s) with $options', ({files, options, code}) => {
    expect(runExitCode(files, options)).toBe(code)
  })
})

describe('writeOutput', () => {
  it('creates the folder and answers the path as messages show it', () => {
    const cwd = folder()
    expect(writeOutput('reports/out.txt', 'text', cwd)).toBe(path.join('reports', 'out.txt'))
    expect(readFileSync(path.join(cwd, 'reports/out.txt'), 'utf8')).toBe('text')
  })

  it('turns a path that cannot be written into one UsageError naming it', () => {
    const cwd = folder()
    writeFileSync(path.join(cwd, 'blocker'), '')
    expect(() => writeOutput('blocker/out.txt', 'text', cwd)).toThrow(UsageError)
    expect(() => writeOutput('blocker/out.txt', 'text', cwd)).toThrow(/^cannot write blocker\/out\.txt: E[A-Z]+$/)
  })
})
