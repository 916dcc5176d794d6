// Validates what the user asked `tune` to do: memory values and payloads, each with a message that says what is allowed.
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'

import type {Payload} from './engine.js'

/** Lambda accepts 128 MB to 10,240 MB in 1 MB steps. */
export const MIN_MEMORY = 128
export const MAX_MEMORY = 10_240
export const DEFAULT_MEMORIES = [128, 256, 512, 1024, 1536, 2048, 3008]

export class PlanError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PlanError'
  }
}

/** Parses `512,1024,1769`; the function's current memory is added so savings are measured, not extrapolated. */
export function parseMemories(text: string | undefined, currentMemory?: number): number[] {
  const values =
    text === undefined
      ? [...DEFAULT_MEMORIES]
      : text
          .split(',')
          .map((part) => part.trim())
          .filter((part) => part !== '')
          .map((part) => {
            if (!/^\d+$/.test(part)) throw new PlanError(`memory value "${part}" is not a whole number of MB (e.g. --memory 512,1024,1769)`)
            return Number(part)
          })
  if (values.length === 0) throw new PlanError('--memory needs at least one value, e.g. --memory 512,1024')
  for (const value of values) {
    if (value < MIN_MEMORY || value > MAX_MEMORY) throw new PlanError(`memory value ${value} MB is outside what Lambda allows (${MIN_MEMORY} to ${MAX_MEMORY} MB)`)
  }
  if (currentMemory !== undefined) values.push(currentMemory)
  return [...new Set(values)].sort((a, b) => a - b)
}

function checkJson(text: string, where: string): string {
  try {
    JSON.parse(text)
  } catch (error) {
    throw new PlanError(`${where} is not valid JSON: ${(error as Error).message}`)
  }
  return text
}

/**
 * Payloads from `--payload` (inline JSON) and `--payload-file PATH[:WEIGHT]` (repeatable, weighted).
 * Without either, the function is invoked with `{}`.
 */
export function loadPayloads(inline: string | undefined, files: readonly string[] = [], cwd = process.cwd()): Payload[] {
  const payloads: Payload[] = []
  if (inline !== undefined) payloads.push({body: checkJson(inline, '--payload'), weight: 1, label: 'inline'})
  for (const spec of files) {
    let file = spec
    let weight = 1
    const match = /^(.*):(\d+(?:\.\d+)?)$/.exec(spec)
    if (match && !existsSync(path.resolve(cwd, spec))) {
      file = match[1]!
      weight = Number(match[2])
      if (!(weight > 0)) throw new PlanError(`payload weight in "${spec}" must be greater than 0`)
    }
    const full = path.resolve(cwd, file)
    let text: string
    try {
      text = readFileSync(full, 'utf8')
    } catch (error) {
      throw new PlanError(`cannot read payload file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
    }
    payloads.push({body: checkJson(text, `payload file ${file}`), weight, label: file})
  }
  if (payloads.length === 0) payloads.push({body: '{}', weight: 1, label: 'empty object'})
  return payloads
}
