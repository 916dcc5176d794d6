// The rule presets a configuration or `--preset` may name; a module of its own so commands list them without loading the configuration reader.
export const PRESETS = ['recommended', 'strict'] as const

export type Preset = (typeof PRESETS)[number]
