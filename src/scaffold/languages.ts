// The languages `sls-eda new` writes handlers in, as a data table: runtimes, template layers and the first commands to run.
import type {Iac} from './patterns.js'
import {type LambdaRuntime, NODE_RUNTIMES, PYTHON_RUNTIMES} from './runtimes.js'

export const LANGUAGE_NAMES = ['typescript', 'python'] as const
export type LanguageName = (typeof LANGUAGE_NAMES)[number]

/** A template folder, relative to the templates root, and the files of it this language leaves out. */
export interface Layer {
  dir: string
  /** Called with each file's path in the project (after renaming); true leaves it out. */
  skip?: (file: string) => boolean
}

export interface Language {
  name: LanguageName
  /** Shown in the prompt. */
  label: string
  /** The runtimes Lambda offers for it, newest first. */
  runtimes: readonly LambdaRuntime[]
  /** Folders rendered for a pattern and flavour, later layers overriding earlier ones. */
  layers(pattern: string, iac: Iac): Layer[]
  /** Commands printed after the project is written. */
  /** `npx` is how to run sls-eda without a package.json (`npx sls-eda`, or `npx --package <tarball> sls-eda`). */
  nextSteps(iac: Iac, npx: string): string[]
}

/** The infrastructure every language shares: base files, the SAM or CDK layer, the pattern's README, events and templates. */
const infrastructure = (pattern: string, iac: Iac, skip?: (file: string) => boolean): Layer[] => [
  {dir: '_base', skip},
  {dir: `_${iac}`, skip},
  {dir: `${pattern}/shared`, skip},
  {dir: `${pattern}/${iac}`, skip},
]

/**
 * Files of the shared layers that only a TypeScript project has: its handlers and tests, its test
 * runner, its package.json and .gitignore (Python layers bring their own), and for SAM the
 * tsconfig.json (a Python CDK project keeps it: its CDK app is TypeScript).
 */
const typescriptOnly =
  (iac: Iac) =>
  (file: string): boolean =>
    /^(src|test)\//.test(file) || ['vitest.config.ts', 'package.json', '.gitignore'].includes(file) || (iac === 'sam' && file === 'tsconfig.json')

export const LANGUAGES: readonly Language[] = [
  {
    name: 'typescript',
    label: 'TypeScript (Node.js)',
    runtimes: NODE_RUNTIMES,
    layers: (pattern, iac) => infrastructure(pattern, iac),
    nextSteps: (iac) => [
      'npm install',
      'npm test          # unit tests of the handlers, no AWS account needed',
      iac === 'sam' ? 'npm run lint      # sls-eda lint on template.yaml' : 'npm run lint      # cdk synth, then sls-eda lint on cdk.out',
    ],
  },
  {
    name: 'python',
    label: 'Python',
    runtimes: PYTHON_RUNTIMES,
    layers: (pattern, iac) => [...infrastructure(pattern, iac, typescriptOnly(iac)), {dir: '_python/_base'}, {dir: `_python/_${iac}`}, {dir: `_python/${pattern}`}],
    nextSteps: (iac, npx) => [
      'python3 -m venv .venv && . .venv/bin/activate',
      'pip install -r requirements-dev.txt',
      'pytest            # unit tests of the handlers, no AWS account needed',
      iac === 'sam' ? `${npx} lint template.yaml --fail-level warning` : 'npm install && npm run lint      # cdk synth, then sls-eda lint on cdk.out',
    ],
  },
]

export const DEFAULT_LANGUAGE: LanguageName = 'typescript'

export function findLanguage(name: string): Language | undefined {
  return LANGUAGES.find((language) => language.name === name)
}
