// Output formats of `sls-eda transform`, apart from the transform itself so the command's flags load nothing else.
export const TRANSFORM_FORMATS = ['yaml', 'json'] as const
export type TransformFormat = (typeof TRANSFORM_FORMATS)[number]
