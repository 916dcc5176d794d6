// Picks the reporter for a format; each reporter is loaded only when asked for, so start-up stays fast.
import type {Format, ReportInput} from './types.js'

export async function render(format: Format, input: ReportInput): Promise<string> {
  switch (format) {
    case 'stylish':
      return (await import('./stylish.js')).renderStylish(input)
    case 'json':
      return (await import('./json.js')).renderJson(input)
    case 'sarif':
      return (await import('./sarif.js')).renderSarif(input)
    case 'junit':
      return (await import('./junit.js')).renderJunit(input)
    case 'github':
      return (await import('./github.js')).renderGithub(input)
  }
}
