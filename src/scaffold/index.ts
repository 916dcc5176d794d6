// `sls-eda new` as a domain call: resolve the request (flags, then questions when allowed), render the pattern, write it.
import path from 'node:path'

import {camelCase, pascalCase, projectNameError, resolveTargetDir} from './names.js'
import {DEFAULT_LANGUAGE, findLanguage, LANGUAGE_NAMES, type LanguageName} from './languages.js'
import {findPattern, IAC_FLAVOURS, type Iac, PATTERNS} from './patterns.js'
import {PromptCancelled, UsageError} from './errors.js'
import type {Prompter} from './prompts.js'
import {renderProject, type RenderedFile} from './render.js'
import {ARCHITECTURES, type Architecture, defaultRuntime, type LambdaRuntime, NODE_RUNTIMES, supportedRuntimes} from './runtimes.js'
import {npxCommand, type SlsEdaDependency} from './install-source.js'
import {cdkAppDependencies, projectDependencies, pythonDependencies} from './versions.js'
import {existingEntries, TargetNotEmptyError, writeProject} from './write.js'

export {PromptCancelled, UsageError} from './errors.js'
export {TargetNotEmptyError} from './write.js'

export interface NewInput {
  pattern?: string
  iac?: string
  language?: string
  name?: string
  dir?: string
  runtime?: string
  arch?: string
  alarmEmail?: string
  alarmTopicArn?: string
  force?: boolean
}

export interface NewRequest {
  pattern: string
  iac: Iac
  language: LanguageName
  name: string
  dir: string
  runtime: LambdaRuntime
  arch: Architecture
  alarmEmail?: string
  alarmTopicArn?: string
  force: boolean
}

export interface ResolveEnv {
  cwd: string
  now: Date
  /** Questions may be asked (a terminal, no --json). */
  interactive: boolean
  prompter?: Prompter
}

const list = (values: readonly string[]): string => values.join(', ')

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/

/** Turns flags (and answers, when questions are allowed) into a complete request, or throws UsageError / PromptCancelled. */
export async function resolveRequest(input: NewInput, env: ResolveEnv): Promise<NewRequest> {
  const ask = env.interactive ? env.prompter : undefined
  const patternNames = PATTERNS.map((pattern) => pattern.name)
  let patternName = input.pattern
  if (patternName === undefined) {
    if (!ask) throw new UsageError(`missing pattern; valid patterns: ${list(patternNames)} (sls-eda new --list describes them)`)
    patternName = await ask.pattern()
  }
  const pattern = findPattern(patternName)
  if (!pattern) throw new UsageError(`unknown pattern "${patternName}"; valid patterns: ${list(patternNames)}`)

  let iac = input.iac
  if (iac === undefined) {
    if (!ask) throw new UsageError(`missing --iac; valid values: ${list(IAC_FLAVOURS)}`)
    iac = await ask.iac()
  }
  if (!(IAC_FLAVOURS as readonly string[]).includes(iac) || !pattern.flavours.includes(iac as Iac)) {
    throw new UsageError(`unknown --iac "${iac}" for ${pattern.name}; valid values: ${list(pattern.flavours)}`)
  }

  let languageName = input.language
  if (languageName === undefined) languageName = ask ? await ask.language() : DEFAULT_LANGUAGE
  const language = findLanguage(languageName)
  if (!language) throw new UsageError(`unknown --language "${languageName}"; valid values: ${list(LANGUAGE_NAMES)}`)

  const fromDir = input.dir === undefined ? undefined : path.basename(path.resolve(env.cwd, input.dir))
  let name = input.name
  if (name === undefined) {
    const fallback = fromDir !== undefined && projectNameError(fromDir) === undefined ? fromDir : pattern.defaultName
    name = ask && input.dir === undefined ? await ask.name(fallback, projectNameError) : fallback
  }
  const nameError = projectNameError(name)
  if (nameError) throw new UsageError(`invalid --name: ${nameError}`)

  const target = resolveTargetDir(input.dir ?? name, env.cwd)
  if ('error' in target) throw new UsageError(`invalid --dir: ${target.error}`)

  const supported = supportedRuntimes(env.now, language.runtimes)
  const runtime = input.runtime === undefined ? defaultRuntime(env.now, language.runtimes) : supported.find((candidate) => candidate.id === input.runtime)
  if (!runtime) {
    const known = language.runtimes.find((candidate) => candidate.id === input.runtime)
    throw new UsageError(`${known ? `--runtime ${input.runtime} is deprecated by Lambda` : `unknown --runtime "${input.runtime}" for ${language.name}`}; valid values: ${list(supported.map((r) => r.id))}`)
  }
  const arch = (input.arch ?? 'arm64') as Architecture
  if (!ARCHITECTURES.includes(arch)) throw new UsageError(`unknown --arch "${input.arch}"; valid values: ${list(ARCHITECTURES)}`)
  if (input.alarmEmail !== undefined && input.alarmTopicArn !== undefined) throw new UsageError('give either --alarm-email or --alarm-topic-arn, not both')
  if (input.alarmEmail !== undefined && !EMAIL.test(input.alarmEmail)) throw new UsageError(`invalid --alarm-email "${input.alarmEmail}"; give an address such as oncall@example.com`)
  if (input.alarmTopicArn !== undefined && !TOPIC_ARN.test(input.alarmTopicArn)) {
    throw new UsageError(`invalid --alarm-topic-arn "${input.alarmTopicArn}"; give an SNS topic ARN such as arn:aws:sns:eu-west-1:123456789012:alarms`)
  }

  let force = input.force ?? false
  const entries = existingEntries(target.dir)
  if (entries && entries.length > 0 && !force) {
    if (!ask) throw new UsageError(new TargetNotEmptyError(target.dir, entries).message)
    if (!(await ask.writeIntoNonEmpty(path.relative(env.cwd, target.dir) || target.dir))) throw new PromptCancelled()
    force = true
  }
  return {pattern: pattern.name, iac: iac as Iac, language: language.name, name, dir: target.dir, runtime, arch, alarmEmail: input.alarmEmail, alarmTopicArn: input.alarmTopicArn, force}
}

/** The sls-eda a project is generated by: its version, and how the project depends on it (`slsEdaDependency`). */
export interface SlsEdaSelf {
  version: string
  dependency: SlsEdaDependency
}

/**
 * The Node.js major a project declares (`engines`, `@types/node`): its functions' runtime for TypeScript handlers; for
 * the TypeScript CDK app of a Python project, the oldest Node.js runtime Lambda still supports on `now`.
 */
export function projectNodeMajor(request: NewRequest, now: Date = new Date()): number {
  if ('nodeMajor' in request.runtime) return request.runtime.nodeMajor as number
  const supported = supportedRuntimes(now, NODE_RUNTIMES)
  return Math.min(...(supported.length > 0 ? supported : NODE_RUNTIMES).map((runtime) => runtime.nodeMajor))
}

/** The values templates are rendered with. Every key is present so strict rendering catches typos. */
export function templateContext(request: NewRequest, self: SlsEdaSelf, now: Date = new Date()): Record<string, unknown> {
  const python = request.language === 'python'
  const nodeMajor = projectNodeMajor(request, now)
  // A Python project's CDK app is TypeScript: its package.json holds only the CDK toolchain.
  const {dependencies, devDependencies} = python
    ? {dependencies: {}, devDependencies: cdkAppDependencies(self.dependency.spec, nodeMajor)}
    : projectDependencies(request.pattern, request.iac, self.dependency.spec, nodeMajor)
  return {
    ...findPattern(request.pattern)?.data,
    name: request.name,
    pascalName: pascalCase(request.name),
    camelName: camelCase(request.name),
    pattern: request.pattern,
    iac: request.iac,
    sam: request.iac === 'sam',
    cdk: request.iac === 'cdk',
    language: request.language,
    typescript: !python,
    python,
    runtime: request.runtime.id,
    cdkRuntime: request.runtime.cdkConstant,
    nodeMajor,
    pythonVersion: 'pythonVersion' in request.runtime ? request.runtime.pythonVersion : null,
    pythonPackages: pythonDependencies(),
    arch: request.arch,
    cdkArch: request.arch === 'arm64' ? 'ARM_64' : 'X86_64',
    alarmEmail: request.alarmEmail ?? null,
    alarmTopicArn: request.alarmTopicArn ?? null,
    createAlarmTopic: request.alarmTopicArn === undefined,
    slsEdaVersion: self.version,
    // How to run this sls-eda in a folder without a package.json (a Python SAM project).
    slsEdaNpx: npxCommand(self.dependency, 'sls-eda'),
    dependencies,
    devDependencies,
  }
}

export interface GenerateResult {
  dir: string
  files: RenderedFile[]
  written: boolean
}

/** Renders the project and, unless `dryRun`, writes it (temporary folder, then moved into place). */
export function generate(request: NewRequest, options: {self: SlsEdaSelf; dryRun?: boolean; templatesRoot?: string}): GenerateResult {
  const files = renderProject(request.pattern, request.iac, templateContext(request, options.self), options.templatesRoot, request.language)
  if (options.dryRun) return {dir: request.dir, files, written: false}
  writeProject(request.dir, files, {force: request.force})
  return {dir: request.dir, files, written: true}
}
