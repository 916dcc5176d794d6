// In a terminal, `sls-eda new` asks for what is missing; cancelling a question prints one line and writes nothing.
import {mkdtempSync, readdirSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {afterEach, describe, expect, it, vi} from 'vitest'

import {PromptCancelled} from '../../src/scaffold/errors.js'
import type {Prompter} from '../../src/scaffold/prompts.js'

const answers: {prompter?: Prompter} = {}

vi.mock('../../src/scaffold/prompts.js', () => ({clackPrompter: () => answers.prompter}))

const root = path.resolve(import.meta.dirname, '../..')

async function runInTerminal(argv: string[], cwd: string): Promise<{stdout: string; stderr: string; exitCode?: number}> {
  const {default: New} = await import('../../src/commands/new.js')
  const previous = {cwd: process.cwd(), stdin: process.stdin.isTTY, stdout: process.stdout.isTTY}
  let stdout = ''
  let stderr = ''
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true))
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true))
  process.chdir(cwd)
  process.stdin.isTTY = true
  process.stdout.isTTY = true
  let exitCode: number | undefined
  try {
    await New.run(argv, root)
  } catch (error) {
    exitCode = (error as {oclif?: {exit?: number}}).oclif?.exit
    if (exitCode === undefined) throw error
  } finally {
    process.chdir(previous.cwd)
    process.stdin.isTTY = previous.stdin
    process.stdout.isTTY = previous.stdout
    vi.restoreAllMocks()
  }
  return {stdout, stderr, exitCode}
}

afterEach(() => {
  answers.prompter = undefined
})

describe('sls-eda new in a terminal', () => {
  it('asks for the pattern, flavour, language and name, then writes the project', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'sls-eda-prompt-'))
    const asked: string[] = []
    answers.prompter = {
      pattern: async () => (asked.push('pattern'), 'outbox'),
      iac: async () => (asked.push('iac'), 'sam'),
      language: async () => (asked.push('language'), 'python'),
      name: async () => (asked.push('name'), 'orders'),
      writeIntoNonEmpty: async () => true,
    }
    const result = await runInTerminal([], cwd)
    expect(asked).toEqual(['pattern', 'iac', 'language', 'name'])
    expect(result.exitCode).toBeUndefined()
    expect(readdirSync(path.join(cwd, 'orders'))).toEqual(expect.arrayContaining(['template.yaml', 'pyproject.toml']))
    expect(result.stdout).toContain('pip install -r requirements-dev.txt')
  })

  it('does not ask for the language when --language is given', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'sls-eda-prompt-'))
    const asked: string[] = []
    answers.prompter = {
      pattern: async () => 'saga',
      iac: async () => 'sam',
      language: async () => (asked.push('language'), 'python'),
      name: async () => 'booking',
      writeIntoNonEmpty: async () => true,
    }
    await runInTerminal(['--language', 'typescript'], cwd)
    expect(asked).toEqual([])
    expect(readdirSync(path.join(cwd, 'booking'))).toContain('package.json')
  })

  it('prints one line and writes nothing when a question is cancelled', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'sls-eda-prompt-'))
    answers.prompter = {
      pattern: async () => {
        throw new PromptCancelled()
      },
      iac: async () => 'sam',
      language: async () => 'typescript',
      name: async (fallback) => fallback,
      writeIntoNonEmpty: async () => true,
    }
    const result = await runInTerminal([], cwd)
    expect(result.exitCode).toBe(130)
    expect(result.stderr.trim().split('\n')).toEqual(['cancelled: nothing was written'])
    expect(result.stdout).toBe('')
    expect(readdirSync(cwd)).toEqual([])
  })
})
