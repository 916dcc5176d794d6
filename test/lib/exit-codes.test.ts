// The exit-code contract (0 clean, 1 findings, 2 unusable input, 3 partial audit, 4 tune restore failure), one table run against lint, audit and tune as a user runs them.
import {spawn} from 'node:child_process'
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {afterEach, describe, expect, it} from 'vitest'

import {EXIT} from '../../src/lib/exit-codes.js'
import {FakeLambda, fakeAwsEnv, KNOWN_CURVE, type FakeLambdaOptions} from '../tune/fake-lambda.js'

const root = path.resolve(import.meta.dirname, '../..')
const bin = path.join(root, 'bin/run.js')
const dir = mkdtempSync(path.join(tmpdir(), 'sls-eda-exit-'))

const CLEAN_TEMPLATE = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      KmsMasterKeyId: alias/aws/sns\n'
const QUEUE_WITHOUT_DLQ = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Jobs:\n    Type: AWS::SQS::Queue\n'
writeFileSync(path.join(dir, 'clean.yaml'), CLEAN_TEMPLATE)
writeFileSync(path.join(dir, 'queue.yaml'), QUEUE_WITHOUT_DLQ)
writeFileSync(path.join(dir, 'broken.yaml'), 'Resources: [\n')
mkdirSync(path.join(dir, 'docs'))
writeFileSync(path.join(dir, 'docs/README.md'), '# Nothing to lint here\n')
// A file where a folder must be: nothing can be written below it.
writeFileSync(path.join(dir, 'blocker'), '')
const UNWRITABLE = path.join(dir, 'blocker', 'report.txt')

const ARN = 'arn:aws:sqs:eu-west-1:123456789012:jobs'
function inventory(name: string, options: {nodes?: unknown[]; notChecked?: unknown[]} = {}): string {
  const file = path.join(dir, `${name}.json`)
  const document = {
    format: 'sls-eda-inventory',
    version: 1,
    collectedAt: '2026-01-01T00:00:00.000Z',
    accountId: '123456789012',
    partition: 'aws',
    regions: ['eu-west-1'],
    notChecked: options.notChecked ?? [],
    nodes: options.nodes ?? [],
  }
  writeFileSync(file, JSON.stringify(document))
  return file
}
const EMPTY = inventory('empty')
const QUEUE = inventory('queue', {nodes: [{id: ARN, type: 'AWS::SQS::Queue', props: {QueueName: 'jobs'}, origin: {arn: ARN, region: 'eu-west-1', account: '123456789012'}, aliases: [], names: ['jobs']}]})
const PARTIAL = inventory('partial', {notChecked: [{region: 'eu-west-1', service: 'sqs', action: 'sqs:ListQueues', message: 'denied'}]})

interface Run {
  status: number | null
  stderr: string
}

function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {cwd: dir, env: {PATH: process.env.PATH ?? '', HOME: dir, CI: 'true', NO_COLOR: '1', AWS_EC2_METADATA_DISABLED: 'true', ...env}})
    let stderr = ''
    child.stdout.resume()
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (status) => resolve({status, stderr: stderr.replace(/\s*\n\s*›\s*/g, ' ')}))
  })
}

const lambdas: FakeLambda[] = []
afterEach(async () => {
  await Promise.all(lambdas.splice(0).map((fake) => fake.stop()))
})
async function lambdaEnv(options: Partial<FakeLambdaOptions> = {}): Promise<Record<string, string>> {
  const fake = new FakeLambda({curve: KNOWN_CURVE, noise: 0.03, ...options})
  lambdas.push(fake)
  return fakeAwsEnv(await fake.start())
}
const TUNE = ['tune', 'orders-worker', '--memory', '256,512', '-n', '3', '--poll-interval', '5']

interface Case {
  code: keyof typeof EXIT
  why: string
  args: string[]
  env?: () => Promise<Record<string, string>>
  /** What standard error must say, for codes that stop the run. */
  stderr?: RegExp
}

/** Every command and every code it documents, with a way to get it. */
const TABLE: Record<'lint' | 'audit' | 'tune', Case[]> = {
  lint: [
    {code: 'ok', why: 'a template without findings', args: ['lint', 'clean.yaml']},
    {code: 'findings', why: 'a finding at the fail level (a queue nothing consumes lacks a DLQ: a warning)', args: ['lint', 'queue.yaml', '--fail-level', 'warning']},
    {code: 'usage', why: 'an unparseable template', args: ['lint', 'broken.yaml']},
    {code: 'usage', why: 'an unknown rule', args: ['lint', 'clean.yaml', '--rule', 'NOPE001'], stderr: /unknown rule "NOPE001"/},
    {code: 'usage', why: 'an unwritable --output', args: ['lint', 'clean.yaml', '--output', UNWRITABLE], stderr: /cannot write .*report\.txt: E[A-Z]+/},
    {code: 'usage', why: 'a path that does not exist', args: ['lint', 'clean.yml'], stderr: /clean\.yml: no such file or directory/},
    {code: 'usage', why: 'no template in the paths given', args: ['lint', 'docs'], stderr: /no templates found in docs/},
    {code: 'ok', why: 'no template, allowed', args: ['lint', 'docs', '--pass-on-no-templates']},
  ],
  audit: [
    {code: 'ok', why: 'an inventory without findings', args: ['audit', '--from-inventory', EMPTY]},
    {code: 'findings', why: 'a finding at the fail level (a queue nothing consumes lacks a DLQ: a warning)', args: ['audit', '--from-inventory', QUEUE, '--fail-level', 'warning']},
    {code: 'usage', why: 'a file that is not an inventory', args: ['audit', '--from-inventory', path.join(dir, 'clean.yaml')], stderr: /cannot read inventory/},
    {code: 'usage', why: 'a template-only rule', args: ['audit', '--from-inventory', EMPTY, '--rule', 'SLS003'], stderr: /checks templates only and cannot run on a live account/},
    {code: 'usage', why: 'an unwritable --output', args: ['audit', '--from-inventory', QUEUE, '--output', UNWRITABLE], stderr: /cannot write .*report\.txt: E[A-Z]+/},
    {code: 'usage', why: 'an unwritable --write-baseline', args: ['audit', '--from-inventory', QUEUE, '--write-baseline', UNWRITABLE], stderr: /cannot write .*report\.txt: E[A-Z]+/},
    {code: 'partial', why: 'a service that could not be read and no finding', args: ['audit', '--from-inventory', PARTIAL], stderr: /sqs not checked/},
  ],
  tune: [
    {code: 'ok', why: 'a finished tuning', args: TUNE, env: () => lambdaEnv()},
    {code: 'findings', why: 'no memory value succeeded', args: TUNE, env: () => lambdaEnv({curve: () => ({error: 'oom'})})},
    {code: 'usage', why: '--apply with --dry-run', args: ['tune', 'orders-worker', '--apply', '--dry-run'], stderr: /cannot also be provided/},
    {code: 'usage', why: 'a function that does not exist', args: ['tune', 'missing-fn', '--poll-interval', '5'], env: () => lambdaEnv(), stderr: /function not found/},
    {code: 'restoreFailed', why: 'a function that could not be put back', args: TUNE, env: async () => ({...(await lambdaEnv({failUpdatesAfter: 1})), AWS_MAX_ATTEMPTS: '1'}), stderr: /not put back as it was/},
  ],
}

describe('exit codes', () => {
  for (const [command, cases] of Object.entries(TABLE)) {
    describe(command, () => {
      it.each(cases)(`$code ($why)`, async ({code, args, env, stderr}) => {
        const run = await cli(args, env ? await env() : {})
        expect(run.status, run.stderr).toBe(EXIT[code])
        if (stderr) expect(run.stderr).toMatch(stderr)
        expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/)
      })
    })
  }

  it('covers every code each command documents', () => {
    const codes = (command: keyof typeof TABLE) => [...new Set(TABLE[command].map((entry) => entry.code))].sort()
    expect(codes('lint')).toEqual(['findings', 'ok', 'usage'])
    expect(codes('audit')).toEqual(['findings', 'ok', 'partial', 'usage'])
    expect(codes('tune')).toEqual(['findings', 'ok', 'restoreFailed', 'usage'])
  })
})
