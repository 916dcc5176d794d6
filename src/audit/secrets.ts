// Keeps secrets found in live configuration (environment values) out of everything an audit prints or writes.
import {isRecord} from '../model/intrinsics.js'

/** Variable names that announce a secret. */
const SECRET_NAME = /(secret|passw(or)?d|pwd|token|api[_-]?key|apikey|private[_-]?key|credential|auth|signing[_-]?key|access[_-]?key|conn(ection)?[_-]?str)/i

/** Values that are secrets whatever their name: AWS keys, PEM blocks, common vendor tokens, URLs with passwords. */
const SECRET_VALUE = [
  /\b(AKIA|ASIA)[0-9A-Z]{16}\b/,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\bxox[abposr]-[0-9A-Za-z-]{10,}/,
  /\bgh[pousr]_[0-9A-Za-z]{30,}/,
  /\bsk_(live|test)_[0-9A-Za-z]{16,}/,
  /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]+@/i,
  /\beyJ[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]{10,}\./,
]

export const REDACTED = '********'

/** True when an environment variable looks like it holds a secret. */
export function looksSecret(name: string, value: string): boolean {
  if (value.length < 4) return false
  // References to a secret store are how secrets should be passed; they are not secrets themselves.
  if (/^arn:aws[a-z-]*:(secretsmanager|ssm|kms):/.test(value) || /^\{\{resolve:/.test(value)) return false
  return SECRET_NAME.test(name) || SECRET_VALUE.some((pattern) => pattern.test(value))
}

/** Function properties with secret-looking environment values replaced. */
export function redactEnvironment(props: Record<string, unknown>): Record<string, unknown> {
  const environment = props.Environment
  if (!isRecord(environment) || !isRecord(environment.Variables)) return props
  const variables: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(environment.Variables)) variables[name] = typeof value === 'string' && looksSecret(name, value) ? REDACTED : value
  return {...props, Environment: {...environment, Variables: variables}}
}

/** Every secret-looking environment value of the given function properties, longest first. */
export function secretValues(functionProps: Iterable<Record<string, unknown>>): string[] {
  const values = new Set<string>()
  for (const props of functionProps) {
    const variables = isRecord(props.Environment) && isRecord(props.Environment.Variables) ? props.Environment.Variables : {}
    for (const [name, value] of Object.entries(variables)) if (typeof value === 'string' && looksSecret(name, value)) values.add(value)
  }
  return [...values].sort((a, b) => b.length - a.length)
}

/** Replaces every occurrence of the secrets in a text. */
export function scrub(text: string, secrets: readonly string[]): string {
  let result = text
  for (const secret of secrets) if (result.includes(secret)) result = result.split(secret).join(REDACTED)
  return result
}
