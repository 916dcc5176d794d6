// Picks the reporter for a format; heavy reporters are loaded only when asked for.
import type {Format, ReportInput} from './types.js'

export async function render(format: Format, input: ReportInput): Promise<string> {
  switch (format) {
    case 'stylish':
      return (await import('./stylish.js')).renderStylish(input)
    case 'json':
      return (await import('./json.js')).renderJson(input)
    default:
      throw new Error(`the ${format} format is not available yet`)
  }
}
