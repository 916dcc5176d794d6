// Where rule fixtures live and how to read them: the template fixture runner and the live one share this.
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/rules')

/** The pass and fail fixture files of a rule, sorted. */
export function fixturesOf(id: string): string[] {
  const dir = path.join(FIXTURES, id)
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => /^(pass|fail).*\.(ya?ml|json)$/.test(name))
        .sort()
    : []
}

/** Options a rule's fixtures run with, from an optional options.json next to them (for clock-dependent rules whose window must reach real dates). */
export function fixtureOptionsOf(id: string): Record<string, unknown> | undefined {
  const file = path.join(FIXTURES, id, 'options.json')
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : undefined
}
