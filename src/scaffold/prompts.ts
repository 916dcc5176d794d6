// Interactive questions for `sls-eda new`, with @clack/prompts; streams are injectable so tests can answer them.
import type {Readable, Writable} from 'node:stream'

import {confirm, isCancel, select, text} from '@clack/prompts'

import {PromptCancelled} from './errors.js'
import {LANGUAGES, type LanguageName} from './languages.js'
import {IAC_FLAVOURS, type Iac, PATTERNS} from './patterns.js'

export interface Prompter {
  pattern(): Promise<string>
  iac(): Promise<Iac>
  language(): Promise<LanguageName>
  name(defaultName: string, validate: (value: string) => string | undefined): Promise<string>
  writeIntoNonEmpty(dir: string): Promise<boolean>
}

export interface PromptStreams {
  input?: Readable
  output?: Writable
}

function unwrap<T>(value: T | symbol): Exclude<T, symbol> {
  if (isCancel(value)) throw new PromptCancelled()
  return value as Exclude<T, symbol>
}

/** Questions asked through @clack/prompts on the given streams (the terminal by default). */
export function clackPrompter(streams: PromptStreams = {}): Prompter {
  const common = {input: streams.input, output: streams.output}
  return {
    async pattern() {
      return unwrap(await select({...common, message: 'Which pattern?', options: PATTERNS.map((pattern) => ({value: pattern.name, label: pattern.name, hint: pattern.summary}))}))
    },
    async iac() {
      return unwrap(
        await select<Iac>({
          ...common,
          message: 'Which infrastructure-as-code flavour?',
          options: IAC_FLAVOURS.map((iac) => ({value: iac, label: iac === 'sam' ? 'AWS SAM' : 'AWS CDK (TypeScript)'})),
        }),
      )
    },
    async language() {
      // The first entry (TypeScript) is the default: Enter keeps it.
      return unwrap(await select<LanguageName>({...common, message: 'Which language for the handlers?', options: LANGUAGES.map((language) => ({value: language.name, label: language.label}))}))
    },
    async name(defaultName, validate) {
      return unwrap(await text({...common, message: 'Project name?', placeholder: defaultName, defaultValue: defaultName, validate: (value) => (value ? validate(value) : undefined)}))
    },
    async writeIntoNonEmpty(dir) {
      return unwrap(await confirm({...common, message: `${dir} is not empty. Write into it anyway (files with the same names are replaced)?`, initialValue: false}))
    },
  }
}
