// Turning flags into a request: errors list the valid values, questions only when allowed, runtimes from the data table.
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {PassThrough} from 'node:stream'

import {describe, expect, it} from 'vitest'

import {PromptCancelled, resolveRequest, UsageError} from '../../src/scaffold/index.js'
import {PATTERNS} from '../../src/scaffold/patterns.js'
import {clackPrompter, type Prompter} from '../../src/scaffold/prompts.js'
import {defaultRuntime, PYTHON_RUNTIMES, supportedRuntimes} from '../../src/scaffold/runtimes.js'

const NOW = new Date('2026-11-23T00:00:00Z')
const cwd = () => mkdtempSync(path.join(tmpdir(), 'sls-eda-resolve-'))
const offline = (dir = cwd()) => ({cwd: dir, now: NOW, interactive: false})

async function usageError(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(UsageError)
  return (error as Error).message
}

describe('resolveRequest without a terminal', () => {
  it('refuses a missing pattern and lists the valid ones', async () => {
    const message = await usageError(resolveRequest({iac: 'sam'}, offline()))
    expect(message).toContain(`missing pattern; valid patterns: ${PATTERNS.map((pattern) => pattern.name).join(', ')}`)
  })

  it('refuses an unknown pattern and lists the valid ones', async () => {
    expect(await usageError(resolveRequest({pattern: 'cron', iac: 'sam'}, offline()))).toContain(`unknown pattern "cron"; valid patterns: ${PATTERNS.map((pattern) => pattern.name).join(', ')}`)
  })

  it('refuses a missing or unknown --iac and lists sam, cdk', async () => {
    expect(await usageError(resolveRequest({pattern: 'saga'}, offline()))).toBe('missing --iac; valid values: sam, cdk')
    expect(await usageError(resolveRequest({pattern: 'saga', iac: 'terraform'}, offline()))).toContain('valid values: sam, cdk')
  })

  it('names the project after --dir, or the pattern', async () => {
    const dir = cwd()
    expect((await resolveRequest({pattern: 'saga', iac: 'cdk', dir: 'services/booking'}, offline(dir))).name).toBe('booking')
    expect((await resolveRequest({pattern: 'saga', iac: 'cdk'}, offline(dir))).dir).toBe(path.join(dir, 'booking-saga'))
  })

  it('refuses names and folders that are not allowed', async () => {
    expect(await usageError(resolveRequest({pattern: 'saga', iac: 'sam', name: '../x'}, offline()))).toContain('invalid --name')
    expect(await usageError(resolveRequest({pattern: 'saga', iac: 'sam', name: 'ok', dir: '../x'}, offline()))).toContain('invalid --dir')
  })

  it('defaults to the newest supported runtime and arm64, and refuses deprecated or unknown runtimes', async () => {
    const request = await resolveRequest({pattern: 'saga', iac: 'sam'}, offline())
    expect(request.runtime.id).toBe('nodejs24.x')
    expect(request.arch).toBe('arm64')
    expect(await usageError(resolveRequest({pattern: 'saga', iac: 'sam', runtime: 'nodejs20.x'}, offline()))).toBe('--runtime nodejs20.x is deprecated by Lambda; valid values: nodejs24.x, nodejs22.x')
    expect(await usageError(resolveRequest({pattern: 'saga', iac: 'sam', runtime: 'python3.13'}, offline()))).toContain('valid values: nodejs24.x, nodejs22.x')
    expect(await usageError(resolveRequest({pattern: 'saga', iac: 'sam', arch: 'sparc'}, offline()))).toContain('valid values: arm64, x86_64')
  })

  it('writes TypeScript unless told otherwise, and refuses an unknown --language', async () => {
    expect((await resolveRequest({pattern: 'saga', iac: 'sam'}, offline())).language).toBe('typescript')
    expect(await usageError(resolveRequest({pattern: 'saga', iac: 'sam', language: 'go'}, offline()))).toBe('unknown --language "go"; valid values: typescript, python')
  })

  it("offers Python's runtimes for Python, and refuses a Node.js runtime there", async () => {
    const request = await resolveRequest({pattern: 'saga', iac: 'cdk', language: 'python'}, offline())
    expect(request.runtime.id).toBe('python3.13')
    expect((await resolveRequest({pattern: 'saga', iac: 'sam', language: 'python', runtime: 'python3.12'}, offline())).runtime.id).toBe('python3.12')
    expect(await usageError(resolveRequest({pattern: 'saga', iac: 'sam', language: 'python', runtime: 'nodejs24.x'}, offline()))).toBe(
      'unknown --runtime "nodejs24.x" for python; valid values: python3.13, python3.12',
    )
  })

  it('checks alarm destinations', async () => {
    expect(await usageError(resolveRequest({pattern: 'saga', iac: 'sam', alarmEmail: 'nope'}, offline()))).toContain('--alarm-email')
    expect(await usageError(resolveRequest({pattern: 'saga', iac: 'sam', alarmTopicArn: 'arn:aws:sqs:x'}, offline()))).toContain('--alarm-topic-arn')
  })

  it('refuses a non-empty folder without --force', async () => {
    const dir = cwd()
    writeFileSync(path.join(dir, 'keep.txt'), 'x')
    expect(await usageError(resolveRequest({pattern: 'saga', iac: 'sam', dir}, offline()))).toContain('--force')
    expect((await resolveRequest({pattern: 'saga', iac: 'sam', dir, force: true}, offline())).force).toBe(true)
  })
})

describe('resolveRequest in a terminal', () => {
  const answering = (answers: Partial<Record<keyof Prompter, unknown>>): Prompter => ({
    pattern: async () => answers.pattern as string,
    iac: async () => answers.iac as 'sam',
    language: async () => (answers.language as 'python' | undefined) ?? 'typescript',
    name: async (fallback) => (answers.name as string | undefined) ?? fallback,
    writeIntoNonEmpty: async () => answers.writeIntoNonEmpty as boolean,
  })

  it('asks for what is missing', async () => {
    const request = await resolveRequest({}, {cwd: cwd(), now: NOW, interactive: true, prompter: answering({pattern: 'outbox', iac: 'cdk', language: 'python', name: 'orders'})})
    expect(request).toMatchObject({pattern: 'outbox', iac: 'cdk', language: 'python', name: 'orders'})
  })

  it('stops when the user declines to write into a non-empty folder', async () => {
    const dir = cwd()
    writeFileSync(path.join(dir, 'keep.txt'), 'x')
    await expect(resolveRequest({pattern: 'saga', iac: 'sam', dir}, {cwd: dir, now: NOW, interactive: true, prompter: answering({writeIntoNonEmpty: false})})).rejects.toBeInstanceOf(PromptCancelled)
  })

  it('turns Ctrl-C in a clack prompt into PromptCancelled', async () => {
    const input = Object.assign(new PassThrough(), {isTTY: true, setRawMode: () => undefined})
    const output = new PassThrough()
    output.resume()
    const answer = clackPrompter({input, output}).pattern()
    setTimeout(() => input.write('\x03'), 50)
    await expect(answer).rejects.toBeInstanceOf(PromptCancelled)
  })
})

describe('runtimes', () => {
  it('keeps only runtimes Lambda still supports on a given day', () => {
    expect(supportedRuntimes(new Date('2026-01-01')).map((runtime) => runtime.id)).toEqual(['nodejs24.x', 'nodejs22.x', 'nodejs20.x'])
    expect(supportedRuntimes(new Date('2027-06-01')).map((runtime) => runtime.id)).toEqual(['nodejs24.x'])
    expect(defaultRuntime(new Date('2026-11-23')).id).toBe('nodejs24.x')
  })

  it('offers Python runtimes until their deprecation date, and none deprecated within a year of today', () => {
    expect(supportedRuntimes(new Date('2026-11-23'), PYTHON_RUNTIMES).map((runtime) => runtime.id)).toEqual(['python3.13', 'python3.12'])
    expect(supportedRuntimes(new Date('2028-12-01'), PYTHON_RUNTIMES).map((runtime) => runtime.id)).toEqual(['python3.13'])
    const inAYear = new Date(NOW.getTime() + 365 * 24 * 60 * 60 * 1000)
    expect(supportedRuntimes(inAYear, PYTHON_RUNTIMES)).toEqual(supportedRuntimes(NOW, PYTHON_RUNTIMES))
  })
})
